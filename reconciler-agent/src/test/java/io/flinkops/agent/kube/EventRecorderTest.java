package io.flinkops.agent.kube;

import io.fabric8.kubernetes.api.model.Event;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRecorderTest {
    private static final String FD = "flink.apache.org/v1beta1";

    @Test
    void anEventNamesTheObjectAndTheSameEventAgainIsCountedNotRepeated() {
        try (MockKube kube = new MockKube()) {
            List<String> failures = new ArrayList<>();
            EventRecorder events = new EventRecorder(kube.client(), Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC),
                    "flinkops-agent-7d9f", failures::add);
            events.record(FD, "FlinkDeployment", "flink-payments", "orders", EventRecorder.NORMAL, "Applied",
                    "Applied commit c0ffee (server-side apply, field manager flinkops-agent).");
            events.record(FD, "FlinkDeployment", "flink-payments", "orders", EventRecorder.WARNING, "Refused",
                    "Not applied: Kubernetes namespace flink-payments is outside the fence of namespace analytics.");
            events.record(FD, "FlinkDeployment", "flink-payments", "orders", EventRecorder.WARNING, "Refused",
                    "Not applied: Kubernetes namespace flink-payments is outside the fence of namespace analytics.");

            List<Event> recorded = kube.client().v1().events().inNamespace("flink-payments").list().getItems().stream()
                    .sorted(Comparator.comparing(Event::getReason)).toList();
            assertEquals(List.of(), failures);
            assertEquals(2, recorded.size(), "the repeated event is one Event");
            Event applied = recorded.get(0);
            assertEquals("Applied", applied.getReason());
            assertEquals("Normal", applied.getType());
            assertEquals("FlinkDeployment", applied.getInvolvedObject().getKind());
            assertEquals("orders", applied.getInvolvedObject().getName());
            assertEquals(EventRecorder.COMPONENT, applied.getSource().getComponent());
            assertEquals("flinkops-agent-7d9f", applied.getReportingInstance());
            assertEquals(1, applied.getCount());
            Event refused = recorded.get(1);
            assertEquals("Warning", refused.getType());
            assertEquals(2, refused.getCount());
            assertTrue(refused.getMetadata().getName().startsWith("orders."), refused.getMetadata().getName());
        }
    }

    @Test
    void applyAndPruneLeaveEventsOnTheFlinkObjectsOnly() throws Exception {
        try (MockKube kube = new MockKube()) {
            List<String> failures = new ArrayList<>();
            KubernetesSteps steps = new KubernetesSteps(kube.client(), KubeSettings.of(List.of("flink-*")), Clock.systemUTC(),
                    java.util.Optional.of(new EventRecorder(kube.client(), Clock.systemUTC(), "agent", failures::add)));
            var desired = Fixtures.desired("c1", List.of(Fixtures.deployment("orders", "running", "stateless")));
            steps.apply(desired);
            steps.prune(Fixtures.desired("c2", List.of()), steps.apply(desired));
            List<Event> recorded = kube.client().v1().events().inNamespace(Fixtures.NS).list().getItems();
            assertEquals(List.of(), failures);
            assertTrue(recorded.stream().anyMatch(e -> e.getReason().equals("Applied") && e.getMessage().contains("commit c1")
                    && e.getInvolvedObject().getName().equals("orders")), recorded::toString);
            assertTrue(recorded.stream().allMatch(e -> e.getInvolvedObject().getKind().startsWith("Flink")), "no events on ConfigMaps or RBAC");
        }
    }

    @Test
    void anEventThatCannotBeRecordedIsReportedAndNeverFailsTheCaller() {
        try (MockKube kube = new MockKube()) {
            kube.faults().fail(FaultInjector.on("POST", "/events"), 1, 403);
            List<String> failures = new ArrayList<>();
            EventRecorder events = new EventRecorder(kube.client(), Clock.systemUTC(), "agent", failures::add);
            assertDoesNotThrow(() -> events.record(FD, "FlinkDeployment", "flink-payments", "orders", EventRecorder.NORMAL, "Pruned", "Deleted."));
            assertEquals(1, failures.size(), failures::toString);
            assertTrue(failures.get(0).contains("HTTP 403"), failures::toString);
        }
    }
}
