package io.flinkops.agent.record;

import io.flinkops.agent.cycle.StepFailure;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushes the agent's local status branch to the remote, never forced: how the record step reaches the remote
 * ({@link GitStatusPush}; tests pass one that races a concurrent writer first).
 */
@FunctionalInterface
public interface StatusPush {

    /**
     * The remote's answer to the push of one ref.
     *
     * @param message why the server rejected it, with what the server printed (null when it said nothing)
     */
    record Answer(RemoteRefUpdate.Status status, String message) {
        public static Answer of(RemoteRefUpdate.Status status) {
            return new Answer(status, null);
        }
    }

    /** Pushes {@code ref} to the same ref of the remote; the remote's answer. */
    Answer push(String ref) throws StepFailure;
}
