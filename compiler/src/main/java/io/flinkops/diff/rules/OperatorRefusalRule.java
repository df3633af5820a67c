package io.flinkops.diff.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.Wording;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.model.FlinkVersions;
import io.flinkops.plan.JobModes;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Changes the operator's admission check refuses on update (its {@code DefaultValidator}, release 1.15.0), which
 * only show when comparing two revisions:
 * <ul>
 *   <li>FO931: a {@code flinkVersion} change of a FlinkDeployment whose last reconciled job is suspended with
 *       last-state, unless the new upgrade mode is stateless. flinkops suspends with a savepoint, but the operator
 *       falls back to last-state when the job is not running at that moment ({@code
 *       kubernetes.operator.job.upgrade.last-state-fallback.enabled}, on by default) and records that mode; Git
 *       cannot tell which happened, so every suspended stateful job counts.</li>
 *   <li>FO932: a FlinkSessionJob whose {@code deploymentName} (session cluster) changes.</li>
 * </ul>
 */
public final class OperatorRefusalRule implements ImpactRule {
    private static final FieldPath FLINK_VERSION = DeploymentSpec.FLINK_VERSION;
    private static final FieldPath SESSION_CLUSTER_NAME = DeploymentSpec.SESSION_CLUSTER_NAME;

    @Override
    public Set<Code> codes() {
        return Set.of(Code.FLINK_VERSION_CHANGE_AFTER_SUSPEND, Code.SESSION_JOB_CLUSTER_CHANGE);
    }

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME) return;
        Optional<JobView> bj = pair.baseJob();
        Optional<JobView> hj = pair.headJob();
        if (bj.isEmpty() || hj.isEmpty()) return;
        JobView b = bj.get();
        JobView h = hj.get();
        String name = pair.subject().name();

        if (b.suspendedWithState() && !h.upgradeMode().equals(JobModes.STATELESS) && b.flinkVersion() != null
                && !Objects.equals(b.flinkVersion(), h.flinkVersion())) {
            String from = FlinkVersions.fromEnumName(b.flinkVersion());
            String to = FlinkVersions.fromEnumName(h.flinkVersion());
            Location at = pair.head().locate(FLINK_VERSION).orElseGet(() -> Location.ofFile(pair.head().source().orElseThrow().document().file()));
            context.report(Code.FLINK_VERSION_CHANGE_AFTER_SUSPEND, at, FLINK_VERSION,
                    "Deployment `" + name + "` is suspended in the base revision and this change moves it from Flink " + from + " to " + to
                            + ", which the operator refuses if it suspended the job with last-state, as it does when the job is not running at that moment"
                            + " (\"Changing flinkVersion after last-state suspend is not allowed.\").",
                    "Set it to RUNNING with Flink " + from + " first and change `flinkVersion` in a later commit (the operator then upgrades it with a savepoint).");
            impact.reason("The operator may refuse this change: `flinkVersion` changes from " + Wording.code(from) + " to " + Wording.code(to)
                    + " (" + Wording.at(at) + ") while the job is suspended (error " + Code.FLINK_VERSION_CHANGE_AFTER_SUSPEND.id() + ").");
        }
        if (pair.delta().orElseThrow().deploymentNameChanged()) {
            String from = pair.base().sessionClusterName().orElse("?");
            String to = pair.head().sessionClusterName().orElse("?");
            Location at = pair.head().locate(SESSION_CLUSTER_NAME).orElseGet(() -> Location.ofFile(pair.head().source().orElseThrow().document().file()));
            context.report(Code.SESSION_JOB_CLUSTER_CHANGE, at, SESSION_CLUSTER_NAME,
                    "Deployment `" + name + "` moves from session cluster `" + from + "` to `" + to
                            + "`, but the operator refuses to change the session cluster of a FlinkSessionJob (\"The deploymentName can't be changed\").",
                    "Keep it on `" + from + "`, or run it under a new name on `" + to + "` and delete this one (the new job starts from empty state).");
            impact.reason("The operator refuses this change: `sessionClusterName` changes from " + Wording.code(from) + " to " + Wording.code(to)
                    + " (" + Wording.at(at) + "), and a FlinkSessionJob cannot move to another session cluster (error "
                    + Code.SESSION_JOB_CLUSTER_CHANGE.id() + ").");
        }
    }
}
