package io.flinkops.agent.cycle;

import io.flinkops.agent.git.ConfigRepo;

/** Fetch: the config branch (and the status branch) into the agent's own Git repository. */
record FetchStep(ConfigRepo repo) implements CycleStep {
    @Override
    public Step id() {
        return Step.FETCH;
    }

    @Override
    public StepResult run(CycleState state) throws StepFailure {
        state.fetched(repo.fetch());
        return StepResult.DONE;
    }
}
