package io.flinkops.diff.rules;

import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.Operations;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.Wording;
import io.flinkops.diff.live.LiveJob;

import java.util.Objects;
import java.util.Optional;

/**
 * Savepoints asked for or registered in the repo (Savepoint documents, docs/day-2.md): none of them restarts anything
 * or risks state.
 * <ul>
 *   <li>operator 1.10+: a FlinkStateSnapshot added without a location takes a savepoint of the running job; one with
 *       a location records an existing savepoint; one removed deletes the record, never the files
 *       ({@code disposeOnDelete: false});</li>
 *   <li>operators 1.8, 1.9: {@code job.savepointTriggerNonce} is the newest request's time; when it changes the
 *       operator takes a savepoint (also when removing the newest request makes an older one the newest); when it
 *       goes the operator ignores it.</li>
 * </ul>
 * A job that does not run has nothing to save: the operator abandons the request.
 */
public final class SavepointRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME || pair.subject().isSessionCluster()) return;
        Operations base = pair.base().operations();
        Operations head = pair.head().operations();
        String notRunning = notRunning(pair, context);
        for (Operations.StateSnapshot s : head.snapshots().values()) {
            if (base.snapshots().containsKey(s.savepoint())) continue;
            if (s.alreadyExists()) {
                impact.reason("Savepoint " + Wording.code(s.savepoint()) + " records the existing savepoint " + Wording.code(s.path())
                        + " (FlinkStateSnapshot " + Wording.code(s.objectName()) + "): nothing changes, and a redeploy can start from it.");
            } else {
                impact.reason("Savepoint " + Wording.code(s.savepoint()) + " asks for a savepoint" + requested(s.requestedAt(), s.reason())
                        + (notRunning == null ? ": the operator takes a savepoint of the running job (FlinkStateSnapshot " + Wording.code(s.objectName())
                        + "); nothing running changes." : ", but " + notRunning + ": it has nothing to save, so the operator abandons the request."));
            }
        }
        for (Operations.StateSnapshot s : base.snapshots().values()) {
            if (head.snapshots().containsKey(s.savepoint())) continue;
            impact.reason("Savepoint " + Wording.code(s.savepoint()) + " is removed: the agent deletes FlinkStateSnapshot " + Wording.code(s.objectName())
                    + ", so the record goes" + (s.alreadyExists() || s.path() != null ? "; the savepoint's files stay." : "; the files of a savepoint it took stay."));
        }
        triggerNonce(base, head, notRunning, impact);
    }

    private static void triggerNonce(Operations base, Operations head, String notRunning, Impact impact) {
        if (Objects.equals(base.triggerNonce(), head.triggerNonce())) return;
        if (head.triggerNonce() == null) {
            impact.reason("No Savepoint request is left" + (base.savepointRequest() == null ? "" : " (" + Wording.code(base.savepointRequest()) + " is removed)")
                    + ": `job.savepointTriggerNonce` goes, which the operator ignores; nothing happens, and the files of savepoints taken stay.");
            return;
        }
        String request = head.savepointRequest() == null ? "a Savepoint request" : "Savepoint " + Wording.code(head.savepointRequest());
        String action = notRunning == null ? ": the operator takes a savepoint of the running job; nothing running changes."
                : ", but " + notRunning + ": it has nothing to save, so the operator abandons the request.";
        if (base.triggerNonce() != null && head.triggerNonce() < base.triggerNonce()) {
            // The newest request was removed: the older one's time is a new value of the nonce to the operator.
            impact.reason("The newest Savepoint request" + (base.savepointRequest() == null ? "" : ", " + Wording.code(base.savepointRequest()) + ",")
                    + " is removed, so " + request + " becomes the newest and `job.savepointTriggerNonce` changes back to its time" + action);
        } else {
            impact.reason(request + " asks for a savepoint (`job.savepointTriggerNonce`: " + head.triggerNonce() + ")" + action);
        }
    }

    /** "the job is SUSPENDED" / "the job is FAILED now", or null when it runs. */
    static String notRunning(SubjectPair pair, ImpactContext context) {
        Optional<JobView> job = pair.headJob();
        if (job.isPresent() && !job.get().running()) return "the job is " + job.get().vvpState() + " in the repo";
        Optional<LiveJob> live = context.liveJob(pair.subject());
        if (live.isPresent() && live.get().settled() && !live.get().running()) return "the job is " + live.get().state() + " now";
        return null;
    }

    private static String requested(String at, String reason) {
        String out = at == null ? "" : " (requested at " + at + (reason == null ? ")" : ", " + Wording.code(reason) + ")");
        return at == null && reason != null ? " (" + Wording.code(reason) + ")" : out;
    }
}
