package io.flinkops.agent.cycle;

import java.util.List;

/** What a step that ran to its end reports: the problems it met along the way (an object refused, say). */
public record StepResult(List<Problem> problems) {
    public static final StepResult DONE = new StepResult(List.of());

    public StepResult {
        problems = List.copyOf(problems);
    }
}
