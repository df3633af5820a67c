package io.flinkops.status;

import java.util.List;

/**
 * One deployment's live status, as written to {@code status/<namespace>/<deployment>.yaml} on the status branch
 * (PRODUCT.md, "The reconciler agent"). The agent writes it; `flinkops status` reads it, so the format lives in the
 * library. Fields are null when unknown.
 *
 * @param desiredState RUNNING | SUSPENDED | CANCELLED (from the config repo)
 * @param state        RUNNING | SUSPENDED | CANCELLED | TRANSITIONING | FAILED | FINISHED | UNKNOWN (observed)
 * @param observedAt   ISO-8601 instant of the observation that last changed this status
 */
public record DeploymentStatus(
        String namespace,
        String deployment,
        String sourceCommit,
        String desiredState,
        String state,
        String jobId,
        List<Condition> conditions,
        Savepoint lastSavepoint,
        String error,
        String observedAt) {

    /** A VVP condition: ClusterUnreachable, JobFailing or JobUnstable. */
    public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {
    }

    public record Savepoint(String location, String timestamp, String triggerType) {
    }
}
