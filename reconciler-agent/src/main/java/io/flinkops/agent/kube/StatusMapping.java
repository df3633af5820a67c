package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.status.DeploymentStatus;

import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the operator's status of one FlinkDeployment / FlinkSessionJob to a VVP deployment state. Pure: the rules,
 * first match wins:
 * <ol>
 * <li>the object is not in the cluster → UNKNOWN;</li>
 * <li>no status yet, {@code status.observedGeneration} (or, on operators that do not set it, the generation recorded in
 * {@code reconciliationStatus.lastReconciledSpec}) below {@code metadata.generation}, or the last reconciled
 * {@code job.state} differs from the applied one → TRANSITIONING (the operator has not caught up);</li>
 * <li>{@code lifecycleState} FAILED or job FAILED → FAILED; ROLLED_BACK → FAILED (the applied spec is not what
 * runs);</li>
 * <li>job FINISHED → FINISHED;</li>
 * <li>desired SUSPENDED / CANCELLED: stopped ({@code lifecycleState} SUSPENDED, job SUSPENDED or CANCELED) → that
 * state (CANCELLED is the stateless suspend: stopped without savepoint); otherwise TRANSITIONING;</li>
 * <li>desired RUNNING: job CANCELED → CANCELLED (cancelled outside the agent); job RUNNING with
 * {@code lifecycleState} STABLE (or none reported) → RUNNING; job RUNNING while DEPLOYED (not yet stable),
 * UPGRADING, ROLLING_BACK, or job CREATED / INITIALIZING / RECONCILING / RESTARTING / FAILING / CANCELLING /
 * SUSPENDED / not reported → TRANSITIONING;</li>
 * <li>anything else (a state this mapping does not know) → UNKNOWN.</li>
 * </ol>
 * The cluster is unreachable ({@code ClusterUnreachable}) when the deployment should run and the JobManager
 * deployment (a session job's: its session cluster's) is MISSING or ERROR, the job state is UNKNOWN, or the error says
 * the JobManager could not be reached.
 */
final class StatusMapping {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STOPPED = Set.of("SUSPENDED", "CANCELED");
    private static final Set<String> JOB_TRANSITIONING = Set.of("CREATED", "INITIALIZING", "RECONCILING", "RESTARTING", "FAILING",
            "CANCELLING", "SUSPENDED");
    private static final Set<String> LIFECYCLE_TRANSITIONING = Set.of("CREATED", "DEPLOYED", "UPGRADING", "ROLLING_BACK");
    private static final Pattern UNREACHABLE = Pattern.compile(
            "unreachable|could not connect|connection refused|connect timed out|unknownhost|no route to host|jobmanager.*not.*(ready|available|found)",
            Pattern.CASE_INSENSITIVE);

    private StatusMapping() {
    }

    /** What one observation says. */
    record Mapped(String state, String jobId, String jobState, String error, boolean clusterUnreachable,
                  String unreachableMessage, DeploymentStatus.Savepoint lastSavepoint) {
    }

    /** RUNNING / SUSPENDED / CANCELLED from a rendered (or live) {@code spec.job}. */
    static String desiredState(JsonNode spec) {
        JsonNode job = spec.path("job");
        if (!"suspended".equals(job.path("state").asText("running"))) return "RUNNING";
        return "stateless".equals(job.path("upgradeMode").asText("stateless")) ? "CANCELLED" : "SUSPENDED";
    }

    /**
     * @param desired     RUNNING | SUSPENDED | CANCELLED
     * @param live        the object as read (null: not there)
     * @param jobManager  whose {@code status.jobManagerDeploymentStatus} counts: the object itself, a session job's
     *                    session cluster (null when that is not there)
     */
    static Mapped map(String desired, String describedAs, JsonNode live, JsonNode jobManager) {
        if (live == null || live.isMissingNode() || live.isNull()) {
            return new Mapped("UNKNOWN", null, null, "The " + describedAs + " is not in the cluster.", false, null, null);
        }
        JsonNode status = live.path("status");
        JsonNode jobStatus = status.path("jobStatus");
        String jobState = text(jobStatus.path("state"));
        String jobId = text(jobStatus.path("jobId"));
        String lifecycle = text(status.path("lifecycleState"));
        String error = error(status.path("error"));
        DeploymentStatus.Savepoint savepoint = savepoint(jobStatus);

        String jm = jobManager == null ? "MISSING" : text(jobManager.path("status").path("jobManagerDeploymentStatus"));
        String unreachableMessage = null;
        if ("RUNNING".equals(desired)) {
            if ("MISSING".equals(jm) || "ERROR".equals(jm)) {
                unreachableMessage = jobManager == null ? "The session cluster of the " + describedAs + " is not in the cluster."
                        : "The JobManager deployment is " + jm + ".";
            } else if ("UNKNOWN".equals(jobState)) {
                unreachableMessage = "The job was last observed in an unknown state.";
            } else if (error != null && UNREACHABLE.matcher(error).find()) {
                unreachableMessage = "The operator cannot reach the JobManager: " + error;
            }
        }
        String state = state(desired, live, status, jobState, lifecycle);
        if ("ROLLED_BACK".equals(lifecycle) && error == null) error = "The operator rolled back to the last stable spec; the applied spec does not run.";
        return new Mapped(state, jobId, jobState, error, unreachableMessage != null, unreachableMessage, savepoint);
    }

