package io.flinkops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.Kind;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lifts the settings that every Deployment of a namespace has, with the same value, into the namespace's
 * {@code defaults.yaml}. Defaults merge the way flinkops (and VVP) merge them: mappings key by key, lists and scalars
 * as a whole; so a setting is a leaf of that merge, and the effective spec of every Deployment stays what it was.
 * Kubernetes objects ({@code kubernetes.pods}, the pod templates) move only whole, which reads better than scattered
 * fragments. What names the job and where it runs stays in each Deployment: its state, its target or session
 * cluster, its jar, entry class and arguments.
 */
final class DefaultsLifting {
    /** The fewest Deployments a namespace needs before settings are lifted out of them. */
    static final int MIN_DEPLOYMENTS = 2;
    private static final Set<String> KEPT = Set.of("state", "deploymentTargetName", "sessionClusterName",
            "template.spec.artifact.kind", "template.spec.artifact.jarUri", "template.spec.artifact.entryClass", "template.spec.artifact.mainArgs",
            "template.spec.artifact.pythonArtifactUri", "template.spec.artifact.entryModule", "template.spec.artifact.sqlScript");
    private static final Set<String> WHOLE = Set.of("template.spec.kubernetes.pods", "template.spec.kubernetes.jobManagerPodTemplate",
            "template.spec.kubernetes.taskManagerPodTemplate");

    /** What was lifted: the defaults document and its settings, one per line ({@code template.spec.parallelism: 2}). */
    record Lifted(RepoDocument defaults, List<String> settings, int deployments) {
    }

    private DefaultsLifting() {
    }

    /**
     * Lifts the common settings of {@code deployments} (one namespace's, every one of them) into a new
     * DeploymentDefaults, taking them out of the Deployments; null when there is nothing to lift.
     */
    static Lifted lift(String namespace, List<RepoDocument> deployments, Origin origin) {
        if (deployments.size() < MIN_DEPLOYMENTS) return null;
        List<JsonNode> specs = new ArrayList<>();
        deployments.forEach(d -> specs.add(d.spec()));
        JsonNode common = common(specs, "");
        if (!(common instanceof ObjectNode spec) || spec.isEmpty()) return null;
        for (RepoDocument d : deployments) {
            subtract(d.spec(), spec, "");
            Json.pruneEmpty(d.content());
        }
        ObjectNode doc = Json.F.objectNode();
        doc.put("apiVersion", "v1");
        doc.put("kind", Kind.DEPLOYMENT_DEFAULTS.kindName());
        doc.putObject("metadata").put("name", namespace + "-defaults");
        doc.set("spec", spec);
        List<String> settings = new ArrayList<>();
        leaves(spec, "", settings);
        RepoDocument defaults = new RepoDocument(Kind.DEPLOYMENT_DEFAULTS, namespace, "", doc, origin,
                "Lifted by flinkops import: the settings all " + deployments.size() + " imported Deployments of namespace " + namespace + " had.");
        return new Lifted(defaults, settings, deployments.size());
    }

    /** The part every node has in common, at {@code path} (dotted, relative to the spec); null when none. */
    private static JsonNode common(List<JsonNode> nodes, String path) {
        JsonNode first = nodes.get(0);
        boolean allObjects = nodes.stream().allMatch(JsonNode::isObject);
        if (allObjects && !WHOLE.contains(path)) {
            ObjectNode out = Json.F.objectNode();
            for (Iterator<String> it = first.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                String child = path.isEmpty() ? key : path + "." + key;
                if (KEPT.contains(child) || !nodes.stream().allMatch(n -> n.has(key))) continue;
                List<JsonNode> children = nodes.stream().map(n -> n.get(key)).toList();
                JsonNode c = common(children, child);
                if (c != null) out.set(key, c);
            }
            return out.isEmpty() ? null : out;
        }
        return nodes.stream().allMatch(first::equals) ? first.deepCopy() : null;
    }

    private static void subtract(ObjectNode node, ObjectNode lifted, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = lifted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue() instanceof ObjectNode sub && !WHOLE.contains(child) && node.get(e.getKey()) instanceof ObjectNode mine) {
                subtract(mine, sub, child);
                if (mine.isEmpty()) node.remove(e.getKey());
            } else {
                node.remove(e.getKey());
            }
        }
    }

    private static void leaves(JsonNode node, String path, List<String> out) {
        if (node instanceof ObjectNode o && !WHOLE.contains(path) && !o.isEmpty()) {
            boolean configuration = path.endsWith("flinkConfiguration") || path.endsWith("labels") || path.endsWith("annotations")
                    || path.endsWith("log4jLoggers");
            o.fields().forEachRemaining(e -> leaves(e.getValue(),
                    configuration ? Json.key(path, e.getKey()) : path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
            return;
        }
        String value = node.isObject() || node.isArray() ? (node.isEmpty() ? node.toString() : "(" + summary(node) + ")") : Json.compact(node);
        out.add(path + ": " + value);
    }

    private static String summary(JsonNode node) {
        return node.isArray() ? node.size() + (node.size() == 1 ? " item" : " items") : "moved whole";
    }
}
