package io.flinkops.agent.cycle;

/** How a cycle ended, from the problems of its steps (the most demanding recovery wins). */
public enum Outcome {
    SUCCEEDED, FAILED_RETRY_SOON, FAILED_NEXT_CYCLE, NEEDS_HUMAN;

    static Outcome of(Recovery r) {
        return switch (r) {
            case RETRY_SOON -> FAILED_RETRY_SOON;
            case RETRY_NEXT_CYCLE -> FAILED_NEXT_CYCLE;
            case NEEDS_HUMAN -> NEEDS_HUMAN;
            case NONE -> SUCCEEDED;
        };
    }
}
