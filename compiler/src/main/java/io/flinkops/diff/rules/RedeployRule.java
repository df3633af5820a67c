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
import io.flinkops.diff.live.LiveJob;
import io.flinkops.diff.live.LiveWording;

import java.util.Objects;
import java.util.Optional;

/**
 * A redeploy from a savepoint ({@code flinkops.io/redeploy-from}, rendered as {@code job.savepointRedeployNonce} and
 * {@code job.initialSavepointPath}, docs/day-2.md). When the nonce is set or changes, the operator stops the job
 * without a savepoint and starts it from that savepoint (its SAVEPOINT_REDEPLOY upgrade): everything the job did after
 * the savepoint is discarded ({@code possible}: someone chose to, a reviewer should see how much). Other spec changes
 * of the same commit go with the redeploy. {@code initialSavepointPath} alone changing is used only when the job is
 * created anew; a nonce that goes is ignored.
 */
public final class RedeployRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME || pair.subject().isSessionCluster()) return;
        Operations base = pair.base().operations();
        Operations head = pair.head().operations();
        Optional<JobView> b = pair.baseJob();
        Optional<JobView> h = pair.headJob();
        if (b.isEmpty() || h.isEmpty()) return;
        String at = Causes.annotationAt(pair, Operations.REDEPLOY_FROM_ANNOTATION);
        if (Objects.equals(base.redeployNonce(), head.redeployNonce())) {
            if (!Objects.equals(base.initialSavepoint(), head.initialSavepoint())) {
                impact.reason("`job.initialSavepointPath` changes" + (head.initialSavepoint() == null ? "" : " to " + Wording.code(head.initialSavepoint()))
                        + ": the operator uses it only when it creates the job anew, so nothing changes for the job now.");
            }
            return;
        }
        if (head.redeployNonce() == null) {
            impact.reason("`" + Operations.REDEPLOY_FROM_ANNOTATION + "` is removed (" + at
                    + "): its nonce goes, which the operator ignores, so nothing is redeployed.");
            return;
        }
        String savepoint = head.redeployFrom() == null ? "a savepoint" : "Savepoint " + Wording.code(head.redeployFrom());
        String what = "`" + Operations.REDEPLOY_FROM_ANNOTATION + "` " + (base.redeployNonce() == null ? "names " : "now names ") + savepoint
                + " (" + at + "), at " + Wording.code(String.valueOf(head.initialSavepoint()));
        if (!h.get().running()) {
            impact.reason(what + ", but the job is " + h.get().vvpState() + ": the operator starts it from that savepoint when it runs again.");
            return;
        }
        impact.restarts();
        impact.restoresState(true);
        impact.upgradeMode(h.get().upgradeMode());
        impact.risk(StateRisk.POSSIBLE);
        impact.redeploysFrom(head.redeployFrom());
        ObjectDelta delta = pair.delta().orElseThrow();
        String others = delta.restarts() ? "; the changes to " + Wording.list(delta.upgradeFields(), 3) + " go with it" : "";
        impact.reason("Redeploys: " + what + ", so the operator stops the job without a savepoint and starts it from that savepoint, discarding the state newer than it"
                + age(context, pair, head.redeployFrom(), head.initialSavepoint()) + others + ".");
    }

    /** " (taken 3 hours ago (…))" when the status branch knows when the savepoint was taken. */
    private static String age(ImpactContext context, SubjectPair pair, String name, String location) {
        Optional<LiveJob> live = context.liveJob(pair.subject());
        return live.flatMap(l -> l.takenAt(name, location)).map(at -> " (taken " + LiveWording.when(live.get(), at) + ")").orElse("");
    }
}
