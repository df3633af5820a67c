package io.flinkops.agent.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The test infrastructure itself: SSA accepted, status as a subresource, faults injected. */
class MockKubeTest {
    static final ResourceDefinitionContext FD = new ResourceDefinitionContext.Builder()
            .withGroup("flink.apache.org").withVersion("v1beta1").withKind("FlinkDeployment").withPlural("flinkdeployments")
            .withNamespaced(true).build();

    static GenericKubernetesResource fd(String name, String image) {
        return Serialization.unmarshal("""
                {"apiVersion":"flink.apache.org/v1beta1","kind":"FlinkDeployment",
                 "metadata":{"name":"%s","namespace":"team-a","labels":{"x":"y"}},
                 "spec":{"image":"%s","job":{"jarURI":"local:///a.jar","state":"running"}}}
                """.formatted(name, image), GenericKubernetesResource.class);
    }

    @Test
    void serverSideApplyCreatesThenMerges_andStatusIsASubresource() {
        try (MockKube kube = new MockKube()) {
            var api = kube.client().genericKubernetesResources(FD).inNamespace("team-a");
            GenericKubernetesResource created = api.resource(fd("orders", "flink:1")).fieldManager("flinkops-agent").forceConflicts().serverSideApply();
            assertEquals("flink:1", ((Map<?, ?>) created.getAdditionalProperties().get("spec")).get("image"));
            assertEquals(1L, created.getMetadata().getGeneration());

            api.withName("orders").subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"status\":{\"jobStatus\":{\"state\":\"RUNNING\"},\"observedGeneration\":1}}");
            GenericKubernetesResource updated = api.resource(fd("orders", "flink:2")).fieldManager("flinkops-agent").forceConflicts().serverSideApply();
            assertEquals("flink:2", ((Map<?, ?>) updated.getAdditionalProperties().get("spec")).get("image"));
            assertEquals(2L, updated.getMetadata().getGeneration(), "a spec change bumps the generation");
            Map<?, ?> status = (Map<?, ?>) api.withName("orders").get().getAdditionalProperties().get("status");
            assertEquals(Map.of("state", "RUNNING"), status.get("jobStatus"), "apply keeps the status subresource");

            assertTrue(kube.crud().applyRequests().stream().allMatch(p -> p.contains("fieldManager=flinkops-agent") && p.contains("force=true")),
                    kube.crud().applyRequests()::toString);
        }
    }

    @Test
    void applyReplacesListsAndKeepsFieldsItDoesNotSend() {
        try (MockKube kube = new MockKube()) {
            var api = kube.client().genericKubernetesResources(FD).inNamespace("team-a");
            String withArgs = """
                    {"apiVersion":"flink.apache.org/v1beta1","kind":"FlinkDeployment",
                     "metadata":{"name":"orders","namespace":"team-a"},
                     "spec":{"image":"flink:1","job":{"jarURI":"local:///a.jar","args":[%s]}}}
                    """;
            api.resource(Serialization.unmarshal(withArgs.formatted("\"--a\",\"--b\""), GenericKubernetesResource.class))
                    .fieldManager("m").forceConflicts().serverSideApply();
            api.withName("orders").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"serviceAccount\":\"other-manager\"}}");
            api.resource(Serialization.unmarshal(withArgs.formatted("\"--a\",\"--b\""), GenericKubernetesResource.class))
                    .fieldManager("m").forceConflicts().serverSideApply();
            api.resource(Serialization.unmarshal(withArgs.formatted("\"--c\""), GenericKubernetesResource.class))
                    .fieldManager("m").forceConflicts().serverSideApply();

            Map<?, ?> spec = (Map<?, ?>) api.withName("orders").get().getAdditionalProperties().get("spec");
            assertEquals(java.util.List.of("--c"), ((Map<?, ?>) spec.get("job")).get("args"), "a list is replaced, never appended to");
            assertEquals("other-manager", spec.get("serviceAccount"), "a field the apply does not send stays");
        }
    }

    @Test
    void faultsAreInjectedPerRequest() {
        try (MockKube kube = new MockKube(1_000)) {
            var api = kube.client().genericKubernetesResources(FD).inNamespace("team-a");
            kube.faults().fail(FaultInjector.on("PATCH", "/flinkdeployments/orders"), 1, 500)
                    .fail(FaultInjector.on("PATCH", "/flinkdeployments/orders"), 1, 429, 7)
                    .delay(FaultInjector.on("PATCH", "/flinkdeployments/orders"), 1, Duration.ofMillis(2_500));
            KubernetesClientException e500 = assertThrows(KubernetesClientException.class,
                    () -> api.resource(fd("orders", "flink:1")).fieldManager("m").forceConflicts().serverSideApply());
            assertEquals(500, e500.getCode());
            KubernetesClientException e429 = assertThrows(KubernetesClientException.class,
                    () -> api.resource(fd("orders", "flink:1")).fieldManager("m").forceConflicts().serverSideApply());
            assertEquals(429, e429.getCode());
            KubernetesClientException slow = assertThrows(KubernetesClientException.class,
                    () -> api.resource(fd("orders", "flink:1")).fieldManager("m").forceConflicts().serverSideApply());
            assertTrue(slow.getCode() <= 0, slow::toString);
            assertNotNull(api.withName("orders").get(), "the slow write was carried out although the client gave up");
            assertNotNull(api.resource(fd("orders", "flink:1")).fieldManager("m").forceConflicts().serverSideApply());
        }
    }
}
