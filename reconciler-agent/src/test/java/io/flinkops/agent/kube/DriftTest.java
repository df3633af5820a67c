package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flinkops.agent.cycle.DesiredState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.flinkops.agent.kube.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** Drift is reported (the object and its fields), not only repaired; fields another controller owns are left alone. */
class DriftTest {

    static void patch(MockKube kube, String name, String mergePatch) {
        kube.client().genericKubernetesResources(ManagedKind.FLINK_DEPLOYMENT.context()).inNamespace(NS).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
    }

    static Map<?, ?> job(MockKube kube, String name) {
        return (Map<?, ?>) ((Map<?, ?>) get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, name).getAdditionalProperties().get("spec")).get("job");
    }

    static Object image(MockKube kube, String name) {
        return ((Map<?, ?>) get(kube.client(), ManagedKind.FLINK_DEPLOYMENT, NS, name).getAdditionalProperties().get("spec")).get("image");
    }

    @Test
    void aHandChangedObjectIsNamedWithItsFields_beforeItIsPutBack() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(), settings());
            DesiredState d = desired("c1", List.of(deployment("orders", "running", "savepoint"), configMap("orders-sql")));
            steps.apply(d);
            patch(kube, "orders", "{\"spec\":{\"image\":\"evil/flink:latest\",\"job\":{\"parallelism\":8},\"restartNonce\":3},"
                    + "\"metadata\":{\"annotations\":{\"flinkops.io/source-file\":\"elsewhere.yaml\"}}}");

            ApplyResult r = steps.apply(d);
            assertEquals(List.of(new ApplyResult.Drift("FlinkDeployment flink-payments/orders",
                    List.of("/metadata/annotations/flinkops.io~1source-file", "/spec/image", "/spec/job/parallelism"))), r.drifted(),
                    "the fields the agent sets that differ, as JSON pointers; restartNonce is not the agent's");
            assertEquals(List.of("FlinkDeployment flink-payments/orders"), r.applied());
            assertEquals(List.of("ConfigMap flink-payments/orders-sql"), r.unchanged());
            assertEquals("registry.acme.io/flink:1.20", image(kube, "orders"), "put back");
            assertEquals(2, job(kube, "orders").get("parallelism"));

            ApplyResult again = steps.apply(d);
            assertEquals(List.of(), again.drifted());
            assertEquals(List.of(), again.applied());

            // A change in the repo is not drift, even when the live object differs there too.
            ObjectNode changed = deployment("orders", "running", "savepoint");
            ((ObjectNode) changed.get("spec")).put("image", "registry.acme.io/flink:1.21");
            patch(kube, "orders", "{\"spec\":{\"image\":\"evil/flink:latest\"}}");
            ApplyResult repoChange = steps.apply(desired("c2", List.of(changed, configMap("orders-sql"))));
            assertEquals(List.of("FlinkDeployment flink-payments/orders"), repoChange.applied());
            assertEquals(List.of(), repoChange.drifted());
            assertEquals(List.of(new ApplyResult.Change("FlinkDeployment flink-payments/orders", false, List.of("/spec/image"))), repoChange.changes(),
                    "what the apply changed on the cluster, from the API server's answer");
        }
    }

    @Test
    void ignoredFieldsAreNeitherDriftNorOverwritten_butSetOnCreate() throws Exception {
        try (MockKube kube = new MockKube()) {
            KubernetesSteps steps = new KubernetesSteps(kube.client(),
                    settings().withIgnoreDifferences(List.of(IgnoreDifference.parse("FlinkDeployment:/spec/job/parallelism"))));
            DesiredState d = desired("c1", List.of(deployment("orders", "running", "savepoint")));
            steps.apply(d);
            assertEquals(2, job(kube, "orders").get("parallelism"), "a new object starts from the repo's value");

            patch(kube, "orders", "{\"spec\":{\"job\":{\"parallelism\":5}}}"); // the autoscaler
            ApplyResult scaled = steps.apply(d);
            assertEquals(List.of(), scaled.applied());
            assertEquals(List.of(), scaled.drifted());
            assertEquals(List.of("FlinkDeployment flink-payments/orders"), scaled.unchanged());

            // Another field changes in the repo: sent, with the live parallelism (the agent does not fight the autoscaler).
            ObjectNode newImage = deployment("orders", "running", "savepoint");
            ((ObjectNode) newImage.get("spec")).put("image", "registry.acme.io/flink:1.21");
            assertEquals(List.of("FlinkDeployment flink-payments/orders"), steps.apply(desired("c2", List.of(newImage))).applied());
            assertEquals(5, job(kube, "orders").get("parallelism"));
            assertEquals("registry.acme.io/flink:1.21", image(kube, "orders"));

            // The repo's parallelism only matters for a new object.
            ObjectNode newParallelism = newImage.deepCopy();
            ((ObjectNode) newParallelism.path("spec").path("job")).put("parallelism", 4);
            assertEquals(List.of(), steps.apply(desired("c3", List.of(newParallelism))).applied());
            assertEquals(5, job(kube, "orders").get("parallelism"));

            // Other kinds and other fields are compared as before.
            patch(kube, "orders", "{\"spec\":{\"job\":{\"upgradeMode\":\"stateless\"}}}");
            ApplyResult drift = steps.apply(desired("c3", List.of(newParallelism)));
            assertEquals(List.of(new ApplyResult.Drift("FlinkDeployment flink-payments/orders", List.of("/spec/job/upgradeMode"))), drift.drifted());
            assertEquals(5, job(kube, "orders").get("parallelism"));
        }
    }

    @Test
    void ignoreDifferencesAreWrittenKindColonPointer_andCannotHideWhatTheAgentNeeds() {
        IgnoreDifference i = IgnoreDifference.parse("FlinkDeployment:/spec/flinkConfiguration/pipeline.max-parallelism");
        assertEquals(List.of("spec", "flinkConfiguration", "pipeline.max-parallelism"), i.tokens());
        assertEquals(List.of("metadata", "annotations", "example.com/owner"), IgnoreDifference.parse(" ConfigMap:/metadata/annotations/example.com~1owner ").tokens());
        for (String bad : List.of("/spec/job/parallelism", "FlinkDeployment", "Secret:/data", "FlinkDeployment:/kind", "FlinkDeployment:/metadata/name",
                "FlinkDeployment:/metadata/labels/flinkops.io~1cluster", "FlinkDeployment:/metadata/labels/app.kubernetes.io~1managed-by",
                "FlinkDeployment:/spec//x", "FlinkDeployment:/spec/a~2b", "FlinkDeployment:/status")) {
            assertThrows(IllegalArgumentException.class, () -> IgnoreDifference.parse(bad), bad);
        }
    }
}
