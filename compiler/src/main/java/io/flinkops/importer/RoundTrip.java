package io.flinkops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.ImageReference;
import io.flinkops.quantity.MemorySize;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The check of an import: render(import(manifests)) compared with the manifests, field by field, on what the operator
 * acts on. Both sides are read into one view, a sorted map from field path to value:
 * <ul>
 *   <li>{@code flinkConfiguration} as the operator flattens it ({@code spec.flinkConfiguration["state.savepoints.dir"]});
 *       {@code kubernetes.jobmanager.replicas} is left out, since the operator sets it from {@code jobManager.replicas};</li>
 *   <li>the pod templates as each role gets them: {@code spec.podTemplate} merged into the role's template the way
 *       the operator merges them ({@link PodTemplateMerge}), under {@code spec.jobManager.podTemplate} and
 *       {@code spec.taskManager.podTemplate};</li>
 *   <li>defaults written out: {@code job.state} running, {@code job.upgradeMode} stateless,
 *       {@code job.allowNonRestoredState} false, {@code job.parallelism} from {@code parallelism.default} (else 1),
 *       {@code jobManager.replicas} 1, {@code imagePullPolicy} IfNotPresent (Flink's default), {@code mode} native;</li>
 *   <li>values read as the operator reads them: memory in bytes, cpu as a number, images with registry and tag
 *       spelt out ({@code flink:2.2} is {@code docker.io/library/flink:2.2});</li>
 *   <li>flinkops' ownership labels and annotations, and kubectl's last-applied annotation, are left out.</li>
 * </ul>
 * Every remaining difference is listed, with the {@link Finding} that explains it, if one does.
 */
public final class RoundTrip {
    private static final Set<String> OWNERSHIP_LABELS = Set.of(Ownership.MANAGED_BY);

    /** A field whose value differs; a value is null where the field is absent. */
    public record Difference(String path, String input, String rendered, Finding explainedBy) {
        public boolean explained() {
            return explainedBy != null;
        }
    }

    /**
     * The comparison of one input manifest.
     *
     * @param rendered whether the imported repo rendered an object for it (false: every field differs, not listed)
     */
    public record Result(Origin origin, boolean rendered, List<Difference> differences) {
        public boolean identical() {
            return rendered && differences.isEmpty();
        }

        public boolean fullyExplained() {
            return rendered && differences.stream().allMatch(Difference::explained);
        }
    }

    /** An input manifest: its kind, Kubernetes namespace and name, which the rendered object must have too. */
    record Input(Origin origin, String kind, String namespace, String name, ObjectNode content) {
    }

    private RoundTrip() {
    }

    static List<Result> compare(List<Input> inputs, List<RenderedObject> rendered, List<Finding> findings) {
        Map<String, ObjectNode> byKey = new HashMap<>();
        for (RenderedObject o : rendered) byKey.put(key(o.kind(), o.namespace(), o.name()), o.content());
        Map<String, Map<String, String>> inputClusters = new HashMap<>();
        Map<String, Map<String, String>> renderedClusters = new HashMap<>();
        for (Input in : inputs) {
            if (in.kind().equals("FlinkDeployment")) {
                inputClusters.put(in.namespace() + "/" + in.name(), Json.flattenConfiguration(in.content().path("spec").get("flinkConfiguration")));
            }
        }
        for (RenderedObject o : rendered) {
            if (o.kind().equals("FlinkDeployment")) {
                renderedClusters.put(o.namespace() + "/" + o.name(), Json.flattenConfiguration(o.content().path("spec").get("flinkConfiguration")));
            }
        }
        List<Result> out = new ArrayList<>();
        for (Input in : inputs) {
            ObjectNode object = byKey.get(key(in.kind(), in.namespace(), in.name()));
            if (object == null) {
                out.add(new Result(in.origin(), false, List.of()));
                continue;
            }
            SortedMap<String, String> before = view(in.content(), cluster -> inputClusters.get(in.namespace() + "/" + cluster));
            SortedMap<String, String> after = view(object, cluster -> renderedClusters.get(in.namespace() + "/" + cluster));
            List<Difference> differences = new ArrayList<>();
            Set<String> paths = new TreeSet<>(before.keySet());
            paths.addAll(after.keySet());
            for (String path : paths) {
                String a = before.get(path);
                String b = after.get(path);
                if (a != null && a.equals(b)) continue;
                Finding why = findings.stream().filter(f -> f.origin().equals(in.origin()) && f.explains(path)).findFirst().orElse(null);
                differences.add(new Difference(path, a, b, why));
            }
            out.add(new Result(in.origin(), true, List.copyOf(differences)));
        }
        return out;
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "|" + namespace + "|" + name;
    }

    /**
     * The operator-relevant fields of a FlinkDeployment or FlinkSessionJob, normalized as the class comment says.
     *
     * @param clusters the flattened configuration of a session job's cluster, by name (null when unknown)
     */
    static SortedMap<String, String> view(ObjectNode object, Function<String, Map<String, String>> clusters) {
        SortedMap<String, String> out = new TreeMap<>();
        JsonNode metadata = object.path("metadata");
        for (String kind : List.of("labels", "annotations")) {
            metadata.path(kind).fields().forEachRemaining(e -> {
                String k = e.getKey();
                if (k.startsWith(Ownership.PREFIX) || OWNERSHIP_LABELS.contains(k) || k.equals(OperatorImporter.LAST_APPLIED)) return;
                out.put(Json.key("metadata." + kind, k), Json.text(e.getValue()));
            });
        }
        JsonNode spec = object.path("spec");
        Map<String, String> config = Json.flattenConfiguration(spec.get("flinkConfiguration"));
        boolean sessionJob = "FlinkSessionJob".equals(object.path("kind").asText());
        config.forEach((k, v) -> {
            if (!sessionJob && k.equals(OperatorImporter.JM_REPLICAS_KEY)) return;
            out.put(Json.key("spec.flinkConfiguration", k), v);
        });
        Set<String> handled = new TreeSet<>(Set.of("flinkConfiguration", "job"));
        if (spec.get("job") instanceof ObjectNode job) {
            Map<String, String> parallelismSource = config;
            if (sessionJob && !config.containsKey("parallelism.default")) {
                Map<String, String> cluster = clusters.apply(spec.path("deploymentName").asText());
                if (cluster != null) parallelismSource = cluster;
            }
            job(job, parallelismSource, out);
        }
        if (!sessionJob) {
            handled.addAll(List.of("image", "imagePullPolicy", "mode", "jobManager", "taskManager", "podTemplate", "logConfiguration"));
            if (spec.has("image")) out.put("spec.image", ImageReference.canonical(spec.get("image").asText()));
            out.put("spec.imagePullPolicy", spec.path("imagePullPolicy").asText("IfNotPresent"));
            String mode = spec.path("mode").asText("native");
            if (!mode.equals("native")) out.put("spec.mode", mode);
            spec.path("logConfiguration").fields().forEachRemaining(e -> out.put(Json.key("spec.logConfiguration", e.getKey()), e.getValue().asText()));
            component(spec.path("jobManager"), "jobManager", out);
            component(spec.path("taskManager"), "taskManager", out);
            if (!spec.path("jobManager").has("replicas")) out.put("spec.jobManager.replicas", "1");
            boolean byName = "true".equalsIgnoreCase(config.getOrDefault(PodTemplateMerge.MERGE_BY_NAME, "false"));
            ObjectNode common = podTemplate(spec.get("podTemplate"));
            for (String role : List.of("jobManager", "taskManager")) {
                ObjectNode effective = PodTemplateMerge.merge(common, podTemplate(spec.path(role).get("podTemplate")), byName);
                if (effective != null) leaves(effective, "spec." + role + ".podTemplate", out);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!handled.contains(e.getKey())) leaves(e.getValue(), "spec." + e.getKey(), out);
        }
        return out;
    }

    private static void job(ObjectNode job, Map<String, String> config, SortedMap<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = job.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "args" -> {
                    if (!e.getValue().isEmpty()) out.put("spec.job.args", e.getValue().toString());
                }
                case "parallelism" -> {
                }
                default -> leaves(e.getValue(), "spec.job." + e.getKey(), out);
            }
        }
        out.putIfAbsent("spec.job.state", "running");
        out.putIfAbsent("spec.job.upgradeMode", "stateless");
        out.putIfAbsent("spec.job.allowNonRestoredState", "false");
        int parallelism = job.path("parallelism").asInt(0);
        out.put("spec.job.parallelism", parallelism > 0 ? String.valueOf(parallelism) : config.getOrDefault("parallelism.default", "1"));
    }

    private static void component(JsonNode component, String role, SortedMap<String, String> out) {
        String path = "spec." + role;
        component.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "podTemplate" -> {
                }
                case "resource" -> e.getValue().fields().forEachRemaining(r -> {
                    String p = path + ".resource." + r.getKey();
                    switch (r.getKey()) {
                        case "cpu" -> out.put(p, decimal(r.getValue()));
                        case "memory" -> out.put(p, MemorySize.of(r.getValue().asText()).bytes().map(b -> b + " bytes").orElse(r.getValue().asText()));
                        default -> leaves(r.getValue(), p, out);
                    }
                });
                default -> leaves(e.getValue(), path + "." + e.getKey(), out);
            }
        });
    }

    private static String decimal(JsonNode value) {
        try {
            BigDecimal d = new BigDecimal(value.asText());
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return value.asText();
        }
    }

    private static ObjectNode podTemplate(JsonNode node) {
        if (!(node instanceof ObjectNode t)) return null;
        ObjectNode copy = t.deepCopy();
        copy.remove(List.of("apiVersion", "kind"));
        // flinkops' own pod annotations (the config hash) are not the user's, like its ownership labels.
        if (copy.path("metadata").get("annotations") instanceof ObjectNode annotations) {
            List<String> keys = new ArrayList<>();
            annotations.fieldNames().forEachRemaining(keys::add);
            keys.stream().filter(k -> k.startsWith(Ownership.PREFIX)).forEach(annotations::remove);
            if (annotations.isEmpty()) ((ObjectNode) copy.get("metadata")).remove("annotations");
            if (copy.get("metadata").isEmpty()) copy.remove("metadata");
        }
        return copy;
    }

    /** Every scalar below {@code node} by its path; an empty mapping or list is a value of its own. */
    private static void leaves(JsonNode node, String path, SortedMap<String, String> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), path + "." + e.getKey(), out));
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) leaves(node.get(i), path + "[" + i + "]", out);
        } else if (node.isContainerNode()) {
            out.put(path, node.toString());
        } else {
            out.put(path, Json.text(node));
        }
    }
}
