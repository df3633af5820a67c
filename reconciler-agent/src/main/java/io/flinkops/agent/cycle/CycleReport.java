package io.flinkops.agent.cycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One cycle, as the loop, the logs and the metrics see it: what its steps produced ({@link #state()}), how each
 * went, and the outcome.
 */
public record CycleReport(CycleState state, Summariser.Summary summary, Duration duration) {

    /** The config commit fetched (null when fetch failed). */
    public String sourceCommit() {
        return state.commit().orElse(null);
    }

    /** The status commit pushed (empty when nothing changed, or record did not succeed). */
    public Optional<String> statusCommit() {
        return state.recorded().flatMap(r -> r.commit());
    }

    public List<StepReport> steps() {
        return state.reports();
    }

    public Optional<StepReport> step(Step step) {
        return state.report(step);
    }

    public Outcome outcome() {
        return summary.outcome();
    }

    public boolean succeeded() {
        return summary.succeeded();
    }

    /** The cycle only asked the API server what apply and prune would do; nothing was changed or recorded. */
    public boolean dryRun() {
        return state.dryRun();
    }

    /**
     * How many objects this cycle found changed outside the repo and put back (or, in a dry run, would put back): for a
     * drift gauge. 0 when apply did not run.
     */
    public int driftedObjects() {
        return state.applied().map(a -> a.drifted().size()).orElse(0);
    }
}
