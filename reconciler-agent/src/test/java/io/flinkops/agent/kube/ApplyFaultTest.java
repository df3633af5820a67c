package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.Recovery;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.render.RenderedObject;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static io.flinkops.agent.kube.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** API faults in the middle of apply: the step fails RETRY_SOON, and a retry converges to the same objects. */
class ApplyFaultTest {

    /** The objects as a clean run leaves them, without server-assigned metadata. */
    static Map<String, JsonNode> snapshot(KubernetesClient client, DesiredState desired) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (RenderedObject o : desired.objects()) {
            ManagedKind kind = ManagedKind.of(o.apiVersion(), o.kind(), o.content().path("metadata").path("labels")).orElseThrow();
            JsonNode live = tree(get(client, kind, o.namespace(), o.name()));
            assertNotNull(live, o.name());
            ObjectNode copy = live.deepCopy();
            ObjectNode metadata = (ObjectNode) copy.get("metadata");
            metadata.remove(List.of("resourceVersion", "uid", "creationTimestamp", "managedFields"));
            out.put(o.kind() + " " + o.namespace() + "/" + o.name(), copy);
        }
        return out;
    }

    /** A clean run: one cycle, the session clusters READY, the next cycle (the session jobs). */
    static Map<String, JsonNode> reference(DesiredState desired) throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired);
            ApplyTest.sessionClustersReady(kube, desired);
            steps.apply(desired);
            return snapshot(kube.client(), desired);
        }
    }

    void faultMidApplyThenRetryConverges(int timeoutMillis, Consumer<FaultInjector> fault, String expectedInMessage) throws Exception {
        DesiredState desired = ApplyTest.examples("prod-eu");
        Map<String, JsonNode> expected = reference(desired);
        try (MockKube kube = new MockKube(timeoutMillis)) {
            fault.accept(kube.faults());
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            StepFailure f = assertThrows(StepFailure.class, () -> steps.apply(desired));
            assertEquals(Recovery.RETRY_SOON, f.recovery(), f.getMessage());
            assertTrue(f.getMessage().contains("FlinkDeployment "), f.getMessage());
            assertTrue(f.getMessage().contains(expectedInMessage), f.getMessage());

            ApplyResult retry = steps.apply(desired);
            assertFalse(retry.unchanged().isEmpty(), "objects applied before the fault are not re-sent");
            assertEquals(desired.objects().size(), retry.applied().size() + retry.unchanged().size() + retry.waiting().size());
            ApplyTest.sessionClustersReady(kube, desired);
            assertEquals(retry.waiting().size(), steps.apply(desired).applied().size(), "the session jobs follow");
            assertEquals(expected, snapshot(kube.client(), desired), "the retry leaves the same objects as a clean run");
            assertEquals(List.of(), steps.apply(desired).applied(), "and then nothing is left to send");
        }
    }

    @Test
    void serverError() throws Exception {
        faultMidApplyThenRetryConverges(2_000, f -> f.fail(FaultInjector.on("PATCH", "/flinkdeployments/"), 1, 500), "HTTP 500");
    }

    @Test
    void conflict() throws Exception {
        faultMidApplyThenRetryConverges(2_000, f -> f.fail(FaultInjector.on("PATCH", "/flinkdeployments/"), 1, 409), "HTTP 409");
    }

    @Test
    void tooManyRequests_withRetryAfter() throws Exception {
        faultMidApplyThenRetryConverges(2_000, f -> f.fail(FaultInjector.on("PATCH", "/flinkdeployments/"), 1, 429, 7), "retry after 7 s");
    }

    @Test
    void timeout_afterTheServerCarriedOutTheWrite() throws Exception {
        faultMidApplyThenRetryConverges(1_000, f -> f.delay(FaultInjector.on("PATCH", "/flinkdeployments/"), 1, Duration.ofMillis(2_500)),
                "did not answer");
    }

    @Test
    void timeoutOnRead() throws Exception {
        try (MockKube kube = new MockKube(1_000)) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            steps.apply(desired("c1", List.of(deployment("orders", "running", "savepoint"))));
            ObjectNode changed = deployment("orders", "running", "savepoint");
            ((ObjectNode) changed.get("spec")).put("image", "registry.acme.io/flink:1.20.3");
            // Apply reads what is live with one list of the managed FlinkDeployments.
            kube.faults().delay(FaultInjector.on("GET", "/flinkdeployments?"), 1, Duration.ofMillis(2_500));
            StepFailure f = assertThrows(StepFailure.class, () -> steps.apply(desired("c2", List.of(changed))));
            assertEquals(Recovery.RETRY_SOON, f.recovery(), f.getMessage());
            assertTrue(f.getMessage().contains("Could not list FlinkDeployment"), f.getMessage());
            assertEquals(List.of("FlinkDeployment flink-payments/orders"), steps.apply(desired("c2", List.of(changed))).applied());
        }
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        var config = new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                .withMasterUrl("http://127.0.0.1:" + port).withRequestRetryBackoffLimit(0).withRequestTimeout(1_000).withConnectionTimeout(1_000).build();
        try (KubernetesClient client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
            StepFailure f = assertThrows(StepFailure.class, () -> new KubernetesSteps(client, settings())
                    .apply(desired("c1", List.of(deployment("orders", "running", "savepoint")))));
            assertEquals(Recovery.RETRY_SOON, f.recovery(), f.getMessage());
        }
    }
}
