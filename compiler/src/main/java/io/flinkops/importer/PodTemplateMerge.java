package io.flinkops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the operator combines {@code spec.podTemplate} with a role's {@code podTemplate} (release-1.15.0,
 * {@code FlinkUtils.mergePodTemplates}, called by {@code FlinkConfigBuilder.applyPodTemplate}): the role's fields are
 * merged into a copy of the common template; mappings recursively, lists item by item by position (or, with
 * {@code kubernetes.operator.pod-template.merge-arrays-by-name}, by the items' {@code name} when every item has one),
 * anything else replaced. flinkops writes role templates only, so an import merges the two the same way.
 */
final class PodTemplateMerge {
    static final String MERGE_BY_NAME = "kubernetes.operator.pod-template.merge-arrays-by-name";

    private PodTemplateMerge() {
    }

    /** The role's effective template; null when neither is set. The arguments are not changed. */
    static ObjectNode merge(ObjectNode common, ObjectNode role, boolean byName) {
        if (role == null) return common == null ? null : common.deepCopy();
        if (common == null) return role.deepCopy();
        ObjectNode to = common.deepCopy();
        mergeInto(to, role.deepCopy(), byName);
        return to;
    }

    private static void mergeInto(JsonNode to, JsonNode from, boolean byName) {
        for (Iterator<String> it = from.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            JsonNode toChild = to.get(field);
            JsonNode fromChild = from.get(field);
            if (toChild != null && toChild.isArray() && fromChild.isArray()) {
                mergeArray((ArrayNode) toChild, (ArrayNode) fromChild, byName);
            } else if (toChild != null && toChild.isObject()) {
                mergeInto(toChild, fromChild, byName);
            } else if (to instanceof ObjectNode o) {
                o.replace(field, fromChild);
            }
        }
    }

    private static void mergeArray(ArrayNode to, ArrayNode from, boolean byName) {
        if (byName && named(to) && named(from)) {
            Map<String, JsonNode> grouped = new LinkedHashMap<>();
            to.forEach(e -> grouped.put(e.get("name").asText(), e));
            from.forEach(e -> grouped.compute(e.get("name").asText(), (n, existing) -> {
                if (existing == null) return e;
                mergeInto(existing, e, byName);
                return existing;
            }));
            to.removeAll();
            grouped.values().forEach(to::add);
            return;
        }
        for (int i = 0; i < from.size(); i++) {
            JsonNode item = from.get(i);
            if (to.size() <= i) to.add(item);
            mergeInto(to.get(i), item, byName);
        }
    }

    private static boolean named(ArrayNode list) {
        for (JsonNode e : list) if (!e.has("name")) return false;
        return true;
    }
}
