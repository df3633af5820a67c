package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flinkops.agent.cycle.DesiredState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the {@code RealApiServer*Test}s add to {@link Fixtures}: the same objects moved into a test's own namespace,
 * and readers of what only a real API server keeps (field managers, the status subresource).
 */
final class RealApiFixtures {
    /** The field manager the Flink Kubernetes Operator writes status with, as far as these tests are concerned. */
    static final String OPERATOR = "flink-kubernetes-operator";

    private RealApiFixtures() {
    }

    /** The fixtures' objects (made for {@link Fixtures#NS}), moved into {@code namespace}. */
    static List<ObjectNode> in(String namespace, ObjectNode... objects) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : objects) {
            ObjectNode copy = o.deepCopy();
            ((ObjectNode) copy.get("metadata")).put("namespace", namespace);
            out.add(copy);
        }
        return out;
    }

    /** A desired state of {@code objects}; the Repository policy allows {@code flink-*}, as every test namespace. */
    static DesiredState desired(String commit, List<ObjectNode> objects) {
        return Fixtures.desired(commit, objects);
    }

    /** The agent's settings for a test: only its own namespace (a literal name, so it lists only there). */
    static KubeSettings settings(String namespace) {
        return KubeSettings.of(List.of(namespace));
    }

    static GenericKubernetesResource get(KubernetesClient client, ManagedKind kind, String namespace, String name) {
        return Fixtures.get(client, kind, namespace, name);
    }

    static JsonNode tree(KubernetesClient client, ManagedKind kind, String namespace, String name) {
        return Fixtures.tree(get(client, kind, namespace, name));
    }

    /**
     * The fields {@code manager} owns through {@code operation} ({@code Apply} or {@code Update}) on the main resource
     * or, with {@code subresource} "status", on the status subresource: the union of its {@code managedFields}
     * entries' {@code fieldsV1}, an empty object when it owns nothing.
     */
    static JsonNode owned(JsonNode live, String manager, String operation, String subresource) {
        ObjectNode out = Fixtures.JSON.createObjectNode();
        for (JsonNode e : live.path("metadata").path("managedFields")) {
            if (manager.equals(e.path("manager").asText()) && operation.equals(e.path("operation").asText())
                    && subresource.equals(e.path("subresource").asText(""))) {
                merge(out, e.path("fieldsV1"));
            }
        }
        return out;
    }

    static JsonNode owned(JsonNode live, String manager, String operation) {
        return owned(live, manager, operation, "");
    }

    private static void merge(ObjectNode into, JsonNode from) {
        from.properties().forEach(e -> {
            if (e.getValue().isObject() && into.path(e.getKey()).isObject()) merge((ObjectNode) into.get(e.getKey()), e.getValue());
            else into.set(e.getKey(), e.getValue().deepCopy());
        });
    }

    /** Does {@code fields} (a fieldsV1 tree) own the field at {@code path}, e.g. {@code "spec", "job", "parallelism"}? */
    static boolean owns(JsonNode fields, String... path) {
        JsonNode n = fields;
        for (String p : path) {
            n = n.path("f:" + p);
            if (n.isMissingNode()) return false;
        }
        return true;
    }

    /** Who owns the field at {@code path}, as "manager/operation[/subresource]" entries, for assertion messages. */
    static String owners(JsonNode live, String... path) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : live.path("metadata").path("managedFields")) {
            if (owns(e.path("fieldsV1"), path)) {
                out.add(e.path("manager").asText() + "/" + e.path("operation").asText() + (e.hasNonNull("subresource") ? "/" + e.path("subresource").asText() : ""));
            }
        }
        return Arrays.toString(path) + " owned by " + out;
    }

    /** Writes status through the status subresource, with the operator's field manager, as the operator does. */
    static void writeStatus(KubernetesClient client, ManagedKind kind, String namespace, String name, String statusJson) {
        client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name).subresource("status")
                .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(OPERATOR).build(),
                        "{\"status\":" + statusJson + "}");
    }

    /** A JSON merge patch of the main resource by {@code manager}, as {@code kubectl edit} or {@code kubectl patch} sends. */
    static void mergePatch(KubernetesClient client, ManagedKind kind, String namespace, String name, String manager, String patch) {
        client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name)
                .patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(manager).build(), patch);
    }
}
