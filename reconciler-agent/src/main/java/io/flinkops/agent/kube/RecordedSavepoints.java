package io.flinkops.agent.kube;

import io.flinkops.agent.cycle.StepFailure;

/**
 * What the agent knows of the savepoints it has recorded, for the create-once rule: a FlinkStateSnapshot that a
 * deployment's status already records is not created again when it is gone from the cluster (the operator deletes old
 * snapshots when it cleans up its history, and creating one again would take another savepoint).
 */
@FunctionalInterface
interface RecordedSavepoints {
    /** Nothing recorded: every absent FlinkStateSnapshot is created. */
    RecordedSavepoints NONE = (deployment, name, requestedAt) -> null;

    /**
     * Why the Savepoint {@code name} requested at {@code requestedAt} of {@code deployment} ("namespace/deployment",
     * flinkops names) counts as recorded, or null when it does not.
     */
    String recorded(String deployment, String name, String requestedAt) throws StepFailure;
}
