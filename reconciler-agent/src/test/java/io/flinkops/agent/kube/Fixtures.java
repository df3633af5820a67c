package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.diag.Diagnostic;
import io.flinkops.model.RepositorySpec;
import io.flinkops.policy.ObjectFence;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;
import java.util.Map;

import java.util.List;

/** Hand-made rendered objects and desired states for the kube tests (labels as the compiler stamps them). */
final class Fixtures {
    static final String CLUSTER = "prod-eu";
    static final String NS = "flink-payments";
    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static ObjectNode object(String apiVersion, String kind, String namespace, String name, String cluster, String subjectLabel) {
        ObjectNode o = JSON.createObjectNode();
        o.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("name", name).put("namespace", namespace);
        ObjectNode labels = metadata.putObject("labels");
        labels.put(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE).put(Ownership.CLUSTER, cluster).put(Ownership.NAMESPACE, "payments");
        if (subjectLabel != null) labels.put(subjectLabel, name);
        metadata.putObject("annotations").put(Ownership.SOURCE_FILE, "namespaces/payments/" + name + ".yaml");
        return o;
    }

    /** An application FlinkDeployment of flinkops Deployment payments/{@code name}. */
    static ObjectNode deployment(String name, String jobState, String upgradeMode) {
        ObjectNode o = object("flink.apache.org/v1beta1", "FlinkDeployment", NS, name, CLUSTER, Ownership.DEPLOYMENT);
        ObjectNode spec = o.putObject("spec");
        spec.put("image", "registry.acme.io/flink:1.20").put("flinkVersion", "v1_20").put("serviceAccount", "flinkops-flink");
        spec.putObject("flinkConfiguration").put("execution.checkpointing.savepoint-dir", "s3://bucket/sp");
        spec.putObject("job").put("jarURI", "local:///opt/flink/usrlib/job.jar").put("state", jobState).put("upgradeMode", upgradeMode).put("parallelism", 2);
        return o;
    }

    static ObjectNode sessionCluster(String name) {
        ObjectNode o = object("flink.apache.org/v1beta1", "FlinkDeployment", NS, name, CLUSTER, Ownership.SESSION_CLUSTER);
        o.putObject("spec").put("image", "registry.acme.io/flink:1.20").put("flinkVersion", "v1_20");
        return o;
    }

    static ObjectNode sessionJob(String name, String cluster) {
        ObjectNode o = object("flink.apache.org/v1beta1", "FlinkSessionJob", NS, name, CLUSTER, Ownership.DEPLOYMENT);
        ObjectNode spec = o.putObject("spec");
        spec.put("deploymentName", cluster);
        spec.putObject("job").put("jarURI", "https://artifacts.acme.io/job.jar").put("state", "running").put("upgradeMode", "stateless");
        return o;
    }

    static ObjectNode configMap(String name) {
        ObjectNode o = object("v1", "ConfigMap", NS, name, CLUSTER, Ownership.DEPLOYMENT);
        o.putObject("data").put("script.sql", "SELECT 1;");
        return o;
    }

    static ObjectNode serviceAccount(String name) {
        return object("v1", "ServiceAccount", NS, name, CLUSTER, null);
    }

    /** {@code o} as the compiler renders an object of a resource paused with {@code flinkops.io/reconcile: disabled}. */
    static ObjectNode paused(ObjectNode o) {
        ((ObjectNode) o.path("metadata").path("annotations")).put(io.flinkops.plan.Reconcile.ANNOTATION, io.flinkops.plan.Reconcile.DISABLED)
                .put(io.flinkops.plan.Reconcile.FLUX_ANNOTATION, io.flinkops.plan.Reconcile.DISABLED);
        return o;
    }

    static RenderedObject rendered(ObjectNode content) {
        JsonNode labels = content.path("metadata").path("labels");
        return new RenderedObject(labels.path(Ownership.CLUSTER).asText(), content.path("apiVersion").asText(), content.path("kind").asText(),
                content.path("metadata").path("namespace").asText(), content.path("metadata").path("name").asText(), content, "namespaces/payments/x.yaml");
    }

    static DesiredState desired(String commit, List<ObjectNode> objects) {
        return desired(commit, objects, List.of("flink-*"), List.of());
    }

    static DesiredState desired(String commit, List<ObjectNode> objects, List<String> policy, List<Diagnostic> diagnostics) {
        // Rendered objects carry no commit; the applier adds it.
        List<RenderedObject> rendered = objects.stream().map(o -> rendered(o.deepCopy())).toList();
        return new DesiredState(CLUSTER, commit, rendered, fence(policy), diagnostics, Map.of());
    }

    /** A fence with only the outer patterns. */
    static ObjectFence fence(List<String> allowedKubernetesNamespaces) {
        return ObjectFence.of(new RepositorySpec(null, null, new RepositorySpec.Policy(allowedKubernetesNamespaces, null, null, null,
                null, null, null, null, null, null), null, null, null));
    }

    static final ManagedKind CONFIG_MAP = ManagedKind.of(io.flinkops.render.ObjectKind.CONFIG_MAP, false);

    static KubeSettings settings() {
        return KubeSettings.of(List.of("flink-*", "bi-streaming"));
    }

    /** Writes a simulated operator status onto the status subresource. */
    static void writeStatus(KubernetesClient client, ManagedKind kind, String namespace, String name, String statusJson) {
        client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + statusJson + "}");
    }

    static GenericKubernetesResource get(KubernetesClient client, ManagedKind kind, String namespace, String name) {
        return client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).get();
    }

    static JsonNode tree(GenericKubernetesResource r) {
        return r == null ? null : Json.tree(r);
    }
}
