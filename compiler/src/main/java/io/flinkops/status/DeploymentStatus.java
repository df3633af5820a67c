package io.flinkops.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param savepoints   the savepoint history, newest first, at most {@link #HISTORY_LIMIT}: those the repo asked for
 *                     (Savepoint documents) with their outcome, and those the operator took itself (upgrade,
 *                     periodic) when it reports them; empty when none is known (docs/day-2.md)
 * @param operations   restarts and redeploys asked for in the repo, with their outcome, newest first, at most
 *                     {@link #HISTORY_LIMIT}
 * @param lastCheckpoint the last completed checkpoint the operator reports, null when unknown
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
        Restarts restarts,
        // Left out when empty: a deployment without day-2 history keeps the file it had before day-2 operations.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SavepointRecord> savepoints,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Operation> operations,
        Checkpoint lastCheckpoint) {

    /** How many savepoints and operations a status file keeps. */
    public static final int HISTORY_LIMIT = 20;

    public DeploymentStatus {
        savepoints = savepoints == null ? List.of() : List.copyOf(savepoints);
        operations = operations == null ? List.of() : List.copyOf(operations);
    }

    /** Without day-2 history (as agents before day-2 operations wrote). */
    public DeploymentStatus(String namespace, String deployment, String sourceCommit, String desiredState, String state,
                            String jobId, List<Condition> conditions, Savepoint lastSavepoint, String error, String observedAt,
                            String cluster, Restarts restarts) {
        this(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts,
                null, null, null);
    }

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
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts,
                savepoints, operations, lastCheckpoint);
    }

    public DeploymentStatus withSourceCommit(String sourceCommit) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts,
                savepoints, operations, lastCheckpoint);
    }

    public DeploymentStatus withObservedAt(String observedAt) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts,
                savepoints, operations, lastCheckpoint);
    }

    public DeploymentStatus withConditions(List<Condition> conditions) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts,
                savepoints, operations, lastCheckpoint);
    }

    public DeploymentStatus withDayTwo(List<SavepointRecord> savepoints, List<Operation> operations, Checkpoint lastCheckpoint) {
        return new DeploymentStatus(namespace, deployment, sourceCommit, desiredState, state, jobId, conditions, lastSavepoint, error, observedAt, cluster, restarts,
                savepoints, operations, lastCheckpoint);
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

    /**
     * One savepoint of the deployment's history (docs/day-2.md, "Status").
     *
     * @param name        the Savepoint document it belongs to; null for one the operator took on its own
     * @param location    where it is (the operator's path); null until it completed
     * @param trigger     MANUAL (a Savepoint request of the repo), REGISTERED (a Savepoint document with a location),
     *                    UPGRADE, PERIODIC (the operator's own), UNKNOWN
     * @param result      PENDING (applied, the operator has not started), IN_PROGRESS, COMPLETED, FAILED, ABANDONED
     * @param requestedAt ISO-8601: the Savepoint document's createdAt, or when the operator triggered its own
     * @param completedAt ISO-8601: when it completed or failed; null while pending
     * @param error       the operator's error for a FAILED or ABANDONED one
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SavepointRecord(String name, String location, String trigger, String result, String requestedAt,
                                  String completedAt, String error) {
    }

    /**
     * A restart or redeploy asked for in the repo (docs/day-2.md, "Status").
     *
     * @param type        RESTART or REDEPLOY
     * @param requestedAt ISO-8601: the value of {@code flinkops.io/restart}, or the createdAt of the Savepoint a
     *                    redeploy starts from; with the type, the operation's identity (its operator nonce)
     * @param from        REDEPLOY: the savepoint location the job restarts from (the Savepoint document's name is in
     *                    {@code savepoint})
     * @param savepoint   REDEPLOY: the Savepoint document
     * @param result      PENDING (applied, the operator has not acted), DONE (the operator reconciled it and the job
     *                    runs), FAILED (with the operator's error)
     * @param observedAt  ISO-8601: when the result was observed
     * @param error       the operator's error for a FAILED one
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Operation(String type, String requestedAt, String from, String savepoint, String result, String observedAt,
                            String error) {
    }

    /** The last completed checkpoint the operator reports (its location when it says it). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Checkpoint(String location, String timestamp) {
    }
}
