package io.flinkops.agent;

import io.flinkops.agent.cycle.Cycle;
import io.flinkops.agent.cycle.CycleReport;
import io.flinkops.agent.cycle.ConfigErrors;
import io.flinkops.agent.cycle.Outcome;
import io.flinkops.agent.cycle.Problem;
import io.flinkops.agent.cycle.StepReport;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.server.Metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs cycles: one now, then one every {@code interval}, or sooner when a cheap ls-remote shows that the config
 * branch moved (checked every {@code poll}), or after {@code retrySoon} when a cycle failed with a brief outage.
 */
public final class AgentLoop implements AgentLifecycle.Loop {
    private final Cycle cycle;
    private final ConfigRepo repo;
    private final Metrics metrics;
    private final JsonLog log;
    private final Clock clock;
    private final Duration interval;
    private final Duration poll;
    private final Duration retrySoon;
    private volatile Instant heartbeat;
    private volatile boolean completedOne;
    /** The wait between cycles waits on this, so that {@link #wake()} ends it at once (a shutdown need not wait a poll). */
    private final Object between = new Object();

    public AgentLoop(Cycle cycle, ConfigRepo repo, Metrics metrics, JsonLog log, Clock clock, Duration interval, Duration poll, Duration retrySoon) {
        this.cycle = cycle;
        this.repo = repo;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
        this.interval = interval;
        this.poll = poll;
        this.retrySoon = retrySoon;
        this.heartbeat = clock.instant();
    }

    public CycleReport runOnce() throws InterruptedException {
        heartbeat = clock.instant();
        CycleReport report = cycle.run();
        metrics.record(report, clock.millis());
        completedOne = true;
        heartbeat = clock.instant();
        logReport(report, log);
        return report;
    }

    /**
     * Loops until {@code keepGoing} turns false or the thread is interrupted. {@code keepGoing} is read before each
     * cycle and before each wait between cycles, never during a cycle.
     */
    @Override
    public void run(BooleanSupplier keepGoing) throws InterruptedException {
        while (keepGoing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            CycleReport report = runOnce();
            Instant next = clock.instant().plus(report.outcome() == Outcome.FAILED_RETRY_SOON && retrySoon.compareTo(interval) < 0 ? retrySoon : interval);
            String seen = report.sourceCommit();
            while (keepGoing.getAsBoolean() && clock.instant().isBefore(next)) {
                Duration left = Duration.between(clock.instant(), next);
                synchronized (between) {
                    // Read again under the lock that wake() takes: a wake() after this read finds us waiting.
                    if (!keepGoing.getAsBoolean()) break;
                    between.wait(Math.max(1, Math.min(poll.toMillis(), left.toMillis())));
                }
                heartbeat = clock.instant();
                if (seen != null && moved(seen)) {
                    log.info("the config branch moved; starting a cycle now");
                    break;
                }
            }
        }
    }

    private boolean moved(String seen) {
        try {
            Optional<String> head = repo.remoteHead();
            return head.isPresent() && !Objects.equals(head.get(), seen);
        } catch (StepFailure e) {
            return false; // the next cycle reports it
        }
    }

    /** Ends a wait between cycles now, so the loop reads {@code keepGoing} again; a cycle in progress is not disturbed. */
    @Override
    public void wake() {
        synchronized (between) {
            between.notifyAll();
        }
    }

    /** Alive: the loop made progress within {@code max}. */
    @Override
    public boolean alive(Duration max) {
        return Duration.between(heartbeat, clock.instant()).compareTo(max) <= 0;
    }

    @Override
    public boolean completedOne() {
        return completedOne;
    }

    /**
     * One line per failed step (its reason, recovery and message), then one line for the cycle, with every problem
     * and, for an invalid commit, its errors.
     */
    static void logReport(CycleReport report, JsonLog log) {
        Map<String, Object> steps = new LinkedHashMap<>();
        for (StepReport s : report.steps()) {
            String status = s.status().name().toLowerCase(Locale.ROOT);
            if (s.skipReason() != null) status += ": " + s.skipReason();
            steps.put(s.step().label(), status + (s.attempts() > 1 ? " after " + s.attempts() + " attempts" : ""));
            s.failure().ifPresent(f -> log.warn("step failed", "step", s.step().label(), "reason", f.reason().name(),
                    "recovery", f.recovery().name(), "attempts", s.attempts(), "error", f.message()));
        }
        if (report.dryRun()) logDryRun(report, log);
        ConfigErrors errors = ConfigErrors.of(report.state().desired());
        Object[] fields = {"outcome", report.outcome().name(), "sourceCommit", report.sourceCommit(),
                "statusCommit", report.statusCommit().orElse(null), "durationMs", report.duration().toMillis(), "steps", steps,
                "driftedObjects", report.driftedObjects(),
                "problems", report.summary().problems().stream().map(Problem::asStatus).toList(),
                "diagnostics", errors.shown(), "omittedDiagnostics", errors.omitted()};
        if (report.succeeded()) log.info("cycle succeeded", fields);
        else log.warn("cycle failed", fields);
    }

    /**
     * A dry run's answer, in one line: what apply would create, change (with the fields the API server's dry-run answer
     * changes) or put back after drift, what it leaves alone, and what prune would delete or suspend. Steps that did not
     * run (an invalid commit, a suspended cluster) are in the cycle line that follows, with why.
     */
    static void logDryRun(CycleReport report, JsonLog log) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sourceCommit", report.sourceCommit());
        report.state().applied().ifPresent(a -> {
            fields.put("create", a.changes().stream().filter(ApplyResult.Change::created).map(ApplyResult.Change::object).toList());
            Map<String, List<String>> drift = new LinkedHashMap<>();
            a.drifted().forEach(d -> drift.put(d.object(), d.fields()));
            Map<String, List<String>> change = new LinkedHashMap<>();
            a.changes().stream().filter(c -> !c.created() && !drift.containsKey(c.object())).forEach(c -> change.put(c.object(), c.fields()));
            fields.put("change", change);
            fields.put("putBackAfterDrift", drift);
            fields.put("unchanged", a.unchanged().size());
            fields.put("paused", a.paused());
            fields.put("waitForSessionCluster", a.waiting());
            fields.put("refused", a.refused());
        });
        report.state().pruned().ifPresent(p -> {
            fields.put("delete", p.deleted());
            fields.put("suspendBeforeDelete", p.suspended());
            fields.put("withheld", p.withheld());
            fields.put("keptPaused", p.paused());
        });
        Object[] keyValues = fields.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray();
        log.info("dry run: what the agent would change (nothing was changed)", keyValues);
    }
}
