package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The order of the fields of a FlinkDeployment's and a FlinkSessionJob's spec. Manifests do not show it (the emitter
 * sorts keys), but {@code flinkops diff} names the changed fields of an object in the order they stand in it
 * ("`spec.taskManager.replicas` and `spec.job.parallelism` change"), so the order stays the same whatever order the
 * rows of the mapping table write in.
 */
final class SpecLayout {
    private static final List<String> SPEC = List.of("deploymentName", "image", "imagePullPolicy", "flinkVersion", "serviceAccount",
            "flinkConfiguration", "podTemplate", "jobManager", "taskManager", "logConfiguration", "job", "restartNonce");
    private static final List<String> COMPONENT = List.of("resource", "replicas", "podTemplate");
    private static final Map<String, List<String>> NESTED = Map.of(
            "jobManager", COMPONENT,
            "taskManager", COMPONENT,
            "job", List.of("jarURI", "entryClass", "args", "parallelism", "state", "upgradeMode", "allowNonRestoredState",
                    "initialSavepointPath", "savepointRedeployNonce", "savepointTriggerNonce"));

    private SpecLayout() {
    }

    /** {@code spec} with its fields, and those of its job and components, in layout order. */
    static ObjectNode ordered(ObjectNode spec) {
        ObjectNode out = ordered(spec, SPEC);
        NESTED.forEach((field, order) -> {
            if (out.get(field) instanceof ObjectNode node) out.set(field, ordered(node, order));
        });
        return out;
    }

    /** The fields of {@code node} named in {@code order}, in that order, then any others as they were. */
    private static ObjectNode ordered(ObjectNode node, List<String> order) {
        ObjectNode out = node.objectNode();
        for (String field : order) {
            if (node.has(field)) out.set(field, node.get(field));
        }
        node.properties().forEach(e -> {
            if (!out.has(e.getKey())) out.set(e.getKey(), e.getValue());
        });
        return out;
    }
}
