package io.flinkops.agent.cycle;

import io.flinkops.status.DeploymentStatus;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Observe: the live status of the desired deployments. Runs after an invalid commit too, so status stays fresh: it
 * then observes the last valid desired state the agent knows, else the invalid one (no objects: the Kubernetes side
 * observes what it manages by label). {@code recorded} gives this cluster's statuses on the status branch (as fetched
 * this cycle), for what the observation continues from (restart history).
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
        kube.observe(target, recorded, clock.instant()).forEach((k, v) -> statuses.put(k, v.sourceCommit() != null ? v : v.withSourceCommit(target.sourceCommit())));
        state.observation(new Observation(target, statuses));
        return StepResult.DONE;
    }

    private Optional<DesiredState> target(CycleState state) {
        return state.validDesired().or(lastValid::get).or(state::desired);
    }
}
