package io.flinkops.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One deployment's live status, as written to {@code status/<namespace>/<deployment>.yaml} on the status branch
 * (PRODUCT.md, "The reconciler agent"). The agent writes it; `flinkops status` reads it, so the format lives in the
 * library. Fields are null when unknown.
 *
 * @param desiredState RUNNING | SUSPENDED | CANCELLED (from the config repo)
 * @param state        RUNNING | SUSPENDED | CANCELLED | TRANSITIONING | FAILED | FINISHED | UNKNOWN (observed)
 * @param observedAt   ISO-8601 instant of the observation that last changed this status
 * @param cluster      the Repository cluster whose agent wrote the file; an agent only ever removes its own files
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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
        String observedAt,
        String cluster) {

    /** Without the cluster (the agent's record step fills it in). */
    public DeploymentStatus(String namespace, String deployment, String sourceCommit, String desiredState, String state,
                            String jobId, List<Condition> conditions, Savepoint lastSavepoint, String error, String observedAt) {
        this(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, null);
    }

    public DeploymentStatus withCluster(String cluster) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster);
    }

    public DeploymentStatus withSourceCommit(String sourceCommit) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster);
    }

    public DeploymentStatus withConditions(List<Condition> conditions) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster);
    }

    public DeploymentStatus withObservedAt(String observedAt) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster);
    }

    /** The path of this status on the status branch. */
    public String path() {
        return StatusFiles.deploymentPath(namespace, deployment);
    }

    /**
     * A condition: the VVP conditions ClusterUnreachable, JobFailing and JobUnstable (always present, True or False),
     * and Paused (present, True, only while the agent leaves the deployment alone: reason ReconcileDisabled for
     * {@code flinkops.io/reconcile: disabled}, ClusterSuspended for a cluster suspended in flinkops.yaml).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Condition(String type, String status, String reason, String message, String lastTransitionTime) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Savepoint(String location, String timestamp, String triggerType) {
    }
}
