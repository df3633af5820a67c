package io.flinkops.agent.cycle;

/**
 * One problem a step met: a failure that stopped it, or something it could not do while the rest was done (an
 * object refused, a deletion withheld). {@code message} is one sentence on what is wrong and one on what to do,
 * without secrets.
 */
public record Problem(Step step, Reason reason, String message) {

    public Recovery recovery() {
        return reason.recovery();
    }
}
