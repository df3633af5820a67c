package io.flinkops.cel;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.plan.RepoPlan;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.render.Renderer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code rendered}: what reaches Kubernetes for each Deployment and SessionCluster (its FlinkDeployment or
 * FlinkSessionJob, ConfigMaps, FlinkStateSnapshots), as plain values, grouped by the labels every object carries
 * (docs/render-mapping.md). Rendered only when a policy reads it.
 */
final class RenderedObjects {

    private RenderedObjects() {
    }

    static String key(String namespace, String kind, String name) {
        return namespace + "/" + kind + "/" + name;
    }

    /** The objects by {@link #key}; empty when the plan cannot be rendered. */
    static Optional<Map<String, List<Object>>> of(RepoPlan plan) {
        List<RenderedObject> objects = new ArrayList<>();
        try {
            new Renderer().render(plan, new RenderContext(Optional.empty())).clusters().values().forEach(objects::addAll);
        } catch (RuntimeException e) {
            return Optional.empty(); // a repo with errors the renderers cannot map: those errors are reported elsewhere
        }
        Map<String, List<Object>> out = new TreeMap<>();
        for (RenderedObject o : objects) {
            JsonNode labels = o.content().path("metadata").path("labels");
            String namespace = labels.path(Ownership.NAMESPACE).asText(null);
            if (namespace == null) continue;
            String kind = labels.has(Ownership.DEPLOYMENT) ? PolicyDeclaration.DEPLOYMENT : PolicyDeclaration.SESSION_CLUSTER;
            String name = labels.path(labels.has(Ownership.DEPLOYMENT) ? Ownership.DEPLOYMENT : Ownership.SESSION_CLUSTER).asText(null);
            if (name == null) continue;
            out.computeIfAbsent(key(namespace, kind, name), k -> new ArrayList<>()).add(value(o.content()));
        }
        return Optional.of(out);
    }

    /** JSON as CEL values: objects as maps, integers as long. */
    static Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) m.put(e.getKey(), value(e.getValue()));
            });
            return m;
        }
        if (node.isArray()) {
            List<Object> l = new ArrayList<>();
            node.forEach(item -> {
                if (!item.isNull()) l.add(value(item));
            });
            return l;
        }
        if (node.isIntegralNumber()) return node.asLong();
        if (node.isNumber()) return node.asDouble();
        if (node.isBoolean()) return node.asBoolean();
        return node.asText();
    }
}
