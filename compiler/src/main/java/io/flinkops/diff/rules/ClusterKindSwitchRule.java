package io.flinkops.diff.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.Subject;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.SubjectSide;
import io.flinkops.diff.Wording;
import io.flinkops.model.DocumentFields;

import java.util.Optional;
import java.util.Set;

/**
 * FO933: a FlinkDeployment that one Deployment or SessionCluster renders in the base revision and another one in the
 * head revision, at the same place (cluster, Kubernetes namespace, name), with a job on one side and none on the
 * other: a Deployment and a SessionCluster trading one name in one target. The agent updates the object in place
 * (it is still desired, so it is not pruned), and the operator's admission check refuses to add or drop the job of an
 * existing FlinkDeployment ({@code DefaultValidator.validateSpecChange}, release 1.15.0: "Cannot switch from job to
 * session cluster", "Cannot switch from session to job cluster"). Without this rule the two would read as an
 * independent removal and addition.
 */
public final class ClusterKindSwitchRule implements ImpactRule {
    static final String TO_SESSION = "Cannot switch from job to session cluster";
    static final String TO_JOB = "Cannot switch from session to job cluster";

    @Override
    public Set<Code> codes() {
        return Set.of(Code.CLUSTER_KIND_SWITCH);
    }

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        SubjectSide head = pair.head();
        if (isDeployment(head)) {
            taker(pair, head).ifPresent(base -> report(pair, head, base, context, impact));
        }
        SubjectSide base = pair.base();
        if (isDeployment(base) && pair.transition() != SubjectPair.Transition.SAME) {
            other(base, head.snapshot().sides().values()).ifPresent(h -> impact.reason("The operator refuses this change: "
                    + h.subject().kind().label() + " `" + h.subject().name() + "` takes over " + Causes.object(base)
                    + " in the head revision, so the agent updates that object in place instead of deleting it, and the operator refuses to "
                    + (hasJob(base) ? "turn a job into a session cluster" : "turn a session cluster into a job")
                    + " (error " + Code.CLUSTER_KIND_SWITCH.id() + ")."));
        }
    }

    /** The base side of another subject that renders the FlinkDeployment {@code head} renders, with the other kind of spec. */
    private static Optional<SubjectSide> taker(SubjectPair pair, SubjectSide head) {
        if (pair.transition() == SubjectPair.Transition.SAME) return Optional.empty();
        return other(head, pair.base().snapshot().sides().values());
    }

    private static Optional<SubjectSide> other(SubjectSide side, java.util.Collection<SubjectSide> candidates) {
        return candidates.stream()
                .filter(c -> !c.subject().equals(side.subject()) && isDeployment(c) && c.identity().equals(side.identity()))
                .filter(c -> hasJob(c) != hasJob(side))
                .findFirst();
    }

    private static void report(SubjectPair pair, SubjectSide head, SubjectSide base, ImpactContext context, Impact impact) {
        Subject was = base.subject();
        boolean toSession = hasJob(base);
        String refusal = toSession ? TO_SESSION : TO_JOB;
        Location at = head.source().map(s -> s.document().locate(DocumentFields.METADATA_NAME))
                .orElseGet(() -> Location.ofFile(head.main().orElseThrow().sourceFile()));
        String name = head.main().orElseThrow().name();
        String what = pair.subject().kind().label() + " `" + pair.subject().name() + "`";
        String before = was.kind().label() + " `" + was.namespace() + "/" + was.name() + "`";
        context.report(Code.CLUSTER_KIND_SWITCH, at, DocumentFields.METADATA_NAME,
                what + " becomes FlinkDeployment `" + name + "` in " + head.place() + ", which " + before
                        + (toSession ? " runs as an application (with a job)" : " runs as a session cluster (without a job)")
                        + " in the base revision; the agent updates that object in place, and the operator refuses (\"" + refusal + "\").",
                "Delete " + before + " in one commit and add " + what + " in a later one, or give " + what + " another name.");
        impact.reason("The operator refuses this change: " + what + " takes over " + Causes.object(base) + " (" + Wording.at(at)
                + "), which " + (toSession ? "runs a job" : "runs as a session cluster") + " in the base revision, and an existing FlinkDeployment cannot "
                + (toSession ? "drop its job" : "gain a job") + " (error " + Code.CLUSTER_KIND_SWITCH.id() + ").");
    }

    private static boolean isDeployment(SubjectSide side) {
        return side.main().map(o -> o.kind().equals("FlinkDeployment")).orElse(false);
    }

    private static boolean hasJob(SubjectSide side) {
        return side.main().map(o -> o.content().path("spec").has("job")).orElse(false);
    }
}
