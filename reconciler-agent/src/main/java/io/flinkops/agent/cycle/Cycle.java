package io.flinkops.agent.cycle;

import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;
import io.flinkops.agent.record.StatusRecorder;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One reconcile cycle as an explicit list of steps: fetch → build → apply → prune → observe → record. Each step
 * returns a {@link StepReport}; the {@link Summariser} decides the outcome. Steps failing with
 * {@link Recovery#RETRY_SOON} are retried within the cycle with bounded backoff.
 *
 * <p>Safety: an invalid commit applies and prunes nothing (what runs keeps running), yet observe and record still
 * run, so the status stays fresh and the diagnostics reach the agent's status file. Prune runs only after a
 * complete apply. A cycle interrupted anywhere is safe to run again: apply is idempotent and record rebuilds on the
 * branch's tip.
 */
public final class Cycle {
    private final String cluster;
    private final ConfigRepo repo;
    private final ConfigBuilder builder;
    private final ClusterSteps kube;
    private final StatusRecorder recorder;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Clock clock;
    private final Summariser summariser = new Summariser();
    /** The last valid desired state of this process, observed while the config repo's head is invalid. */
    private DesiredState lastValid;

    public Cycle(String cluster, ConfigRepo repo, ClusterSteps kube, StatusRecorder recorder, Backoff backoff, Backoff.Sleeper sleeper, Clock clock) {
        this.cluster = cluster;
        this.repo = repo;
        this.builder = new ConfigBuilder(cluster);
        this.kube = kube;
        this.recorder = recorder;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    @FunctionalInterface
    interface Action<T> {
        T run() throws StepFailure;
    }

    public CycleReport run() throws InterruptedException {
        Instant start = clock.instant();
        List<StepReport> steps = new ArrayList<>();

        StepReport fetch = attempt(Step.FETCH, repo::fetch, r -> List.of());
        steps.add(fetch);
        if (!fetch.ok()) {
            for (Step s : List.of(Step.BUILD, Step.APPLY, Step.PRUNE, Step.OBSERVE)) steps.add(StepReport.skipped(s, "fetch failed"));
            Optional<String> statusCommit = Optional.empty();
            if (fetch.problems().get(0).recovery() == Recovery.RETRY_SOON) {
                // The remote is unreachable: pushing the agent status would fail the same way.
                steps.add(StepReport.skipped(Step.RECORD, "the Git remote is unreachable"));
            } else {
                // The remote answers but the config cannot be fetched (missing branch, say): tell the status branch.
                Summariser.Summary s = summariser.summarise(steps);
                AgentStatus agent = new AgentStatus(cluster, null, null, s.outcome().name(), s.errors(), null);
                StepReport record = attempt(Step.RECORD, () -> recorder.record(new StatusRecorder.Update(null, Map.of(), false, agent), clock.instant()),
                        r -> List.of());
                steps.add(record);
                if (record.ok()) statusCommit = ((StatusRecorder.Recorded) record.result()).commit();
            }
            return new CycleReport(null, summariser.summarise(steps), steps, statusCommit, Duration.between(start, clock.instant()));
        }
        String commit = ((ConfigRepo.Fetched) fetch.result()).commit();

        StepReport build = attempt(Step.BUILD, () -> builder.build(repo, commit), d -> invalidProblems((DesiredState) d));
        steps.add(build);
        DesiredState desired = build.ok() ? (DesiredState) build.result() : null;
        boolean valid = desired != null && desired.valid();

        boolean applied = false;
        boolean appliedCleanly = false;
        if (valid) {
            StepReport apply = attempt(Step.APPLY, () -> kube.apply(desired), r -> ((ApplyResult) r).refused().stream()
                    .map(m -> new StepReport.Problem(Recovery.NEEDS_HUMAN, "Refused " + m)).toList());
            steps.add(apply);
            applied = apply.ok();
            appliedCleanly = applied && apply.problems().isEmpty();
            if (applied) {
                ApplyResult ar = (ApplyResult) apply.result();
                steps.add(attempt(Step.PRUNE, () -> kube.prune(desired, ar), r -> ((PruneResult) r).withheld().stream()
                        .map(m -> new StepReport.Problem(Recovery.NEEDS_HUMAN, "Withheld deletion: " + m)).toList()));
            } else {
                steps.add(StepReport.skipped(Step.PRUNE, "apply failed"));
            }
            lastValid = desired;
        } else {
            steps.add(StepReport.skipped(Step.APPLY, "the commit is invalid"));
            steps.add(StepReport.skipped(Step.PRUNE, "the commit is invalid"));
        }

        // After an invalid commit: the last valid desired state known, else the invalid one (whose objects are empty;
        // the Kubernetes side then observes what it manages by label).
        DesiredState known = valid ? desired : lastValidOrApplied();
        DesiredState observed = known != null ? known : desired;
        StepReport observe;
        if (observed != null) {
            observe = attempt(Step.OBSERVE, () -> kube.observe(observed, clock.instant()), r -> List.of());
        } else {
            observe = StepReport.skipped(Step.OBSERVE, "the commit could not be read");
        }
        steps.add(observe);

        Summariser.Summary beforeRecord = summariser.summarise(steps);
        @SuppressWarnings("unchecked")
        Map<String, DeploymentStatus> observedStatuses = observe.ok() ? (Map<String, DeploymentStatus>) observe.result() : Map.of();
        // A status without a source commit is as of the desired state it was observed against.
        Map<String, DeploymentStatus> statuses = new java.util.TreeMap<>();
        observedStatuses.forEach((k, v) -> statuses.put(k, v.sourceCommit() != null || observed == null ? v : v.withSourceCommit(observed.sourceCommit())));
        AgentStatus agent = new AgentStatus(cluster, commit, appliedCleanly ? commit : null, beforeRecord.outcome().name(), beforeRecord.errors(), null);
        StatusRecorder.Update update = new StatusRecorder.Update(commit, statuses,
                valid && observe.ok(), agent);
        StepReport record = attempt(Step.RECORD, () -> recorder.record(update, clock.instant()), r -> List.of());
        steps.add(record);
        Optional<String> statusCommit = record.ok() ? ((StatusRecorder.Recorded) record.result()).commit() : Optional.empty();
        return new CycleReport(commit, summariser.summarise(steps), steps, statusCommit, Duration.between(start, clock.instant()));
    }

    /** After a restart with an invalid head: the revision the status branch says was last applied, if it builds. */
    private DesiredState lastValidOrApplied() {
        if (lastValid != null) return lastValid;
        Optional<String> applied = recorder.currentAgentStatus().map(AgentStatus::lastAppliedRevision);
        if (applied.isEmpty()) return null;
        try {
            DesiredState d = builder.build(repo, applied.get());
            if (d.valid()) lastValid = d;
            return lastValid;
        } catch (StepFailure e) {
            return null;
        }
    }

    static final int MAX_REPORTED_DIAGNOSTICS = 50;

    /** An invalid commit: one problem saying so, then each error located ({@code file:line: code message}). */
    private static List<StepReport.Problem> invalidProblems(DesiredState d) {
        if (d.valid()) return List.of();
        List<String> errors = d.diagnostics().stream().filter(io.flinkops.diag.Diagnostic::isError).map(ConfigBuilder::located).toList();
        List<StepReport.Problem> problems = new ArrayList<>();
        problems.add(new StepReport.Problem(Recovery.NEEDS_HUMAN, "Commit " + d.sourceCommit() + " of the config repo has " + errors.size()
                + " error(s), so nothing was applied or pruned and what runs keeps running. Fix the errors below and push (`flinkops validate` shows them too)."));
        errors.stream().limit(MAX_REPORTED_DIAGNOSTICS).forEach(e -> problems.add(new StepReport.Problem(Recovery.NEEDS_HUMAN, e)));
        if (errors.size() > MAX_REPORTED_DIAGNOSTICS) {
            problems.add(new StepReport.Problem(Recovery.NEEDS_HUMAN, "… and " + (errors.size() - MAX_REPORTED_DIAGNOSTICS) + " more error(s)."));
        }
        return problems;
    }

    private <T> StepReport attempt(Step step, Action<T> action, java.util.function.Function<Object, List<StepReport.Problem>> problems)
            throws InterruptedException {
        Instant start = clock.instant();
        for (int i = 1; ; i++) {
            StepFailure failure;
            try {
                T result = action.run();
                return StepReport.ok(step, i, Duration.between(start, clock.instant()), result, problems.apply(result));
            } catch (StepFailure f) {
                failure = f;
            } catch (RuntimeException e) {
                failure = new StepFailure(Recovery.RETRY_NEXT_CYCLE, "The " + step.label() + " step failed unexpectedly (" + e
                        + "). This is a bug in the flinkops agent; the next cycle tries again.", e);
            }
            if (failure.recovery() != Recovery.RETRY_SOON || i >= backoff.attempts()) {
                return StepReport.failed(step, i, Duration.between(start, clock.instant()), failure);
            }
            sleeper.sleep(backoff.delayBefore(i + 1));
        }
    }
}
