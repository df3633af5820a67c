package io.flinkops.diff.rules;

import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.ObjectDelta;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.Subject;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.Wording;

import java.util.List;
import java.util.Optional;

/**
 * Session clusters. A spec change of a session cluster makes the operator delete its JobManager and deploy it
 * again ({@code SessionReconciler.reconcileSpecChange}, with {@code deleteHaData=false}), without taking
 * savepoints of the jobs on it: every running session job restarts. With high availability on the cluster, the new
 * JobManager recovers the jobs from their latest checkpoints; without it the jobs are lost with the cluster and the
 * operator can at best resubmit them from the last checkpoint or savepoint it observed ({@code possible}).
 * A session job suspended in the same change as its cluster is deleted may not get its savepoint.
 */
public final class SessionClusterRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.subject().isSessionCluster()) cluster(pair, context, impact);
        else sessionJob(pair, context, impact);
    }

    private static void cluster(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME) return;
        ObjectDelta delta = pair.delta().orElseThrow();
        if (delta.equal()) return;
        if (!delta.restarts()) {
            Causes.noRestart(pair, delta, impact, "session cluster");
            return;
        }
        impact.restarts();
        impact.reason("Restarts: " + Wording.list(delta.upgradeFields(), 3) + (delta.upgradeFields().size() == 1 ? " changes" : " change")
                + ", so the operator deletes the session cluster and deploys it again, without savepoints of its jobs"
                + Causes.causedBy(Causes.specInputs(pair)) + ".");
        List<String> running = runningJobs(pair.subject(), context).stream().map(p -> p.subject().name()).toList();
        if (running.isEmpty()) return;
        boolean ha = pair.base().config().haEnabled();
        boolean one = running.size() == 1;
        impact.reason((one ? "Its running session job restarts with it: " : "Its running session jobs restart with it: ") + Wording.list(running, 10) + (ha
                ? "; Flink recovers " + (one ? "it from its latest checkpoint" : "them from their latest checkpoints") + " through the cluster's high availability."
                : "; without high availability on the cluster " + (one ? "it is" : "they are") + " lost with it (see " + (one ? "its entry" : "their entries") + ")."));
        boolean statefulWithoutHa = !ha && runningJobs(pair.subject(), context).stream()
                .anyMatch(p -> p.baseJob().map(JobView::configuredStateful).orElse(false));
        if (statefulWithoutHa) impact.risk(StateRisk.POSSIBLE);
    }

    /** Session jobs running on {@code cluster} in both revisions (same object). */
    private static List<SubjectPair> runningJobs(Subject cluster, ImpactContext context) {
        return context.sessionJobsOn(cluster).stream()
                .filter(p -> p.transition() == SubjectPair.Transition.SAME)
                .filter(p -> p.head().sessionClusterName().orElse("").equals(cluster.name()))
                .filter(p -> p.baseJob().map(JobView::running).orElse(false) && p.headJob().map(JobView::running).orElse(false))
                .toList();
    }

    private static void sessionJob(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME || !pair.base().isSessionJob()) return;
        Optional<String> clusterName = pair.base().sessionClusterName();
        if (clusterName.isEmpty() || !clusterName.equals(pair.head().sessionClusterName())) return;
        Subject clusterSubject = new Subject(pair.subject().namespace(), clusterName.get(), Subject.Kind.SESSION_CLUSTER);
        Optional<SubjectPair> cluster = context.pair(clusterSubject);
        if (cluster.isEmpty()) return;
        JobView b = pair.baseJob().orElseThrow();
        JobView h = pair.headJob().orElseThrow();

        if (b.running() && h.running() && context.impact(clusterSubject).map(Impact::restart).orElse(false)) {
            impact.restarts();
            boolean ha = cluster.get().base().config().haEnabled();
            String consequence;
            if (ha) {
                impact.restoresState(true);
                consequence = "Flink recovers the job from its latest checkpoint through the cluster's high availability";
            } else if (b.configuredStateful()) {
                impact.restoresState(true);
                impact.risk(StateRisk.POSSIBLE);
                consequence = "without high availability on the cluster the job is lost with it, and the operator can at best resubmit it from the last checkpoint or savepoint it observed";
            } else {
                consequence = "the operator submits the job again from empty state, as configured (upgrade mode `stateless`)";
            }
            impact.reason("Restarts with session cluster `" + clusterName.get() + "`, which the operator deploys again because it changes"
                    + Causes.clusterRestartCause(cluster.get()) + ": " + consequence + ".");
            return;
        }
        if (b.running() && h.suspendedWithState() && cluster.get().transition() == SubjectPair.Transition.REMOVED) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason("Session cluster `" + clusterName.get() + "` is deleted by the same change" + Causes.causedBy(cluster.get().inputs())
                    + ", but the operator needs it running to take the savepoint of the suspend"
                    + ": suspend the job first and remove the cluster in a later commit.");
        }
    }
}
