package io.flinkops.agent.cycle;

import io.flinkops.diag.Diagnostic;

import java.util.List;
import java.util.Optional;

/** Build: compiles the fetched commit for this cluster. An invalid commit is a problem, not a failure: observe still runs. */
record BuildStep(ConfigBuilder builder, LastValidDesired lastValid) implements CycleStep {
    @Override
    public Step id() {
        return Step.BUILD;
    }

    @Override
    public Optional<String> skipReason(CycleState state) {
        return Needs.fetched(state);
    }

    @Override
    public StepResult run(CycleState state) throws StepFailure {
        DesiredState desired = builder.build(state.commit().orElseThrow());
        state.desired(desired);
        lastValid.remember(desired);
        if (desired.valid()) return StepResult.DONE;
        long errors = desired.diagnostics().stream().filter(Diagnostic::isError).count();
        return new StepResult(List.of(new Problem(Step.BUILD, Reason.CONFIG_INVALID, "Commit " + desired.sourceCommit()
                + " of the config repo has " + errors + " error(s), so nothing was applied or pruned and what runs keeps running. "
                + "Fix the errors listed in the agent's status and push (`flinkops validate` shows them too).")));
    }
}
