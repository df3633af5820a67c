package io.flinkops.agent.cycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One cycle, as the loop, the logs and the metrics see it.
 *
 * @param sourceCommit the config commit fetched (null when fetch failed)
 * @param statusCommit the status commit pushed (empty when nothing changed or record failed)
 */
public record CycleReport(String sourceCommit, Summariser.Summary summary, List<StepReport> steps, Optional<String> statusCommit,
                          Duration duration) {

    public Outcome outcome() {
        return summary.outcome();
    }

    public boolean succeeded() {
        return summary.succeeded();
    }

    public Optional<StepReport> step(Step step) {
        return steps.stream().filter(s -> s.step() == step).findFirst();
    }
}
