package io.flinkops.diff.rules;

import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.ObjectDelta;
import io.flinkops.diff.Operations;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.Wording;
import io.flinkops.plan.JobModes;

import java.util.Objects;
import java.util.Optional;

/**
 * A restart asked for in the repo ({@code flinkops.io/restart}, rendered as {@code spec.restartNonce}, docs/day-2.md).
 * When the nonce is set or changes, the operator restarts the job the way it upgrades it, with its upgrade mode:
 * {@code savepoint} keeps the state ({@code none}), {@code last-state} restores the latest checkpoint, which a job
 * that needs restarting may not have recently completed ({@code possible}), {@code stateless} starts from empty
 * state, which such a job does by design ({@code none}, as for its upgrades). A SessionCluster's restart deploys the cluster again and restarts every job on it. A nonce that goes
 * is ignored by the operator: nothing restarts.
 */
public final class RestartRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME) return;
        Operations base = pair.base().operations();
        Operations head = pair.head().operations();
        if (Objects.equals(base.restartNonce(), head.restartNonce())) return;
        String at = Causes.annotationAt(pair, Operations.RESTART_ANNOTATION);
        if (head.restartNonce() == null) {
            impact.reason("`" + Operations.RESTART_ANNOTATION + "` is removed (" + at + "): its nonce goes, which the operator ignores, so nothing restarts.");
            return;
        }
        String asked = "`" + Operations.RESTART_ANNOTATION + "` " + (base.restartNonce() == null ? "is set to " : "changes from "
                + Wording.code(String.valueOf(base.restartAt())) + " to ") + Wording.code(String.valueOf(head.restartAt())) + " (" + at + ")";
        ObjectDelta delta = pair.delta().orElseThrow();
        if (pair.subject().isSessionCluster()) {
            impact.restarts();
            impact.reason("Restarts: " + asked + ", so the operator deletes the session cluster and deploys it again, without savepoints of its jobs; "
                    + "every job running on it restarts (see their entries).");
            return;
        }
        Optional<JobView> b = pair.baseJob();
        Optional<JobView> h = pair.headJob();
        if (b.isEmpty() || h.isEmpty()) return;
        if (!b.get().running() || !h.get().running()) {
            impact.reason(asked + ", but the job is " + h.get().vvpState() + ": nothing restarts now.");
            return;
        }
        if (delta.restarts() || impact.restart()) {
            impact.reason(asked + " as well: the job restarts once, with this change.");
            return;
        }
        String mode = h.get().upgradeMode();
        impact.restarts();
        impact.upgradeMode(mode);
        impact.restoresState(!mode.equals(JobModes.STATELESS));
        impact.takesSavepoint(mode.equals(JobModes.SAVEPOINT));
        String sentence = "Restarts: " + asked + ", so the operator " + Wording.how(mode).replace(" with the new spec", "");
        switch (mode) {
            case JobModes.SAVEPOINT -> impact.reason(sentence + ".");
            case JobModes.LAST_STATE -> {
                impact.risk(StateRisk.POSSIBLE);
                impact.reason(sentence + ": a job that needs a restart may not have completed a checkpoint for a while, and what it did since its last one is processed again or lost, depending on its sources and sinks.");
            }
            // Stateless in the repo: the job keeps no state by design, as on every upgrade (docs/diff.md, stateRisk).
            default -> impact.reason(sentence + ", as on every upgrade of this job, which keeps no state by design.");
        }
    }
}
