package io.flinkops.diff.rules;

import io.flinkops.diag.Location;
import io.flinkops.diff.FieldChange;
import io.flinkops.diff.FieldNames;
import io.flinkops.diff.Impact;
import io.flinkops.diff.ObjectDelta;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.SubjectSide;
import io.flinkops.diff.Wording;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;

import java.util.List;
import java.util.Optional;

/** Helpers the rules share for naming the inputs behind a consequence. */
final class Causes {
    private Causes() {
    }

    /** " (caused by `parallelism` at namespaces/team/job.yaml:14)", or "" when no input explains it. */
    static String causedBy(List<FieldChange> inputs) {
        return inputs.isEmpty() ? "" : " (caused by " + Wording.causes(inputs, 3) + ")";
    }

    /** The inputs that make the spec change: those of category SPEC, else every input. */
    static List<FieldChange> specInputs(SubjectPair pair) {
        List<FieldChange> spec = pair.inputs(FieldChange.Category.SPEC);
        return spec.isEmpty() ? pair.inputs() : spec;
    }

    /** Where the desired state is written: the changed `state` input, else the head's effective value. */
    static String stateAt(SubjectPair pair) {
        Optional<FieldChange> changed = pair.inputs(FieldChange.Category.STATE).stream().findFirst();
        if (changed.isPresent()) return Wording.at(changed.get().at());
        return pair.head().locate(DeploymentSpec.STATE).map(Wording::at)
                .orElseGet(() -> pair.head().source().map(s -> s.document().file()).orElse("?"));
    }

    /** The location of a changed input that is one of {@code fields}, else of the head's value of the first of them. */
    static Optional<Location> changedOrHead(SubjectPair pair, List<FieldPath> fields) {
        List<String> names = fields.stream().map(FieldNames::of).toList();
        Optional<Location> changed = pair.inputs().stream().filter(c -> c.owner() == null && names.contains(c.field()))
                .map(FieldChange::at).findFirst();
        return changed.isPresent() ? changed : pair.head().locate(fields.get(0));
    }

    /** Reasons for changes the operator does not restart for (metadata, IGNORE fields). */
    static void noRestart(SubjectPair pair, ObjectDelta delta, Impact impact, String what) {
        List<String> recorded = delta.ignoredFields().stream().filter(f -> !f.startsWith("spec.flinkConfiguration.")).toList();
        List<String> applied = delta.ignoredFields().stream().filter(f -> f.startsWith("spec.flinkConfiguration.")).toList();
        if (!recorded.isEmpty()) {
            impact.reason("No restart for " + Wording.list(recorded, 3) + ": the operator records it without restarting the " + what
                    + " and uses it at the next upgrade" + causedBy(pair.inputs(FieldChange.Category.MODE)) + ".");
        }
        if (!applied.isEmpty()) {
            impact.reason("No restart for " + Wording.list(applied, 3) + ": the operator reads these keys itself and does not restart the "
                    + what + " for them" + causedBy(pair.inputs(FieldChange.Category.OPERATOR_CONFIG, FieldChange.Category.SPEC)) + ".");
        }
        if (!delta.metadataFields().isEmpty()) {
            impact.reason("No restart for " + Wording.list(delta.metadataFields(), 3)
                    + ": labels and annotations are not part of the spec the operator acts on"
                    + causedBy(pair.inputs(FieldChange.Category.METADATA)) + ".");
        }
    }

    /** "FlinkDeployment `orders` in `flink-prod` on cluster `default`" ("the session cluster's FlinkDeployment …"). */
    static String object(SubjectSide side) {
        String owner = side.subject().isSessionCluster() ? "the session cluster's " : "";
        return side.main().map(o -> owner + o.kind() + " `" + o.name() + "` in " + side.place()).orElse("");
    }

    /** Where the head revision writes an annotation of the document ("namespaces/team/orders.yaml:6"), else its file. */
    static String annotationAt(SubjectPair pair, String annotation) {
        return pair.head().locate(FieldPath.of("metadata", "annotations", annotation)).or(() -> pair.base().locate(FieldPath.of("metadata", "annotations", annotation)))
                .map(Wording::at).orElseGet(() -> pair.head().source().or(() -> pair.base().source()).map(s -> s.document().file()).orElse("?"));
    }

    /**
     * What makes a session cluster restart, for its jobs' entries: its changed spec inputs, else the restart asked for
     * with {@code flinkops.io/restart}.
     */
    static String clusterRestartCause(SubjectPair cluster) {
        String inputs = causedBy(specInputs(cluster));
        if (!inputs.isEmpty()) return inputs;
        boolean restart = !java.util.Objects.equals(cluster.base().operations().restartNonce(), cluster.head().operations().restartNonce());
        return restart ? " (caused by `" + io.flinkops.diff.Operations.RESTART_ANNOTATION + "` at " + annotationAt(cluster, io.flinkops.diff.Operations.RESTART_ANNOTATION) + ")" : "";
    }
}
