package io.flinkops.diff;

import java.util.Locale;

/** Whether a change can lose Flink state, in increasing order of severity. */
public enum StateRisk {
    /** State is kept (or the job keeps none by design). */
    NONE,
    /** State may be lost, depending on what the job looks like at run time; a person should check. */
    POSSIBLE,
    /** State is lost. */
    LOSS;

    /** The value in the JSON format and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public StateRisk max(StateRisk other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public boolean atLeast(StateRisk other) {
        return ordinal() >= other.ordinal();
    }
}
