package io.flinkops.agent.cycle;

/** The steps of one cycle, in order. */
public enum Step {
    FETCH, BUILD, APPLY, PRUNE, OBSERVE, RECORD;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
