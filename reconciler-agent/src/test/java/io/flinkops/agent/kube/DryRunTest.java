package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkops.agent.cycle.DesiredState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.flinkops.agent.kube.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code --dry-run}: apply and prune send each write they would make with {@code dryRun=All} (a server-side dry run:
 * the API server checks it and answers what it would store) and report what would change; nothing is persisted.
 */
class DryRunTest {

    /** resourceVersion of every object in the namespace, by kind and name: any write moves one. */
    static Map<String, String> versions(MockKube kube) {
        Map<String, String> out = new TreeMap<>();
        for (ManagedKind k : ManagedKind.RESOURCES) {
            for (GenericKubernetesResource r : kube.client().genericKubernetesResources(k.context()).inNamespace(NS).list().getItems()) {
                out.put(r.getKind() + "/" + r.getMetadata().getName(), r.getMetadata().getResourceVersion());
            }
        }
        return out;
    }

    @Test
    void everyWriteCarriesDryRunAll_nothingIsPersisted_andTheResultSaysWhatWouldChange() throws Exception {
        try (MockKube kube = new MockKube()) {
            new KubernetesSteps(kube.client(), settings()).apply(desired("c1", List.of(deployment("orders", "running", "savepoint"),
                    deployment("refunds", "running", "stateless"), deployment("ledger", "running", "savepoint"), configMap("orders-sql"))));
            writeStatus(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "ledger", "{\"observedGeneration\":1,\"jobStatus\":{\"state\":\"RUNNING\"}}");
            Map<String, String> before = versions(kube);
            int requests = kube.faults().requests().size();

            ObjectNode orders = deployment("orders", "running", "savepoint");
            ((ObjectNode) orders.get("spec")).put("image", "registry.acme.io/flink:1.21");
            ((ObjectNode) orders.path("spec").path("job")).put("parallelism", 4);
            DesiredState next = desired("c2", List.of(orders, deployment("fresh", "running", "stateless"), configMap("orders-sql")));
            KubernetesSteps dry = new KubernetesSteps(kube.client(), settings().withDryRun(true));
            assertTrue(dry.dryRun());
            ApplyResult applied = dry.apply(next);
            PruneResult pruned = dry.prune(next, applied);

            assertTrue(applied.dryRun() && pruned.dryRun());
            assertEquals(List.of(new ApplyResult.Change("FlinkDeployment flink-payments/fresh", true, List.of()),
                    new ApplyResult.Change("FlinkDeployment flink-payments/orders", false, List.of("/spec/image", "/spec/job/parallelism"))), applied.changes());
            assertEquals(List.of("ConfigMap flink-payments/orders-sql"), applied.unchanged());
            assertEquals(List.of("FlinkDeployment flink-payments/refunds"), pruned.deleted(), "would be deleted");
            assertEquals(1, pruned.suspended().size(), "the running stateful one would be suspended first");
            assertTrue(pruned.suspended().get(0).startsWith("FlinkDeployment flink-payments/ledger"), pruned.suspended()::toString);

            List<String> writes = kube.faults().requests().subList(requests, kube.faults().requests().size()).stream()
                    .filter(r -> !r.startsWith("GET ")).toList();
            assertEquals(4, writes.size(), writes::toString); // apply fresh, apply orders, suspend ledger, delete refunds
            for (String w : writes) assertTrue(w.contains("dryRun=All"), w);
            assertEquals(writes, kube.crud().dryRunRequests().subList(kube.crud().dryRunRequests().size() - 4, kube.crud().dryRunRequests().size()));
            assertEquals(before, versions(kube), "nothing persisted");
            assertNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "fresh"));
            assertEquals("running", ((Map<?, ?>) ((Map<?, ?>) get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "ledger")
                    .getAdditionalProperties().get("spec")).get("job")).get("state"));

            // The same cycle for real does what the dry run said.
            KubernetesSteps real = new KubernetesSteps(kube.client(), settings());
            ApplyResult done = real.apply(next);
            assertEquals(applied.changes(), done.changes());
            assertEquals(applied.applied(), done.applied());
            PruneResult prunedForReal = real.prune(next, done);
            assertEquals(pruned.deleted(), prunedForReal.deleted());
            assertEquals(pruned.suspended(), prunedForReal.suspended());
            assertNull(get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, "refunds"));
        }
    }

    @Test
    void aDryRunIsCheckedByTheApiServer_soARejectedObjectFailsAsItWould() throws Exception {
        try (MockKube kube = new MockKube()) {
            kube.faults().fail(FaultInjector.on("PATCH", "/flinkdeployments/orders?"), 1, 422);
            var failure = assertThrows(io.flinkops.agent.cycle.StepFailure.class, () -> new KubernetesSteps(kube.client(), settings().withDryRun(true))
                    .apply(desired("c1", List.of(deployment("orders", "running", "savepoint")))));
            assertEquals(io.flinkops.agent.cycle.Reason.API_REJECTED, failure.reason());
            assertTrue(failure.getMessage().startsWith("Could not dry-run apply FlinkDeployment flink-payments/orders"), failure.getMessage());
        }
    }
}
