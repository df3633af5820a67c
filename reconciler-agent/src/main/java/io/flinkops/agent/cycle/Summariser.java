package io.flinkops.agent.cycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides a cycle's outcome from its step reports. The one place that does: steps only say what happened to them.
 * A problem that needs a human outranks one that the next cycle may fix, which outranks a brief outage (retrying
 * soon does not help when the config is invalid). Information ({@link Recovery#NONE}: drift put back, a pause) is
 * listed with the problems but leaves the outcome {@link Outcome#SUCCEEDED}.
 */
public final class Summariser {

    /** @param problems every step's problems, in step order; {@code worst} is null when there are none */
    public record Summary(Outcome outcome, List<Problem> problems, Recovery worst) {
        public Summary {
            problems = List.copyOf(problems);
        }

        public boolean succeeded() {
            return outcome == Outcome.SUCCEEDED;
        }
    }

    private static final Comparator<Recovery> SEVERITY = Comparator.comparingInt(r -> switch (r) {
        case NONE -> 0;
        case RETRY_SOON -> 1;
        case RETRY_NEXT_CYCLE -> 2;
        case NEEDS_HUMAN -> 3;
    });

    public Summary summarise(List<StepReport> steps) {
        Recovery worst = null;
        List<Problem> problems = new ArrayList<>();
        for (StepReport s : steps) {
            for (Problem p : s.problems()) {
                problems.add(p);
                if (worst == null || SEVERITY.compare(p.recovery(), worst) > 0) worst = p.recovery();
            }
        }
        return new Summary(worst == null ? Outcome.SUCCEEDED : Outcome.of(worst), problems, worst);
    }
}
