package io.flinkops.importer;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Severity;
import io.flinkops.model.Kind;
import io.flinkops.yaml.YMap;

import java.util.Optional;

/**
 * Tells what an input document is. Operator objects by {@code apiVersion: flink.apache.org/…}; VVP documents by
 * {@code kind} (with {@code apiVersion: v1} or none). VVP REST responses of a kind-specific endpoint carry no
 * {@code kind}: then the {@code --kind} option decides, else the kind of the list the document came from, else its
 * shape. Documents of other kinds (a Kubernetes Service, an HPA, a FlinkStateSnapshot) are skipped and listed.
 */
final class Classifier {
    static final String OPERATOR_GROUP = "flink.apache.org/";
    static final String CANARY_LABEL = "flink.apache.org/canary";

    private final Optional<String> kindOption;

    /** @param kindOption the {@code --kind} option: the kind of documents that carry none */
    Classifier(Optional<String> kindOption) {
        this.kindOption = kindOption;
    }

    /** The kinds {@code --kind} accepts. */
    static final java.util.List<String> KIND_OPTION_VALUES = java.util.List.of(
            "Deployment", "DeploymentTarget", "SessionCluster", "DeploymentDefaults", "GlobalDeploymentDefaults",
            "FlinkDeployment", "FlinkSessionJob");

    /** The kind {@code --kind} names, case-insensitively, if it is one of {@link #KIND_OPTION_VALUES}. */
    static Optional<String> kindOptionValue(String value) {
        return KIND_OPTION_VALUES.stream().filter(k -> k.equalsIgnoreCase(value)).findFirst();
    }

    /** What {@code doc} is, or null when that cannot be told (reported to {@code diagnostics}). */
    Classified classify(InputDocument doc, Diagnostics diagnostics) {
        YMap root = doc.root();
        String apiVersion = root.text("apiVersion").orElse(null);
        String kind = root.text("kind").orElse(null);
        if (apiVersion != null && apiVersion.startsWith(OPERATOR_GROUP)) {
            if (kind == null) kind = operatorShape(root);
            if (root.get("metadata") instanceof YMap m && m.get("labels") instanceof YMap labels
                    && labels.text(CANARY_LABEL).map("true"::equalsIgnoreCase).orElse(false)) {
                return skip(doc, kind, "a canary resource of the operator's health check (label `" + CANARY_LABEL + "`), not a Flink deployment");
            }
            return operator(doc, kind, root.has("kind") ? null : "its shape");
        }
        if (kind != null) {
            if (apiVersion != null && !apiVersion.equals("v1")) {
                return skip(doc, kind, "not a Flink or VVP resource (`apiVersion: " + apiVersion + "`)");
            }
            Optional<Kind> vvp = Kind.byName(kind).filter(Classifier::imported);
            if (vvp.isPresent()) {
                return new Classified(doc, vvp.get(), null, kind, null, null);
            }
            if (kind.equals("FlinkDeployment") || kind.equals("FlinkSessionJob")) return operator(doc, kind, null);
            return skip(doc, kind, skipReason(kind));
        }
        // No kind: a REST response of a kind-specific endpoint.
        String inferred;
        String how;
        if (kindOption.isPresent()) {
            inferred = kindOption.get();
            how = "--kind";
        } else if (doc.listKind() != null) {
            inferred = doc.listKind();
            how = "the kind of its list";
        } else {
            inferred = vvpShape(root);
            how = "its shape";
        }
        if (inferred == null) {
            diagnostics.add(new Diagnostic(Code.MISSING_KIND, Severity.ERROR, root.location(), "",
                    "The document has no `kind`, and its shape does not tell which VVP resource it is.",
                    "Add `kind:` (Deployment, DeploymentTarget, SessionCluster, DeploymentDefaults), or name the kind of such documents with `--kind`."));
            return null;
        }
        if (inferred.equals("FlinkDeployment") || inferred.equals("FlinkSessionJob")) return operator(doc, inferred, how);
        Optional<Kind> vvp = Kind.byName(inferred).filter(k -> k != Kind.SAVEPOINT);
        if (vvp.isEmpty()) return skip(doc, inferred, skipReason(inferred));
        return new Classified(doc, vvp.get(), null, inferred, how, null);
    }

    private static Classified operator(InputDocument doc, String kind, String how) {
        for (Classified.OperatorKind k : Classified.OperatorKind.values()) {
            if (k.kindName.equals(kind)) return new Classified(doc, null, k, kind, how, null);
        }
        return skip(doc, kind, skipReason(kind));
    }

    private static Classified skip(InputDocument doc, String kind, String reason) {
        return new Classified(doc, null, null, kind, null, reason);
    }

    /**
     * The config-repo kinds an import writes. Savepoints are VVP's record of what ran: a day-2 operation is a new
     * commit (docs/day-2.md), not something to carry over, so they are listed as skipped.
     */
    private static boolean imported(Kind kind) {
        return kind != Kind.REPOSITORY && kind != Kind.NAMESPACE && kind != Kind.SAVEPOINT;
    }

    private static String skipReason(String kind) {
        return switch (kind) {
            case "FlinkStateSnapshot" -> "no VVP equivalent: savepoints and checkpoints are taken by the operator; "
                    + "a job starts from a snapshot through `job.initialSavepointPath`, which has no VVP equivalent either";
            case "FlinkBlueGreenDeployment" -> "no VVP equivalent (blue/green deployments are an operator feature)";
            case "Namespace" -> "not imported: write `namespaces/<ns>/namespace.yaml` (members, roles, secrets) yourself";
            case "SecretValue" -> "not imported: secret values never go into Git; declare a Namespace secret "
                    + "(`spec.secrets` of namespace.yaml) that names a Kubernetes Secret instead";
            case "Savepoint" -> "not configuration: VVP records it while deployments run; to start a job from one, register it "
                    + "(a Savepoint document with `spec.savepointLocation`, docs/day-2.md)";
            case "Job", "Event" -> "not configuration: VVP records it while deployments run";
            default -> "not a Flink or VVP resource";
        };
    }

    /** A flink.apache.org object without {@code kind}: a session job names its cluster. */
    private static String operatorShape(YMap root) {
        return root.get("spec") instanceof YMap spec && spec.has("deploymentName") ? "FlinkSessionJob" : "FlinkDeployment";
    }

    /**
     * The VVP kind a document without {@code kind} has, by the fields of its spec: a Deployment has a template, a
     * target or session cluster name or strategies; a DeploymentTarget {@code kubernetes.namespace}; a SessionCluster
     * its Flink version, image or TaskManager count at the top of the spec. Null when none fits.
     */
    static String vvpShape(YMap root) {
        if (!(root.get("spec") instanceof YMap spec)) return null;
        if (spec.has("template") || spec.has("upgradeStrategy") || spec.has("restoreStrategy") || spec.has("sessionClusterName")
                || spec.has("deploymentTargetId") || spec.has("maxSavepointCreationAttempts") || spec.has("maxJobCreationAttempts")) {
            return Kind.DEPLOYMENT.kindName();
        }
        if (spec.get("kubernetes") instanceof YMap k && k.has("namespace") && spec.entries().size() <= 2) {
            return Kind.DEPLOYMENT_TARGET.kindName();
        }
        for (String f : new String[]{"flinkVersion", "numberOfTaskManagers", "flinkImageRegistry", "flinkImageRepository", "flinkImageTag"}) {
            if (spec.has(f)) return Kind.SESSION_CLUSTER.kindName();
        }
        if (spec.has("deploymentTargetName")) return Kind.DEPLOYMENT.kindName();
        return null;
    }

}
