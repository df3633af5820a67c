package io.flinkops.agent.record;

import io.flinkops.agent.cycle.StepFailure;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushes the agent's local status branch to the remote, never forced: how the record step reaches the remote
 * ({@link GitStatusPush}; tests pass one that races a concurrent writer first).
 */
@FunctionalInterface
public interface StatusPush {

    /** Pushes {@code ref} to the same ref of the remote; the remote's answer. */
    RemoteRefUpdate.Status push(String ref) throws StepFailure;
}
