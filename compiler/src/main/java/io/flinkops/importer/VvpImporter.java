package io.flinkops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.model.Kind;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YamlJson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * VVP documents (REST responses, exports, files written for VVP's API) into the repo layout. The spec is kept as
 * written; what the system owns is dropped (VVP fills it in, flinkops would only warn about it, FO106):
 * {@code metadata.id}, {@code createdAt}, {@code modifiedAt}, {@code resourceVersion}, {@code status}, the
 * controller's {@code com.dataartisans.appmanager.*} annotations and {@code spec.deploymentTargetId}, which becomes
 * {@code deploymentTargetName} when a target with that id is imported too. A document without {@code kind} gets the
 * one it was recognised as.
 */
final class VvpImporter {
    static final Pattern NAMESPACE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final List<String> SYSTEM_METADATA = List.of("id", "createdAt", "modifiedAt", "resourceVersion");
    private static final String CONTROLLER_ANNOTATIONS = "com.dataartisans.appmanager.";

    private final Optional<String> namespaceOption;
    private final List<Finding> findings;
    private final Diagnostics diagnostics;
    /** namespace → VVP id of an imported target → its name. */
    private final Map<String, Map<String, String>> targetIds = new HashMap<>();
    /** Deployments that named their target by id only, resolved once every target is read. */
    private final List<Pending> byTargetId = new ArrayList<>();

    private record Pending(RepoDocument deployment, String targetId, int line) {
    }

    VvpImporter(Optional<String> namespaceOption, List<Finding> findings, Diagnostics diagnostics) {
        this.namespaceOption = namespaceOption;
        this.findings = findings;
        this.diagnostics = diagnostics;
    }

    /** The repo document of {@code c}, or null when it cannot be imported (reported). */
    RepoDocument importDocument(Classified c, Targets targets) {
        InputDocument in = c.document();
        YMap root = in.root();
        Kind kind = c.vvpKind();
        String name = root.get("metadata") instanceof YMap m ? m.text("name").orElse(null) : null;
        boolean needsName = kind == Kind.DEPLOYMENT || kind == Kind.DEPLOYMENT_TARGET || kind == Kind.SESSION_CLUSTER;
        if (needsName && (name == null || name.isBlank())) {
            diagnostics.report(Code.MISSING_FIELD, root.entry("metadata").map(YMap.Entry::keyLocation).orElse(root.location()), "/metadata/name",
                    "The " + kind.kindName() + " has no `metadata.name`, so it cannot be placed in the config repo.",
                    "Add `metadata.name`.");
            return null;
        }
        String written = root.get("metadata") instanceof YMap m ? m.text("namespace").orElse(null) : null;
        if (written != null && written.startsWith("namespaces/")) written = written.substring("namespaces/".length());
        String namespace = kind == Kind.GLOBAL_DEPLOYMENT_DEFAULTS ? "" : namespaceOption.orElse(written == null ? ImportOptions.DEFAULT_NAMESPACE : written);
        if (!namespace.isEmpty() && !NAMESPACE_NAME.matcher(namespace).matches()) {
            diagnostics.report(Code.INVALID_NAME, root.get("metadata") instanceof YMap m && m.has("namespace") ? m.get("namespace").location() : root.location(),
                    "/metadata/namespace", "`" + namespace + "` cannot be a flinkops namespace (a folder under namespaces/).",
                    "Import into another namespace with `--namespace`: lower-case letters, digits and '-'.");
            return null;
        }
        Origin origin = new Origin(in.file(), in.line(), c.kindName(), namespace, name == null ? "" : name);

        ObjectNode json = (ObjectNode) YamlJson.toJson(root, "", p -> p.equals("/spec/template/spec/flinkConfiguration") || p.equals("/spec/flinkConfiguration"));
        ObjectNode doc = Json.F.objectNode();
        doc.put("apiVersion", "v1");
        doc.put("kind", kind.kindName());
        ObjectNode metadata = doc.putObject("metadata");
        if (json.get("metadata") instanceof ObjectNode m) {
            for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = e.getKey();
                if (SYSTEM_METADATA.contains(field)) {
                    system(origin, root, "metadata." + field, "metadata", field);
                } else if (field.equals("namespace")) {
                    if (kind != Kind.GLOBAL_DEPLOYMENT_DEFAULTS) metadata.put("namespace", namespace);
                } else if (field.equals("annotations") && e.getValue() instanceof ObjectNode annotations) {
                    ObjectNode kept = Json.F.objectNode();
                    annotations.fields().forEachRemaining(a -> {
                        if (a.getKey().startsWith(CONTROLLER_ANNOTATIONS)) {
                            system(origin, root, Json.key("metadata.annotations", a.getKey()), "metadata", "annotations", a.getKey());
                        } else {
                            kept.set(a.getKey(), a.getValue());
                        }
                    });
                    if (!kept.isEmpty()) metadata.set("annotations", kept);
                } else {
                    metadata.set(field, e.getValue());
                }
            }
        }
        if (kind == Kind.GLOBAL_DEPLOYMENT_DEFAULTS && metadata.has("namespace")) metadata.remove("namespace");
        ObjectNode spec = json.get("spec") instanceof ObjectNode s ? s : Json.F.objectNode();
        String targetId = null;
        if (spec.has("deploymentTargetId")) {
            targetId = spec.get("deploymentTargetId").asText();
            spec.remove("deploymentTargetId");
            system(origin, root, "spec.deploymentTargetId", "spec", "deploymentTargetId");
        }
        doc.set("spec", spec);
        if (json.has("status")) system(origin, root, "status", "status");
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!List.of("apiVersion", "kind", "metadata", "spec", "status").contains(field)) {
                findings.add(new Finding(origin, line(root, field), field, Finding.Outcome.DROPPED,
                        "Not a field of a VVP resource.", List.of()));
            }
        }

        RepoDocument out = new RepoDocument(kind, namespace, name == null ? "" : name, doc, origin,
                "Imported from " + origin.place() + (c.inferred() == null ? "" : " (kind " + kind.kindName() + " from " + c.inferred() + ")") + ".");
        if (kind == Kind.DEPLOYMENT_TARGET) {
            String k8s = spec.path("kubernetes").path("namespace").asText(null);
            targets.imported(namespace, name, k8s);
            YNode id = root.get("metadata") instanceof YMap m ? m.get("id") : null;
            String idText = InputReader.text(id);
            if (idText != null) targetIds.computeIfAbsent(namespace, n -> new HashMap<>()).put(idText, name);
        }
        if (kind == Kind.DEPLOYMENT && targetId != null && !spec.has("deploymentTargetName") && !spec.has("sessionClusterName")) {
            byTargetId.add(new Pending(out, targetId, line(root, "spec", "deploymentTargetId")));
        }
        return out;
    }

    /** Names the targets of Deployments that named them by VVP id, when a target with that id was imported. */
    void resolveTargetIds() {
        for (Pending p : byTargetId) {
            String name = targetIds.getOrDefault(p.deployment().namespace(), Map.of()).get(p.targetId());
            if (name == null) {
                findings.add(new Finding(p.deployment().origin(), p.line(), "spec.deploymentTargetId", Finding.Outcome.DROPPED,
                        "No imported DeploymentTarget has the VVP id " + p.targetId() + ": set `deploymentTargetName` (FO204 until then).", List.of()));
                continue;
            }
            ObjectNode spec = p.deployment().spec();
            ObjectNode reordered = Json.F.objectNode();
            boolean placed = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = spec.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!placed && !e.getKey().equals("state")) {
                    reordered.put("deploymentTargetName", name);
                    placed = true;
                }
                reordered.set(e.getKey(), e.getValue());
            }
            if (!placed) reordered.put("deploymentTargetName", name);
            spec.removeAll();
            spec.setAll(reordered);
            findings.add(new Finding(p.deployment().origin(), p.line(), "spec.deploymentTargetId", Finding.Outcome.CHANGED,
                    "The VVP id of DeploymentTarget " + name + ", imported too: written as `deploymentTargetName: " + name + "`.", List.of()));
        }
    }

    private void system(Origin origin, YMap root, String field, String... path) {
        findings.add(new Finding(origin, line(root, path), field, Finding.Outcome.SYSTEM, "", List.of()));
    }

    /** The line of the key at {@code path} in {@code root}, or of the document. */
    static int line(YMap root, String... path) {
        YNode node = root;
        int line = root.location().line();
        for (String p : path) {
            if (!(node instanceof YMap m) || m.entry(p).isEmpty()) return line;
            line = m.entry(p).get().keyLocation().line();
            node = m.get(p);
        }
        return line;
    }
}
