package io.flinkops.agent.cycle;

import java.time.Duration;
import java.util.List;

/**
 * What one step did: whether it ran, the problems it met (each typed by what recovers it) and how long it took.
 * A step can succeed with problems (apply refused an object the policy forbids: the rest was applied).
 */
public record StepReport(Step step, Status status, List<Problem> problems, int attempts, Duration duration, Object result) {

    public enum Status { OK, FAILED, SKIPPED }

    /** One problem; {@code message} is one sentence on what is wrong and one on what to do, without secrets. */
    public record Problem(Recovery recovery, String message) {
    }

    public StepReport {
        problems = List.copyOf(problems);
    }

    public static StepReport ok(Step step, int attempts, Duration d, Object result, List<Problem> problems) {
        return new StepReport(step, Status.OK, problems, attempts, d, result);
    }

    public static StepReport failed(Step step, int attempts, Duration d, StepFailure f) {
        return new StepReport(step, Status.FAILED, List.of(new Problem(f.recovery(), f.getMessage())), attempts, d, null);
    }

    public static StepReport skipped(Step step, String why) {
        return new StepReport(step, Status.SKIPPED, List.of(), 0, Duration.ZERO, why);
    }

    public boolean ok() {
        return status == Status.OK;
    }
}
