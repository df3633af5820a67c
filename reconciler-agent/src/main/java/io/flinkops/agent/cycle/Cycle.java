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
 *
 * <p>A cycle may have a deadline ({@code --cycle-timeout}). Past it, no further step is started and no retry is
 * waited for: the first step left out fails with {@link Reason#CYCLE_TIMEOUT} (naming the steps that did not run), the
 * others are skipped, and only record still runs, so that the status branch says so. The step running when the
 * deadline passes is not stopped (Java cannot stop a thread safely, and a half-done apply is worse than a late one):
 * what bounds it is the timeout of each of its calls (Git, Kubernetes, the compile). So a cycle ends at most one
 * step's bounded calls after its deadline, and never overlaps the next one.
 *
 * <p>When the Kubernetes side only dry-runs ({@link ClusterSteps#dryRun()}, {@code --dry-run}), the standard cycle
 * fetches, builds, and asks the API server what apply and prune would do, then stops: observe and record are skipped,
 * so that the status branch is not touched either.
 */
public final class Cycle {
    private final List<CycleStep> steps;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Clock clock;
    /** Null: no deadline. */
    private final Duration timeout;
    private final Summariser summariser = new Summariser();
    private final boolean dryRun;

    /** The agent's cycle of this cluster's config repo, Kubernetes side and status branch. */
    public Cycle(String cluster, ConfigRepo repo, ClusterSteps kube, StatusRecorder recorder, Backoff backoff, Backoff.Sleeper sleeper, Clock clock) {
        this(cluster, repo, kube, recorder, backoff, sleeper, clock, ConfigBuilder.DEFAULT_TIMEOUT);
    }

    /** The same, with the time one compile may take. */
    public Cycle(String cluster, ConfigRepo repo, ClusterSteps kube, StatusRecorder recorder, Backoff backoff, Backoff.Sleeper sleeper, Clock clock,
                 Duration compileTimeout) {
        this(standardSteps(cluster, repo, kube, recorder, clock, compileTimeout), backoff, sleeper, clock, null, kube.dryRun());
    }

    /** A cycle of any steps, in the order given. */
    public Cycle(List<CycleStep> steps, Backoff backoff, Backoff.Sleeper sleeper, Clock clock) {
        this(steps, backoff, sleeper, clock, null);
    }

    /** A cycle of any steps, with a deadline of {@code timeout} after it starts (null for none). */
    public Cycle(List<CycleStep> steps, Backoff backoff, Backoff.Sleeper sleeper, Clock clock, Duration timeout) {
        this(steps, backoff, sleeper, clock, timeout, false);
    }

    private Cycle(List<CycleStep> steps, Backoff backoff, Backoff.Sleeper sleeper, Clock clock, Duration timeout, boolean dryRun) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) throw new IllegalArgumentException("the cycle timeout must be longer than zero");
        this.steps = List.copyOf(steps);
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.timeout = timeout;
        this.dryRun = dryRun;
    }

    /** This cycle with a deadline of {@code value} after each start. */
    public Cycle withTimeout(Duration value) {
        return new Cycle(steps, backoff, sleeper, clock, value, dryRun);
    }

    private static List<CycleStep> standardSteps(String cluster, ConfigRepo repo, ClusterSteps kube, StatusRecorder recorder, Clock clock,
                                                 Duration compileTimeout) {
        ConfigBuilder builder = new ConfigBuilder(cluster, repo, compileTimeout);
        LastValidDesired lastValid = new LastValidDesired(builder,
                () -> recorder.currentAgentStatus().map(AgentStatus::lastAppliedRevision));
        CycleStep observe = new ObserveStep(kube, lastValid, clock, recorder::currentDeploymentStatuses);
        CycleStep record = new RecordStep(cluster, recorder, new Summariser(), clock);
        if (kube.dryRun()) {
            observe = new SkippedInDryRun(observe);
            record = new SkippedInDryRun(record);
        }
        return List.of(new FetchStep(repo), new BuildStep(builder, lastValid), new ApplyStep(kube, recorder::currentDeploymentStatuses), new PruneStep(kube), observe, record);
    }

    /** A step a dry run leaves out: observing feeds only the status branch, and recording would change it. */
    private record SkippedInDryRun(CycleStep step) implements CycleStep {
        @Override
        public Step id() {
            return step.id();
        }

        @Override
        public Optional<String> skipReason(CycleState state) {
            return Optional.of("dry run: the status branch is left as it is");
        }

        @Override
        public StepResult run(CycleState state) {
            throw new IllegalStateException("never run in a dry run");
        }
    }

    public CycleReport run() throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = timeout == null ? null : start.plus(timeout);
        CycleState state = new CycleState();
        state.dryRun(dryRun);
        boolean late = false;
        for (int n = 0; n < steps.size(); n++) {
            CycleStep step = steps.get(n);
            Optional<String> skip = step.skipReason(state);
            if (skip.isEmpty() && deadline != null && !step.runsAfterDeadline() && !clock.instant().isBefore(deadline)) {
                if (!late) {
                    late = true;
                    state.add(StepReport.failed(step.id(), 0, Duration.ZERO, new StepFailure(Reason.CYCLE_TIMEOUT, "The cycle ran past its deadline of "
                            + describe(timeout) + " (--cycle-timeout) before the " + step.id().label() + " step, so " + notRun(n)
                            + " did not run this cycle. The next cycle starts over; if cycles keep taking this long, the log's step durations "
                            + "show which call is slow (the API server, the Git remote), or raise --cycle-timeout.")));
                    continue;
                }
                skip = Optional.of("the cycle ran past its deadline");
            }
            state.add(skip.isPresent() ? StepReport.skipped(step.id(), skip.get(), step.skipNotes(state)) : attempt(step, state, deadline));
        }
        return new CycleReport(state, summariser.summarise(state.reports()), Duration.between(start, clock.instant()));
    }

    /** The steps from {@code from} on that stop at the deadline, for the message. */
    private String notRun(int from) {
        return String.join(", ", steps.subList(from, steps.size()).stream().filter(s -> !s.runsAfterDeadline()).map(s -> s.id().label()).toList());
    }

    private static String describe(Duration d) {
        if (d.toMillis() % 60_000 == 0) return d.toMinutes() + " min";
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private StepReport attempt(CycleStep step, CycleState state, Instant deadline) throws InterruptedException {
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
            Duration delay = backoff.delayBefore(i + 1);
            // No retry is waited for past the deadline: the failure as it stands is the step's report.
            boolean pastDeadline = deadline != null && !step.runsAfterDeadline() && clock.instant().plus(delay).isAfter(deadline);
            if (failure.recovery() != Recovery.RETRY_SOON || i >= backoff.attempts() || pastDeadline) {
                return StepReport.failed(step.id(), i, Duration.between(start, clock.instant()), failure);
            }
            sleeper.sleep(delay);
        }
    }
}
