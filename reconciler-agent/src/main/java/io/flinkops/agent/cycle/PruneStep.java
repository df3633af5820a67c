package io.flinkops.agent.cycle;

import io.flinkops.agent.kube.PruneResult;

import java.util.Optional;

/**
 * Prune: only after a complete apply of a valid commit, and never while flinkops.yaml suspends the cluster. Deletions
 * the safety rules hold back are problems.
 */
record PruneStep(ClusterSteps kube) implements CycleStep {
    @Override
    public Step id() {
        return Step.PRUNE;
    }

    @Override
    public Optional<String> skipReason(CycleState state) {
        return Needs.validAndNotSuspended(state).or(() -> state.applied().isPresent() ? Optional.empty() : Optional.of("apply failed"));
    }

    @Override
    public StepResult run(CycleState state) throws StepFailure {
        PruneResult result = kube.prune(state.validDesired().orElseThrow(), state.applied().orElseThrow());
        state.pruned(result);
        return new StepResult(result.withheld().stream()
                .map(m -> new Problem(Step.PRUNE, Reason.PRUNE_WITHHELD, "Withheld deletion: " + m)).toList());
    }
}
