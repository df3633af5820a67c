package io.flinkops.agent.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkops.agent.cycle.ClusterSteps;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.status.DeploymentStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the agent does against the Kubernetes API: the apply, prune and observe steps of a cycle. The only public
 * entry point of this package; one instance per agent process (observe keeps its history in memory). Each step reads
 * what is live with one list per kind of the objects this agent manages ({@code ManagedObjects}), so a cycle over a
 * thousand unchanged deployments sends about a dozen requests; only an object missing from those lists is read by name.
 *
 * <h2>Apply</h2>
 * Server-side apply with the field manager {@value KubeSettings#FIELD_MANAGER} (forcing conflicts: the repo is the
 * source of truth), in dependency order: ServiceAccounts, Roles, RoleBindings, ConfigMaps, session-cluster
 * FlinkDeployments, application FlinkDeployments, FlinkSessionJobs. Custom resources go through
 * {@code GenericKubernetesResource} with explicit resource contexts (no API discovery). An object is refused, and
 * listed in {@link ApplyResult#refused()}, whatever the repo says, when its kind is not on the allowlist (the kinds
 * flinkops emits, {@code io.flinkops.render.ObjectKind}),
 * it belongs to another cluster, it lacks the ownership labels, its namespace is not allowed by the Repository policy
 * or by the agent's own allowlist ({@link KubeSettings#allowedNamespaces()}, fail closed), or an object of that name
 * exists that this agent does not manage (it never takes over). Every applied object carries the annotation
 * {@code flinkops.io/applied-hash} (hash of the content without {@code flinkops.io/source-commit}); when the live
 * object's annotation equals the desired hash, and every field the agent sets still has its value live (no drift), the
 * object is not re-sent ({@link ApplyResult#unchanged()}), across agent restarts too. Fields only the live object has
 * (defaults, other field managers, status) are not drift. Errors stop the step at the failing object, with a reason
 * ({@code Failures}): 5xx, 429, 409, timeouts and connection errors are RETRY_SOON; 401/403, 400/404/422 are
 * NEEDS_HUMAN with the object named. A retry converges: objects applied before the failure are found unchanged, the
 * rest are applied.
 *
 * <p>Besides (docs/agent.md, "Drift, dry run, suspend and ordering"): the objects of a Deployment or SessionCluster
 * paused in the repo ({@code flinkops.io/reconcile: disabled} on its objects, found by their subject labels) are
 * neither applied nor pruned ({@link ApplyResult#paused()}, {@link PruneResult#paused()}). An object whose hash matches
 * but whose live fields differ is drift: it is sent again and named with the fields in {@link ApplyResult#drifted()}.
 * Fields listed in {@link KubeSettings#ignoreDifferences()} are left out of hash and comparison, and keep their live
 * value. A FlinkSessionJob to send waits ({@link ApplyResult#waiting()}) until its session cluster is ready: not sent
 * in the same pass, and {@code status.jobManagerDeploymentStatus} READY. With {@link KubeSettings#dryRun()} every
 * write (apply, suspend, delete) carries {@code dryRun=All}: the API server checks it and persists nothing, and
 * {@link ApplyResult#changes()} says what each apply would change.
 *
 * <h2>Prune</h2>
 * Deletes only objects that carry both {@code app.kubernetes.io/managed-by=flinkops} and
 * {@code flinkops.io/cluster=<this cluster>} (listed with equality label selectors per kind, checked again
 * client-side), are of an allowlisted kind, in a namespace the agent's allowlist allows, and are absent from the
 * desired set (objects refused by apply count as desired: a refusal never deletes). Withheld, and reported in
 * {@link PruneResult#withheld()}: everything when the commit does not compile; everything when the desired set is empty
 * (unless {@link KubeSettings#pruneWhenEmpty()}); everything when the deletions would exceed
 * {@link KubeSettings#maxPruneShare()} of the managed objects (unless {@link KubeSettings#pruneOverride()}). A
 * stateful application FlinkDeployment (upgrade mode savepoint or last-state) whose job runs is first suspended
 * (merge patch {@code job.state=suspended}, {@code upgradeMode=savepoint} when it configures a savepoint directory,
 * otherwise its last-state mode, since the operator rejects savepoint mode without one) and deleted in a later cycle
 * once the operator has reconciled that and reports it SUSPENDED (or the job is FINISHED/FAILED/CANCELED); until then
 * it is listed in {@link PruneResult#suspended()}; so are the other objects of the same flinkops Deployment (its
 * ConfigMaps, which the pods still mount), kept until the FlinkDeployment is deleted. Deletion order is the reverse of
 * apply order.
 *
 * <h2>Observe</h2>
 * For every FlinkDeployment and FlinkSessionJob of a flinkops Deployment in the desired set (session clusters are
 * not Deployments and get no status of their own; they decide their jobs' ClusterUnreachable), keyed
 * {@code "<flinkops namespace>/<deployment>"} (when the commit does not compile: for every managed FlinkDeployment and
 * FlinkSessionJob in the cluster, with the desired state read from its live spec, so status keeps flowing while the
 * repo is broken): the VVP state by the rules of {@code StatusMapping}, the job id, the last
 * savepoint, the operator's error, and the conditions ClusterUnreachable, JobFailing (≥3 restarts within 10 min) and
 * JobUnstable (≥3 within 60 min), always all three, True or False. Restarts are counted from what the agent observes
 * over time ({@code RestartHistory}), kept in memory and in each status ({@code restarts}); a deployment new to this
 * process (after an agent restart or a leader change, and in every {@code --once} run) continues from its recorded
 * status on the status branch. {@code observedAt} and each condition's
 * {@code lastTransitionTime} only move when the status changes, so an unchanged deployment yields an equal status
 * within one agent process. {@code sourceCommit} is the live object's {@code flinkops.io/source-commit}: the commit
 * that last changed what runs.
 *
 * <h2>Day-2 operations</h2>
 * (docs/day-2.md, docs/agent.md "Day-2 operations".) A FlinkStateSnapshot is created once (a POST when absent) and
 * never written again, and not created again once the deployment's savepoint history records it (this process's, or
 * the status branch's for a deployment new to it): the operator deletes old snapshots, and a new one would take a new
 * savepoint ({@link ApplyResult#notRecreated()}). Observe adds each deployment's savepoint history, restarts and
 * redeploys with their outcome, and the last checkpoint ({@code DayTwoMapping}), merged into the recorded history
 * ({@code DayTwoHistory}), and records an Event on the job's object when an operation of the repo is first seen or its
 * result changes ({@code DayTwoEvents}).
 */
public final class KubernetesSteps implements ClusterSteps {
    private final Applier applier;
    private final Pruner pruner;
    private final Observer observer;
    private final KubeSettings settings;
    private final Optional<EventRecorder> events;

    public KubernetesSteps(KubernetesClient client, KubeSettings settings) {
        this(client, settings, Clock.systemUTC());
    }

    public KubernetesSteps(KubernetesClient client, KubeSettings settings, Clock clock) {
        this(client, settings, clock, Optional.empty());
    }

    /** @param events where to record Kubernetes Events on the FlinkDeployments and session jobs written (none: no events) */
    public KubernetesSteps(KubernetesClient client, KubeSettings settings, Clock clock, Optional<EventRecorder> events) {
        this.events = events;
        this.settings = settings;
        ManagedObjects managed = new ManagedObjects(client, settings);
        this.applier = new Applier(client, settings, managed);
        this.pruner = new Pruner(client, settings, clock, managed);
        this.observer = new Observer(managed);
    }

    /** The apply step; see the class comment. Throws when the desired state does not compile (NEEDS_HUMAN). */
    @Override
    public ApplyResult apply(DesiredState desired) throws StepFailure {
        return apply(desired, Map::of);
    }

    /**
     * The apply step, with this cluster's statuses on the status branch for the create-once rule of
     * FlinkStateSnapshots (a deployment this process has not observed yet continues from its recorded history).
     */
    @Override
    public ApplyResult apply(DesiredState desired, Supplier<Map<String, DeploymentStatus>> recorded) throws StepFailure {
        Supplier<Map<String, DeploymentStatus>> once = memoized(recorded);
        ApplyResult result = applier.apply(desired, (deployment, name, requestedAt) -> observer.recorded(deployment, name, requestedAt, once));
        if (!result.dryRun()) events.ifPresent(e -> ObjectEvents.applied(e, desired.sourceCommit(), result));
        return result;
    }

    /**
     * The prune step; see the class comment. {@code applied} is this cycle's apply result (not needed by the rules
     * today: refused objects are part of the desired set anyway).
     */
    @Override
    public PruneResult prune(DesiredState desired, ApplyResult applied) throws StepFailure {
        PruneResult result = pruner.prune(desired);
        if (!result.dryRun()) events.ifPresent(e -> ObjectEvents.pruned(e, desired.sourceCommit(), result));
        return result;
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        Object[] value = new Object[1];
        return () -> {
            if (value[0] == null) value[0] = supplier.get();
            @SuppressWarnings("unchecked") T t = (T) value[0];
            return t;
        };
    }

    @Override
    public boolean dryRun() {
        return settings.dryRun();
    }

    /** The observe step without recorded statuses: restart memory starts from what this process observes. */
    @Override
    public Map<String, DeploymentStatus> observe(DesiredState desired, Instant now) throws StepFailure {
        return observe(desired, Map::of, now);
    }

    /** The observe step; see the class comment. */
    @Override
    public Map<String, DeploymentStatus> observe(DesiredState desired, Supplier<Map<String, DeploymentStatus>> recorded, Instant now)
            throws StepFailure {
        Map<String, DeploymentStatus> statuses = observer.observe(desired, recorded, now);
        events.ifPresent(e -> {
            for (DayTwoEvents.Event d : observer.dayTwoEvents()) {
                ManagedKind kind = ManagedKind.FLINK_SESSION_JOB.kind().equals(d.object().kind()) ? ManagedKind.FLINK_SESSION_JOB : ManagedKind.FLINK_DEPLOYMENT;
                e.record(kind.objectKind().apiVersion(), kind.kind(), d.object().namespace(), d.object().name(), d.type(), d.reason(), d.message());
            }
        });
        return statuses;
    }
}
