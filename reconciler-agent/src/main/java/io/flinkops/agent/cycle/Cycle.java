package io.flinkops.agent.cycle;

import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.record.StatusRecorder;
import io.flinkops.status.AgentStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One reconcile cycle: a loop over a list of {@link CycleStep}s (fetch → build → apply → prune → observe → record)
 * that share one {@link CycleState}. Each step decides from the state whether it runs; one that fails with
 * {@link Recovery#RETRY_SOON} is retried within the cycle with bounded backoff. The {@link Summariser} decides the
 * outcome.
 *
 * <p>Safety, as the steps' skip reasons say: an invalid commit applies and prunes nothing (what runs keeps running),
 * yet observe and record still run, so the status stays fresh and the diagnostics reach the agent's status file.
 * Prune runs only after a complete apply. A cycle interrupted anywhere is safe to run again: apply is idempotent and
 * record rebuilds on the branch's tip.
 */
public final class Cycle {
    private final List<CycleStep> steps;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Clock clock;
    private final Summariser summariser = new Summariser();

    /** The agent's cycle of this cluster's config repo, Kubernetes side and status branch. */
    public Cycle(String cluster, ConfigRepo repo, ClusterSteps kube, StatusRecorder recorder, Backoff backoff, Backoff.Sleeper sleeper, Clock clock) {
        this(cluster, repo, kube, recorder, backoff, sleeper, clock, ConfigBuilder.DEFAULT_TIMEOUT);
    }

    /** The same, with the time one compile may take. */
    public Cycle(String cluster, ConfigRepo repo, ClusterSteps kube, StatusRecorder recorder, Backoff backoff, Backoff.Sleeper sleeper, Clock clock,
                 Duration compileTimeout) {
        this(standardSteps(cluster, repo, kube, recorder, clock, compileTimeout), backoff, sleeper, clock);
    }

    /** A cycle of any steps, in the order given. */
    public Cycle(List<CycleStep> steps, Backoff backoff, Backoff.Sleeper sleeper, Clock clock) {
        this.steps = List.copyOf(steps);
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    private static List<CycleStep> standardSteps(String cluster, ConfigRepo repo, ClusterSteps kube, StatusRecorder recorder, Clock clock,
                                                 Duration compileTimeout) {
        ConfigBuilder builder = new ConfigBuilder(cluster, repo, compileTimeout);
        LastValidDesired lastValid = new LastValidDesired(builder,
                () -> recorder.currentAgentStatus().map(AgentStatus::lastAppliedRevision));
        return List.of(new FetchStep(repo), new BuildStep(builder, lastValid), new ApplyStep(kube), new PruneStep(kube),
                new ObserveStep(kube, lastValid, clock), new RecordStep(cluster, recorder, new Summariser(), clock));
    }

    public CycleReport run() throws InterruptedException {
        Instant start = clock.instant();
        CycleState state = new CycleState();
        for (CycleStep step : steps) {
            Optional<String> skip = step.skipReason(state);
            state.add(skip.isPresent() ? StepReport.skipped(step.id(), skip.get()) : attempt(step, state));
        }
        return new CycleReport(state, summariser.summarise(state.reports()), Duration.between(start, clock.instant()));
    }

    private StepReport attempt(CycleStep step, CycleState state) throws InterruptedException {
        Instant start = clock.instant();
        for (int i = 1; ; i++) {
            StepFailure failure;
            try {
                StepResult result = step.run(state);
                return StepReport.ok(step.id(), i, Duration.between(start, clock.instant()), result.problems());
            } catch (StepFailure f) {
                failure = f;
            } catch (RuntimeException e) {
                failure = new StepFailure(Reason.UNEXPECTED, "The " + step.id().label() + " step failed unexpectedly (" + e
                        + "). This is a bug in the flinkops agent; the next cycle tries again.", e);
            }
            if (failure.recovery() != Recovery.RETRY_SOON || i >= backoff.attempts()) {
                return StepReport.failed(step.id(), i, Duration.between(start, clock.instant()), failure);
            }
            sleeper.sleep(backoff.delayBefore(i + 1));
        }
    }
}
