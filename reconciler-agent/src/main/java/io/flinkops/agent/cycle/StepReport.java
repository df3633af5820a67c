package io.flinkops.agent.cycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What happened to one step: whether it ran, the problems it met and how long it took. A step can succeed with
 * problems (apply refused an object the policy forbids: the rest was applied). What a step produced is in the
 * {@link CycleState}.
 *
 * @param skipReason why the step did not run (null unless {@link Status#SKIPPED})
 */
public record StepReport(Step step, Status status, List<Problem> problems, int attempts, Duration duration, String skipReason) {

    public enum Status { OK, FAILED, SKIPPED }

    public StepReport {
        problems = List.copyOf(problems);
    }

    public static StepReport ok(Step step, int attempts, Duration d, List<Problem> problems) {
        return new StepReport(step, Status.OK, problems, attempts, d, null);
    }

    public static StepReport failed(Step step, int attempts, Duration d, StepFailure f) {
        return new StepReport(step, Status.FAILED, List.of(new Problem(step, f.reason(), f.getMessage())), attempts, d, null);
    }

    public static StepReport skipped(Step step, String why) {
        return skipped(step, why, List.of());
    }

    /** Skipped, with information for the status ({@link Recovery#NONE} only: a skipped step did not fail). */
    public static StepReport skipped(Step step, String why, List<Problem> notes) {
        if (notes.stream().anyMatch(p -> p.recovery() != Recovery.NONE)) throw new IllegalArgumentException("a skipped step only informs: " + notes);
        return new StepReport(step, Status.SKIPPED, notes, 0, Duration.ZERO, why);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** The failure that stopped the step, when it failed. */
    public Optional<Problem> failure() {
        return status == Status.FAILED ? Optional.of(problems.get(0)) : Optional.empty();
    }
}