    private static String state(String desired, JsonNode live, JsonNode status, String jobState, String lifecycle) {
        if (status.isMissingNode() || status.isNull() || status.isEmpty()) return "TRANSITIONING";
        if (!caughtUp(live, status)) return "TRANSITIONING";
        if ("FAILED".equals(lifecycle) || "FAILED".equals(jobState) || "ROLLED_BACK".equals(lifecycle)) return "FAILED";
        if ("FINISHED".equals(jobState)) return "FINISHED";
        if (!"RUNNING".equals(desired)) {
            boolean stopped = "SUSPENDED".equals(lifecycle) || (jobState != null && STOPPED.contains(jobState));
            return stopped ? desired : "TRANSITIONING";
        }
        if ("CANCELED".equals(jobState)) return "CANCELLED";
        if ("RUNNING".equals(jobState)) {
            return lifecycle == null || "STABLE".equals(lifecycle) ? "RUNNING"
                    : LIFECYCLE_TRANSITIONING.contains(lifecycle) ? "TRANSITIONING" : "UNKNOWN";
        }
        if (jobState == null || JOB_TRANSITIONING.contains(jobState)) return "TRANSITIONING";
        return "UNKNOWN";
    }

    /** Has the operator reconciled the applied generation (and the applied job state)? */
    static boolean caughtUp(JsonNode live, JsonNode status) {
        long generation = live.path("metadata").path("generation").asLong(0);
        JsonNode lastReconciled = parse(status.path("reconciliationStatus").path("lastReconciledSpec"));
        long observed;
        if (status.path("observedGeneration").canConvertToLong()) {
            observed = status.path("observedGeneration").asLong();
        } else if (lastReconciled.path("resource_metadata").path("metadata").path("generation").canConvertToLong()) {
            observed = lastReconciled.path("resource_metadata").path("metadata").path("generation").asLong();
        } else {
            return false;
        }
        if (observed < generation) return false;
        JsonNode reconciledJob = lastReconciled.path("spec").path("job");
        JsonNode appliedJob = live.path("spec").path("job");
        return reconciledJob.isMissingNode() || appliedJob.isMissingNode()
                || reconciledJob.path("state").asText("running").equals(appliedJob.path("state").asText("running"));
    }

    private static JsonNode parse(JsonNode text) {
        if (!text.isTextual()) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        try {
            return JSON.readTree(text.asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** The operator writes errors as JSON ({"type":…,"message":…}) or plain text; one line, capped. */
    static String error(JsonNode node) {
        String raw = text(node);
        if (raw == null || raw.isBlank()) return null;
        JsonNode parsed = parse(node);
        String message = parsed.path("message").isTextual() ? parsed.path("message").asText() : raw;
        message = message.replaceAll("\\s+", " ").trim();
        return message.length() > 500 ? message.substring(0, 497) + "..." : message;
    }

    private static DeploymentStatus.Savepoint savepoint(JsonNode jobStatus) {
        JsonNode last = jobStatus.path("savepointInfo").path("lastSavepoint");
        if (last.hasNonNull("location")) {
            String at = last.path("timeStamp").canConvertToLong() ? Instant.ofEpochMilli(last.path("timeStamp").asLong()).toString() : null;
            return new DeploymentStatus.Savepoint(last.path("location").asText(), at, text(last.path("triggerType")));
        }
        String upgrade = text(jobStatus.path("upgradeSavepointPath"));
        return upgrade == null ? null : new DeploymentStatus.Savepoint(upgrade, null, "UPGRADE");
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }
}
