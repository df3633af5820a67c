package io.flinkops.agent.cycle;

import io.flinkops.agent.kube.ApplyResult;

import java.util.Optional;

/** Apply: the valid desired state, to the cluster. Objects the agent's rules refuse are problems; the rest is applied. */
record ApplyStep(ClusterSteps kube) implements CycleStep {
    @Override
    public Step id() {
        return Step.APPLY;
    }

    @Override
    public Optional<String> skipReason(CycleState state) {
        return Needs.validCommit(state);
    }

    @Override
    public StepResult run(CycleState state) throws StepFailure {
        ApplyResult result = kube.apply(state.validDesired().orElseThrow());
        state.applied(result);
        return new StepResult(result.refused().stream().map(m -> new Problem(Step.APPLY, Reason.OBJECT_REFUSED, "Refused " + m)).toList());
    }
}
