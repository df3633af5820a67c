package io.flinkops.agent.cycle;

/**
 * A step could not do (part of) its work, for a {@link Reason} that says what recovers it. The message is for the
 * status file and the logs; it never contains credentials or secret values.
 */
public final class StepFailure extends Exception {
    private final Reason reason;

    public StepFailure(Reason reason, String message) {
        super(message);
        this.reason = failing(reason);
    }

    public StepFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = failing(reason);
    }

    /** Information is never a failure: a step that fails "informationally" would end its cycle SUCCEEDED. */
    private static Reason failing(Reason reason) {
        if (reason.recovery() == Recovery.NONE) throw new IllegalArgumentException(reason + " is information, not a failure");
        return reason;
    }

    public Reason reason() {
        return reason;
    }

    public Recovery recovery() {
        return reason.recovery();
    }
}
