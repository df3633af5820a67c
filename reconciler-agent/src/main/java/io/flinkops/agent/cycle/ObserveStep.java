package io.flinkops.agent.cycle;

import io.flinkops.status.DeploymentStatus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Observe: the live status of the desired deployments. Runs after an invalid commit too, so status stays fresh: it
 * then observes the last valid desired state the agent knows, else the invalid one (no objects: the Kubernetes side
 * observes what it manages by label). {@code recorded} gives this cluster's statuses on the status branch (as fetched
 * this cycle), for what the observation continues from (restart history).
 * Runs on a suspended cluster too. A deployment the agent leaves alone (paused in the repo, or its whole
 * cluster suspended) gets the condition {@value #PAUSED}, so its status says why the repo's changes do not reach it.
 */
record ObserveStep(ClusterSteps kube, LastValidDesired lastValid, Clock clock, Supplier<Map<String, DeploymentStatus>> recorded)
        implements CycleStep {
    /** Without recorded statuses. */
    ObserveStep(ClusterSteps kube, LastValidDesired lastValid, Clock clock) {
        this(kube, lastValid, clock, Map::of);
    }

    @Override
    public Step id() {
        return Step.OBSERVE;
    }

    @Override
    public Optional<String> skipReason(CycleState state) {
        return Needs.fetched(state).or(() -> target(state).isPresent() ? Optional.empty() : Optional.of("the commit could not be read"));
    }

    @Override
    public StepResult run(CycleState state) throws StepFailure {
        DesiredState target = target(state).orElseThrow();
        Map<String, DeploymentStatus> statuses = new TreeMap<>();
        // A status without a source commit is as of the desired state it was observed against.
        Set<String> paused = target.pauses().deployments();
        kube.observe(target, recorded, clock.instant()).forEach((k, v) -> {
            DeploymentStatus s = v.sourceCommit() != null ? v : v.withSourceCommit(target.sourceCommit());
            statuses.put(k, target.suspended() || paused.contains(k) ? paused(s, target) : s);
        });
        state.observation(new Observation(target, statuses));
        return StepResult.DONE;
    }

    /** The condition type of a deployment the agent leaves alone; present (True) only while it does. */
    static final String PAUSED = "Paused";

    /**
     * The status with the condition {@value #PAUSED}. Its lastTransitionTime is this instant; the status branch keeps
     * the time of the pause from cycle to cycle (a condition whose status did not change keeps the branch's time).
     */
    private DeploymentStatus paused(DeploymentStatus s, DesiredState target) {
        List<DeploymentStatus.Condition> conditions = new ArrayList<>(s.conditions() == null ? List.of() : s.conditions());
        conditions.removeIf(c -> PAUSED.equals(c.type()));
        conditions.add(target.suspended()
                ? new DeploymentStatus.Condition(PAUSED, "True", "ClusterSuspended", "Cluster " + target.cluster()
                + " is suspended in flinkops.yaml (spec.clusters[].suspend: true): the agent applies and prunes nothing there.", clock.instant().toString())
                : new DeploymentStatus.Condition(PAUSED, "True", "ReconcileDisabled",
                "The deployment carries flinkops.io/reconcile: disabled in the repo: the agent neither applies nor prunes its objects.",
                clock.instant().toString()));
        return s.withConditions(conditions);
    }

    private Optional<DesiredState> target(CycleState state) {
        return state.validDesired().or(lastValid::get).or(state::desired);
    }
}
