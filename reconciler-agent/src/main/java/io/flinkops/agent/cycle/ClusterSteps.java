package io.flinkops.agent.cycle;

import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;
import io.flinkops.status.DeploymentStatus;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cycle's steps that talk to Kubernetes (implemented by {@code io.flinkops.agent.kube.KubernetesSteps}; tests of
 * the cycle use a fake). Every method throws a {@link StepFailure} with a {@link Reason}, which says what recovers it.
 */
public interface ClusterSteps {

    /** Server-side apply of the desired objects, in dependency order; refuses what the safety rules forbid. */
    ApplyResult apply(DesiredState desired) throws StepFailure;

    /**
     * The same, with this cluster's statuses as the status branch records them (keyed like {@link #observe}), read
     * lazily: what was created once and must not be created again (FlinkStateSnapshots) is in their savepoint
     * history. By default they are not used.
     */
    default ApplyResult apply(DesiredState desired, Supplier<Map<String, DeploymentStatus>> recorded) throws StepFailure {
        return apply(desired);
    }

    /** Deletes managed objects of this cluster that left the desired set, within the safety rules. */
    PruneResult prune(DesiredState desired, ApplyResult applied) throws StepFailure;

    /**
     * The live status of the desired deployments, keyed {@code "<namespace>/<deployment>"} (flinkops names).
     * Called after an invalid build too: with the last valid desired state the agent knows, or else with the invalid
     * one (no objects, diagnostics with errors), for which it observes the managed objects it finds by label.
     */
    Map<String, DeploymentStatus> observe(DesiredState desired, Instant now) throws StepFailure;

    /**
     * The same, with this cluster's statuses as the status branch records them (keyed alike), which carry what a new
     * process needs to continue what the last one observed (restart history). {@code recorded} is read lazily, only
     * when needed. By default they are not used.
     */
    default Map<String, DeploymentStatus> observe(DesiredState desired, Supplier<Map<String, DeploymentStatus>> recorded, Instant now)
            throws StepFailure {
        return observe(desired, now);
    }

    /**
     * Whether apply and prune only ask the API server what they would do ({@code dryRun=All}) and persist nothing. The
     * standard cycle then neither observes nor records: a dry run changes nothing, the status branch included.
     */
    default boolean dryRun() {
        return false;
    }
}
