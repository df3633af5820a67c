package io.flinkops.agent.cycle;

/**
 * A step could not do (part of) its work. The message is for the status file and the logs; it never contains
 * credentials or secret values.
 */
public final class StepFailure extends Exception {
    private final Recovery recovery;

    public StepFailure(Recovery recovery, String message) {
        super(message);
        this.recovery = recovery;
    }

    public StepFailure(Recovery recovery, String message, Throwable cause) {
        super(message, cause);
        this.recovery = recovery;
    }

    public Recovery recovery() {
        return recovery;
    }
}
