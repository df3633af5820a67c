package io.flinkops.agent.cycle;

import io.flinkops.status.AgentStatus;

/**
 * One problem a step met: a failure that stopped it, or something it could not do while the rest was done (an
 * object refused, a deletion withheld). {@code message} is one sentence on what is wrong and one on what to do,
 * without secrets.
 */
public record Problem(Step step, Reason reason, String message) {

    public Recovery recovery() {
        return reason.recovery();
    }

    /** As the agent status file and the logs write it. */
    public AgentStatus.Problem asStatus() {
        return new AgentStatus.Problem(step.label(), reason.name(), recovery().name(), message);
    }
}
