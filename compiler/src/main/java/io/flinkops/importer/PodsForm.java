package io.flinkops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.plan.pods.PodTemplates;

import java.util.Iterator;
import java.util.Set;

/**
 * VVP's {@code kubernetes.pods} for a pod template that it can express exactly: flinkops renders {@code pods} into
 * {@code spec.podTemplate} ({@code PodTemplates}), and a template is imported as {@code pods} only when rendering
 * those {@code pods} gives the same template back: pod labels and annotations, nodeSelector, affinity, tolerations,
 * imagePullSecrets, securityContext, and a main container that has only environment variables and volume mounts,
 * each mount pairing, in order, with the pod volume of the same name. Anything else stays a pod template.
 */
final class PodsForm {
    private static final Set<String> TEMPLATE_FIELDS = Set.of("metadata", "spec");
    private static final Set<String> METADATA_FIELDS = Set.of("labels", "annotations");
    private static final Set<String> SPEC_FIELDS = Set.of("nodeSelector", "affinity", "tolerations", "imagePullSecrets", "securityContext", "containers", "volumes");
    private static final Set<String> MAIN_FIELDS = Set.of("name", "env", "volumeMounts");
    private static final Set<String> ENV_FIELDS = Set.of("name", "value", "valueFrom");

    private PodsForm() {
    }

    /** {@code template} as {@code kubernetes.pods}, or null when {@code pods} cannot express it. */
    static ObjectNode of(ObjectNode template) {
        if (template == null || !only(template, TEMPLATE_FIELDS)) return null;
        ObjectNode pods = Json.F.objectNode();
        JsonNode metadata = template.get("metadata");
        if (metadata != null) {
            if (!(metadata instanceof ObjectNode m) || !only(m, METADATA_FIELDS) || m.isEmpty()) return null;
            for (String f : new String[]{"labels", "annotations"}) {
                JsonNode map = m.get(f);
                if (map == null) continue;
                if (!stringMap(map)) return null;
                pods.set(f, map.deepCopy());
            }
        }
        JsonNode specNode = template.get("spec");
        if (specNode == null) return pods.isEmpty() ? null : pods;
        if (!(specNode instanceof ObjectNode spec) || !only(spec, SPEC_FIELDS) || spec.isEmpty()) return null;
        if (spec.has("nodeSelector")) {
            if (!stringMap(spec.get("nodeSelector"))) return null;
            pods.set("nodeSelector", spec.get("nodeSelector").deepCopy());
        }
        if (spec.has("affinity")) {
            if (!spec.get("affinity").isObject()) return null;
            pods.set("affinity", spec.get("affinity").deepCopy());
        }
        if (spec.has("tolerations")) {
            if (!nonEmptyList(spec.get("tolerations"))) return null;
            pods.set("tolerations", spec.get("tolerations").deepCopy());
        }
        if (spec.has("imagePullSecrets")) {
            JsonNode secrets = spec.get("imagePullSecrets");
            if (!nonEmptyList(secrets)) return null;
            for (JsonNode s : secrets) if (!s.isObject() || s.size() != 1 || !s.path("name").isTextual()) return null;
            pods.set("imagePullSecrets", secrets.deepCopy());
        }
        JsonNode env = null;
        JsonNode mounts = null;
        if (spec.has("containers")) {
            JsonNode containers = spec.get("containers");
            if (!containers.isArray() || containers.size() != 1) return null;
            JsonNode main = containers.get(0);
            if (!main.isObject() || !only((ObjectNode) main, MAIN_FIELDS) || !PodTemplates.MAIN_CONTAINER.equals(main.path("name").asText())) return null;
            env = main.get("env");
            mounts = main.get("volumeMounts");
            if (env == null && mounts == null) return null; // pods would leave the main container out
            if (env != null) {
                if (!nonEmptyList(env)) return null;
                for (JsonNode e : env) {
                    if (!e.isObject() || !only((ObjectNode) e, ENV_FIELDS) || !e.path("name").isTextual()) return null;
                    if (e.has("value") && !e.get("value").isTextual()) return null;
                }
            }
            if (mounts != null && !nonEmptyList(mounts)) return null;
        }
        JsonNode volumes = spec.get("volumes");
        if (volumes != null && !nonEmptyList(volumes)) return null;
        int mountCount = mounts == null ? 0 : mounts.size();
        int volumeCount = volumes == null ? 0 : volumes.size();
        if (mountCount != volumeCount) return null;
        if (env != null) pods.set("envVars", env.deepCopy());
        if (mountCount > 0) {
            ArrayNode entries = Json.F.arrayNode();
            for (int i = 0; i < mountCount; i++) {
                JsonNode m = mounts.get(i);
                JsonNode v = volumes.get(i);
                if (!m.isObject() || !v.isObject() || !m.path("name").isTextual() || !m.path("name").equals(v.path("name"))) return null;
                ObjectNode entry = entries.addObject();
                entry.put("name", m.path("name").asText());
                entry.set("volume", v.deepCopy());
                entry.set("volumeMount", m.deepCopy());
            }
            pods.set("volumeMounts", entries);
        }
        if (spec.has("securityContext")) {
            if (!spec.get("securityContext").isObject()) return null;
            pods.set("securityContext", spec.get("securityContext").deepCopy());
        }
        return pods.isEmpty() ? null : pods;
    }

    private static boolean only(ObjectNode node, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) if (!allowed.contains(it.next())) return false;
        return true;
    }

    private static boolean stringMap(JsonNode map) {
        if (!map.isObject() || map.isEmpty()) return false;
        for (JsonNode v : map) if (!v.isTextual()) return false;
        return true;
    }

    private static boolean nonEmptyList(JsonNode node) {
        return node.isArray() && !node.isEmpty();
    }
}
