package io.flinkops.diff.rules;

import io.flinkops.diff.ChangeKind;
import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.live.LiveJob;
import io.flinkops.diff.live.LiveView;
import io.flinkops.diff.live.LiveWording;
import io.flinkops.render.RenderedObject;

import java.util.Optional;

/**
 * Weighs the change against what the status branch says runs now (docs/diff.md, "What runs now"). The other rules
 * read Git only and assume the base revision runs as written; the agent's last observation confirms or corrects that:
 * <ul>
 *   <li>a job whose observed state is not what the base revision asks for (FAILED; SUSPENDED or CANCELLED while the
 *       repo says RUNNING; RUNNING while it says otherwise) is called out, and a change to it is at least
 *       {@code possible}: what the report says assumes the base revision runs;</li>
 *   <li>a change that loses the state of a running job discards what the job built since its last savepoint; when
 *       the job does not run and a savepoint of it is known, the state survives in that savepoint: {@code possible}
 *       rather than {@code loss};</li>
 *   <li>a resumed job restores its last savepoint; with none known, {@code possible}.</li>
 * </ul>
 * It runs after the rules that weigh the change itself, and before the changed inputs are listed.
 */
public final class LiveStateRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        Optional<LiveJob> seen = context.liveJob(pair.subject());
        if (seen.isEmpty()) return;
        LiveJob job = seen.get();
        Optional<JobView> base = pair.transition() == SubjectPair.Transition.ADDED ? Optional.empty() : pair.baseJob();
        boolean disagrees = base.map(b -> disagrees(b, job)).orElse(false);
        boolean changes = impact.change() != ChangeKind.UNCHANGED || impact.restart();

        if (disagrees) {
            impact.reason(disagreement(pair, base.get(), job, impact, changes));
            if (changes) impact.risk(StateRisk.POSSIBLE);
        }

        boolean losesRunningState = impact.risk() == StateRisk.LOSS;
        boolean discards = false;
        LiveJob.SavepointSeen since = null;
        if (impact.redeployFrom() != null && job.running()) {
            // RedeployRule said what is discarded; the savepoint goes on record for the formats.
            discards = true;
            String location = pair.head().operations().initialSavepoint();
            since = new LiveJob.SavepointSeen(impact.redeployFrom(), location, job.takenAt(impact.redeployFrom(), location).orElse(null),
                    job.savepoint(impact.redeployFrom()).map(s -> s.trigger()).orElse(null));
        } else if (losesRunningState && job.running()) {
            since = job.lastSavepoint();
            discards = true;
            impact.reason("The job runs now (" + LiveWording.observed(job) + "), so this change discards "
                    + (job.lastSavepoint() == null ? "all its state: the status branch knows no savepoint of it."
                    : "the state it built since its last savepoint " + LiveWording.savepoint(job, job.lastSavepoint()) + "."));
        } else if (losesRunningState && job.settled() && job.lastSavepoint() != null) {
            impact.riskFromLiveState(StateRisk.POSSIBLE);
            impact.reason("The job does not run now (" + job.state() + ", " + LiveWording.observed(job) + "), so this change loses no running state: "
                    + "its last savepoint " + LiveWording.savepoint(job, job.lastSavepoint())
                    + " stays in storage, and a redeploy from it restores it (`flinkops redeploy --from-savepoint`).");
        }

        if (resumes(pair, impact) && !job.running()) {
            if (job.lastSavepoint() != null) {
                impact.reason("The last savepoint the status branch knows, and so the one the resume restores, is " + LiveWording.savepoint(job, job.lastSavepoint()) + ".");
            } else {
                impact.risk(StateRisk.POSSIBLE);
                impact.reason("The status branch knows no savepoint of this job (" + LiveWording.observed(job)
                        + "): if it was suspended while failing, the operator suspended it without one and restores its last checkpoint, if it still has it.");
            }
        }
        boolean ofBase = job.sourceCommit() != null && pair.base().snapshot().tree().commitId().map(job.sourceCommit()::equals).orElse(false);
        String baseCluster = pair.base().main().map(RenderedObject::cluster).filter(c -> job.cluster() != null && !c.equals(job.cluster())).orElse(null);
        impact.live(new LiveView(job, ofBase, baseCluster, disagrees, discards, since));
    }

    /** The observed state is a settled one that the base revision does not ask for. */
    private static boolean disagrees(JobView base, LiveJob job) {
        if (job.failed()) return true;
        if (!job.settled() || "FINISHED".equals(job.state())) return false;
        return !job.state().equals(base.vvpState());
    }

    private static String disagreement(SubjectPair pair, JobView base, LiveJob job, Impact impact, boolean changes) {
        String observed = LiveWording.observed(job);
        String why;
        if (job.failed()) {
            why = "The job FAILED (" + observed + (job.error() == null ? "" : ": " + job.error()) + ")";
            if (impact.takesSavepoint()) {
                why += "; the operator cannot take the savepoint this change needs of a failed job, and falls back to its last checkpoint when it has one";
            }
        } else if (job.desiredState() != null && !job.desiredState().equals(base.vvpState())) {
            why = "The job is " + job.state() + " (" + observed + "), as commit " + LiveWording.shortCommit(String.valueOf(job.sourceCommit()))
                    + " asked, while the base revision says " + base.vvpState() + ": the agent has not applied the base revision";
        } else {
            why = "The job is " + job.state() + " (" + observed + ") while the repo says " + base.vvpState()
                    + ": it was " + (job.running() ? "started" : "stopped") + " outside Git";
        }
        return why + (changes ? "; this report assumes the base revision runs, so look before merging." : ".");
    }

    /** The job goes from not running to running and restores state (a resume). */
    private static boolean resumes(SubjectPair pair, Impact impact) {
        return pair.transition() == SubjectPair.Transition.SAME && impact.restoresState()
                && pair.baseJob().map(b -> !b.running()).orElse(false) && pair.headJob().map(JobView::running).orElse(false);
    }
}
