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
 * @param restarts     the agent's memory for JobFailing / JobUnstable (null: none kept, as older agents wrote)
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
        String cluster,
        Restarts restarts) {

    /** Without the cluster (the agent's record step fills it in). */
    public DeploymentStatus(String namespace, String deployment, String sourceCommit, String desiredState, String state,
                            String jobId, List<Condition> conditions, Savepoint lastSavepoint, String error, String observedAt) {
        this(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, null, null);
    }

    /** Without restart memory. */
    public DeploymentStatus(String namespace, String deployment, String sourceCommit, String desiredState, String state,
                            String jobId, List<Condition> conditions, Savepoint lastSavepoint, String error, String observedAt, String cluster) {
        this(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, null);
    }

    public DeploymentStatus withCluster(String cluster) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts);
    }

    public DeploymentStatus withSourceCommit(String sourceCommit) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts);
    }

    public DeploymentStatus withObservedAt(String observedAt) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts);
    }

    public DeploymentStatus withConditions(List<Condition> conditions) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts);
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

    /**
     * What the agent needs to count job restarts across its own restarts, leader changes and {@code --once} runs:
     * the operator's status has no restart counter, so the agent counts the restarts it observes, and keeps them in
     * the status file, the one place every replica and every run reads.
     *
     * @param seen       when restarts were observed (ISO-8601), oldest first, the last 60 minutes (VVP's longest window)
     * @param jobState   the operator's job state at the last observation (a restart is counted on entering RESTARTING)
     * @param generation the Kubernetes object's generation at the last observation (a new job id for the same
     *                   generation after a failure is a resubmission, a restart)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Restarts(List<String> seen, String jobState, Long generation) {
        public Restarts {
            seen = seen == null ? List.of() : List.copyOf(seen);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Savepoint(String location, String timestamp, String triggerType) {
    }
}
