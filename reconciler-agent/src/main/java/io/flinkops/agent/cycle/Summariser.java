package io.flinkops.agent.cycle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides a cycle's outcome and what to report from its step reports. The one place that does: steps only say
 * what happened to them. A problem that needs a human outranks one that the next cycle may fix, which outranks a
 * brief outage (retrying soon does not help when the config is invalid).
 */
public final class Summariser {

    public record Summary(Outcome outcome, List<String> errors, Recovery worst) {
        public boolean succeeded() {
            return outcome == Outcome.SUCCEEDED;
        }
    }

    private static final Comparator<Recovery> SEVERITY = Comparator.comparingInt(r -> switch (r) {
        case RETRY_SOON -> 1;
        case RETRY_NEXT_CYCLE -> 2;
        case NEEDS_HUMAN -> 3;
    });

    public Summary summarise(List<StepReport> steps) {
        Recovery worst = null;
        List<String> errors = new ArrayList<>();
        for (StepReport s : steps) {
            for (StepReport.Problem p : s.problems()) {
                errors.add(s.step().label() + ": " + p.message());
                if (worst == null || SEVERITY.compare(p.recovery(), worst) > 0) worst = p.recovery();
            }
        }
        return new Summary(worst == null ? Outcome.SUCCEEDED : Outcome.of(worst), List.copyOf(errors), worst);
    }
}
