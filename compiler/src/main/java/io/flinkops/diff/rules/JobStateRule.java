package io.flinkops.diff.rules;

import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.ObjectDelta;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.Wording;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkVersions;
import io.flinkops.plan.JobModes;

import java.util.List;
import java.util.Objects;

/**
 * What the operator does with a job whose object stays in place: upgrade it (restart) when its spec changes,
 * suspend it (SUSPENDED: with a savepoint), cancel it (CANCELLED: without), resume it. See docs/diff.md, "Rules".
 *
 * <ul>
 *   <li>running → running: any UPGRADE field change restarts the job with the head's upgrade mode (the operator
 *       reads the mode from the new spec); IGNORE fields and metadata do not restart it.</li>
 *   <li>RUNNING → SUSPENDED: stop with a savepoint, no risk. RUNNING → CANCELLED: cancel without a savepoint, the
 *       state is lost (unless the job keeps none by design).</li>
 *   <li>SUSPENDED → RUNNING: the operator restores with the mode it suspended with (the savepoint), unless the new
 *       mode is stateless. CANCELLED → RUNNING: empty state, unless a savepoint of an earlier suspend is still
 *       recorded — which Git cannot tell, so the risk is {@code possible} for a stateful job.</li>
 * </ul>
 */
public final class JobStateRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME) return;
        if (pair.baseJob().isEmpty() || pair.headJob().isEmpty()) return;
        JobView b = pair.baseJob().get();
        JobView h = pair.headJob().get();
        ObjectDelta delta = pair.delta().orElseThrow();
        if (delta.equal() || delta.deploymentNameChanged()) return; // a refused change (FO932) does nothing

        if (b.running() && h.running()) {
            runningToRunning(pair, delta, b, h, impact);
        } else if (b.running()) {
            stop(pair, b, h, delta, impact);
        } else if (h.running()) {
            resume(pair, b, h, impact);
        } else {
            String at = Causes.stateAt(pair);
            if (!b.vvpState().equals(h.vvpState())) {
                if (h.cancelled()) {
                    impact.reason("`state` changes from `" + b.vvpState() + "` to `CANCELLED` (" + at
                            + "): nothing runs, and the operator keeps the savepoint it took when the job was suspended.");
                } else {
                    impact.reason("`state` changes from `" + b.vvpState() + "` to `" + h.vvpState() + "` (" + at
                            + "): nothing runs, so the operator takes no savepoint.");
                }
            }
            if (delta.restarts()) {
                impact.reason("Not running: the changes to " + Wording.list(delta.upgradeFields(), 3)
                        + " take effect when the job is set to RUNNING" + Causes.causedBy(Causes.specInputs(pair)) + ".");
            }
        }
    }

    private static void runningToRunning(SubjectPair pair, ObjectDelta delta, JobView b, JobView h, Impact impact) {
        if (redeploys(pair)) return; // RedeployRule: the spec changes go with the redeploy, which keeps no state newer than its savepoint
        if (!delta.restarts()) {
            Causes.noRestart(pair, delta, impact, "job");
            return;
        }
        impact.restarts();
        impact.upgradeMode(h.upgradeMode());
        boolean stateful = !h.upgradeMode().equals(JobModes.STATELESS);
        impact.restoresState(stateful);
        impact.takesSavepoint(h.upgradeMode().equals(JobModes.SAVEPOINT));
        String sentence = "Restarts: " + Wording.list(delta.upgradeFields(), 3) + (delta.upgradeFields().size() == 1 ? " changes" : " change")
                + ", so the operator " + Wording.how(h.upgradeMode()) + Causes.causedBy(Causes.specInputs(pair));
        if (!stateful && !b.configuredStateful()) sentence += "; as configured, the job keeps no state across upgrades";
        impact.reason(sentence + ".");
        if (h.upgradeMode().equals(JobModes.LAST_STATE) && !Objects.equals(b.flinkVersion(), h.flinkVersion())) {
            impact.takesSavepoint(true);
            impact.reason("`flinkVersion` changes from " + Wording.code(FlinkVersions.fromEnumName(b.flinkVersion())) + " to "
                    + Wording.code(FlinkVersions.fromEnumName(h.flinkVersion())) + " ("
                    + Causes.changedOrHead(pair, List.of(DeploymentSpec.FLINK_VERSION)).map(Wording::at).orElse("?")
                    + "): last-state cannot carry state across Flink versions, so the operator upgrades a running job with a savepoint instead.");
        }
    }

    /** The redeploy nonce is set or changes: the operator's SAVEPOINT_REDEPLOY upgrade replaces a plain one. */
    private static boolean redeploys(SubjectPair pair) {
        Long head = pair.head().operations().redeployNonce();
        return head != null && !head.equals(pair.base().operations().redeployNonce());
    }

    private static void stop(SubjectPair pair, JobView b, JobView h, ObjectDelta delta, Impact impact) {
        String at = Causes.stateAt(pair);
        if (h.cancelled()) {
            String sentence = "`state` changes from `RUNNING` to `CANCELLED` (" + at
                    + "): the operator cancels the job without a savepoint (upgrade mode `stateless`), so setting it to RUNNING later starts it from empty state";
            if (b.configuredStateful()) {
                impact.risk(StateRisk.LOSS);
                impact.reason(sentence + ".");
            } else {
                impact.reason(sentence + "; as configured, the job keeps no state across upgrades anyway.");
            }
        } else {
            impact.takesSavepoint(true);
            impact.reason("`state` changes from `RUNNING` to `" + h.vvpState() + "` (" + at + "): the operator stops the job with a savepoint (upgrade mode `"
                    + h.upgradeMode() + "`), and setting it to RUNNING again restores it.");
        }
        if (delta.restarts()) {
            impact.reason("The changes to " + Wording.list(delta.upgradeFields(), 3) + " take effect when the job runs again"
                    + Causes.causedBy(Causes.specInputs(pair)) + ".");
        }
    }

    private static void resume(SubjectPair pair, JobView b, JobView h, Impact impact) {
        String at = Causes.stateAt(pair);
        String from = "`state` changes from `" + b.vvpState() + "` to `RUNNING` (" + at + ")";
        boolean statelessNow = h.upgradeMode().equals(JobModes.STATELESS);
        if (b.cancelled()) {
            if (statelessNow) {
                impact.reason(from + ": the job starts from empty state, as configured (upgrade mode `stateless`).");
            } else {
                impact.risk(StateRisk.POSSIBLE);
                impact.reason(from + ": the operator starts the job from empty state, because a cancel takes no savepoint, unless it was suspended with a savepoint before it was cancelled (VVP would restore its latest retained checkpoint instead, which the operator cannot).");
            }
            return;
        }
        if (statelessNow) {
            impact.reason(from + ": upgrade mode `stateless` starts the job from empty state, without the savepoint taken when it was suspended"
                    + (b.configuredStateful() ? "." : "; as configured, the job keeps no state across upgrades."));
            return;
        }
        impact.restoresState(true);
        impact.upgradeMode(b.upgradeMode());
        impact.reason(from + ": the operator starts the job from the savepoint taken when it was suspended (it restores with the mode it suspended with, `"
                + b.upgradeMode() + "`).");
    }
}
