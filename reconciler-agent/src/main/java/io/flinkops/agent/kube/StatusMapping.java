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
 * <li>no status yet, or the operator has not caught up with the applied spec ({@link #caughtUp}: the generation it
 * reconciled is below {@code metadata.generation}, it is still upgrading or rolling back, or the last reconciled
 * {@code job.state} differs from the applied one) → TRANSITIONING, never the old generation's state;</li>
 * <li>{@code lifecycleState} FAILED or job FAILED → FAILED; ROLLED_BACK ({@code lifecycleState}, or
 * {@code reconciliationStatus.state} on operators without it) → FAILED (the applied spec is not what runs);</li>
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
        if (("ROLLED_BACK".equals(lifecycle) || "ROLLED_BACK".equals(text(status.path("reconciliationStatus").path("state")))) && error == null) error = "The operator rolled back to the last stable spec; the applied spec does not run.";
        return new Mapped(state, jobId, jobState, error, unreachableMessage != null, unreachableMessage, savepoint);
    }

    private static String state(String desired, JsonNode live, JsonNode status, String jobState, String lifecycle) {
        if (status.isMissingNode() || status.isNull() || status.isEmpty()) return "TRANSITIONING";
        if (!caughtUp(live, status)) return "TRANSITIONING";
        boolean rolledBack = "ROLLED_BACK".equals(lifecycle) || "ROLLED_BACK".equals(text(status.path("reconciliationStatus").path("state")));
        if ("FAILED".equals(lifecycle) || "FAILED".equals(jobState) || rolledBack) return "FAILED";
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

    /**
     * Has the operator reconciled the applied spec? Until it has, its job and lifecycle states describe what ran
     * before (the old generation's RUNNING), not the applied spec. Caught up needs all of:
     * <ul>
     * <li>the generation the operator last reconciled is at least {@code metadata.generation}: the lower of
     * {@code status.observedGeneration} and the generation in {@code lastReconciledSpec}'s {@code resource_metadata},
     * whichever it reports; an operator that reports neither (older than the generation bookkeeping) is caught up when
     * its {@code lastReconciledSpec.spec} has every field of the applied spec, with the same value;</li>
     * <li>{@code reconciliationStatus.state} is not UPGRADING or ROLLING_BACK: the operator writes the new generation
     * when it <em>starts</em> an upgrade (older operators without {@code lifecycleState} say so only here);</li>
     * <li>the reconciled {@code job.state} is the applied one (the operator records a job as suspended while it
     * upgrades it).</li>
     * </ul>
     */
    static boolean caughtUp(JsonNode live, JsonNode status) {
        long generation = live.path("metadata").path("generation").asLong(0);
        JsonNode reconciliation = status.path("reconciliationStatus");
        JsonNode lastReconciled = parse(reconciliation.path("lastReconciledSpec"));
        String reconciliationState = text(reconciliation.path("state"));
        if ("UPGRADING".equals(reconciliationState) || "ROLLING_BACK".equals(reconciliationState)) return false;
        JsonNode observedNode = status.path("observedGeneration");
        JsonNode recordedNode = lastReconciled.path("resource_metadata").path("metadata").path("generation");
        if (observedNode.canConvertToLong() || recordedNode.canConvertToLong()) {
            long observed = Math.min(observedNode.canConvertToLong() ? observedNode.asLong() : Long.MAX_VALUE,
                    recordedNode.canConvertToLong() ? recordedNode.asLong() : Long.MAX_VALUE);
            if (observed < generation) return false;
        } else if (!covers(lastReconciled.path("spec"), live.path("spec"))) {
            return false;
        }
        JsonNode reconciledJob = lastReconciled.path("spec").path("job");
        JsonNode appliedJob = live.path("spec").path("job");
        return reconciledJob.isMissingNode() || appliedJob.isMissingNode()
                || reconciledJob.path("state").asText("running").equals(appliedJob.path("state").asText("running"));
    }

    /**
     * Every field of {@code applied} is in {@code reconciled} with the same value (objects field by field, arrays
     * element by element, numbers by value, other scalars by their text: the operator writes its typed spec back).
     */
    static boolean covers(JsonNode reconciled, JsonNode applied) {
        if (applied.isMissingNode() || applied.isNull()) return true;
        if (reconciled.isMissingNode() || reconciled.isNull()) return false;
        if (applied.isObject()) {
            if (!reconciled.isObject()) return false;
            for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) applied::fields) {
                if (!covers(reconciled.path(e.getKey()), e.getValue())) return false;
            }
            return true;
        }
        if (applied.isArray()) {
            if (!reconciled.isArray() || reconciled.size() != applied.size()) return false;
            for (int i = 0; i < applied.size(); i++) if (!covers(reconciled.get(i), applied.get(i))) return false;
            return true;
        }
        if (applied.isNumber() && reconciled.isNumber()) return applied.decimalValue().compareTo(reconciled.decimalValue()) == 0;
        return reconciled.isValueNode() && applied.asText().equals(reconciled.asText());
    }

    /** A JSON string field (lastReconciledSpec, an error) parsed; missing when it is none. */
    static JsonNode parse(JsonNode text) {
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
