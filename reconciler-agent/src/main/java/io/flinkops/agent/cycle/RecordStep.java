package io.flinkops.agent.cycle;

import io.flinkops.agent.record.StatusRecorder;
import io.flinkops.agent.record.StatusUpdate;
import io.flinkops.status.AgentStatus;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Record: this cycle's statuses and the agent's own status, as one commit on the status branch. Runs whatever the
 * steps before it did, so the status branch says why a cycle failed, except when the Git remote is unreachable
 * or does not answer (the push would fail the same way). Runs even after the cycle's deadline, so that the status
 * branch says the cycle ran out of time. Deployment files that left the desired set are removed only after a valid
 * build and a successful observe.
 */
record RecordStep(String cluster, StatusRecorder recorder, Summariser summariser, Clock clock) implements CycleStep {
    @Override
    public Step id() {
        return Step.RECORD;
    }

    @Override
    public Optional<String> skipReason(CycleState state) {
        return state.failure(Step.FETCH).filter(p -> p.reason() == Reason.GIT_UNREACHABLE || p.reason() == Reason.GIT_TIMEOUT)
                .map(p -> "the Git remote is unreachable");
    }

    @Override
    public boolean runsAfterDeadline() {
        return true;
    }

    @Override
    public StepResult run(CycleState state) throws StepFailure {
        Summariser.Summary summary = summariser.summarise(state.reports());
        String commit = state.commit().orElse(null);
        ConfigErrors errors = ConfigErrors.of(state.desired());
        AgentStatus agent = new AgentStatus(cluster, commit, state.appliedCleanly() ? commit : null, summary.outcome().name(),
                summary.problems().stream().map(Problem::asStatus).toList(), errors.shown(), errors.omitted(), null);
        StatusUpdate update = new StatusUpdate(commit,
                state.observation().map(Observation::statuses).orElse(Map.of()),
                state.validDesired().isPresent() && state.observation().isPresent(), agent);
        state.recorded(recorder.record(update, clock.instant()));
        return StepResult.DONE;
    }
}
