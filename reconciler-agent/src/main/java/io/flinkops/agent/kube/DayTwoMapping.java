package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.render.Ownership;
import io.flinkops.status.DeploymentStatus.Checkpoint;
import io.flinkops.status.DeploymentStatus.Operation;
import io.flinkops.status.DeploymentStatus.SavepointRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one observation says about a deployment's day-2 operations (docs/day-2.md, "What the agent does and records"),
 * from the operator's status shapes (release-1.9.0 and release-1.15.0 of the Flink Kubernetes Operator). Pure; the
 * history across observations is {@link DayTwoHistory}'s.
 * <ul>
 * <li>Snapshot route (operator 1.10+): each FlinkStateSnapshot the repo asked for, by its {@code status.state}
 * (TRIGGER_PENDING or no status yet: PENDING), {@code path}, {@code error}, {@code resultTimestamp}; and the operator's
 * own savepoint snapshots of the job (found by its job-reference labels), trigger UPGRADE, PERIODIC or UNKNOWN.</li>
 * <li>Nonce route (operators 1.8, 1.9): the request named by {@code flinkops.io/savepoint-request} is COMPLETED when
 * a savepoint of {@code status.jobStatus.savepointInfo} carries its {@code triggerNonce}, IN_PROGRESS while a manual
 * trigger is pending, FAILED when the operator has reconciled the nonce without a savepoint (it gave up after its
 * grace period), otherwise PENDING. The other savepoints of {@code savepointInfo} (upgrade, periodic) are recorded
 * without a name.</li>
 * <li>Restart and redeploy: the object's {@code spec.restartNonce} / {@code job.savepointRedeployNonce} against the
 * nonces of {@code status.reconciliationStatus.lastReconciledSpec}: not reconciled yet PENDING; reconciled and the
 * deployment in its desired state DONE; reconciled and FAILED: FAILED with the operator's error.</li>
 * <li>The last checkpoint: {@code jobStatus.checkpointInfo.lastCheckpoint}, or the newest completed checkpoint
 * snapshot, whichever is newer.</li>
 * </ul>
 */
final class DayTwoMapping {
    static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "ABANDONED");

    private DayTwoMapping() {
    }

    /** What one observation of a deployment says; nulls and empty lists where it says nothing. */
    record Observed(List<SavepointRecord> savepoints, List<Operation> operations, Checkpoint lastCheckpoint) {
    }

    /**
     * @param live              the deployment's FlinkDeployment or FlinkSessionJob as read (null: not there)
     * @param requested         the managed FlinkStateSnapshots of the deployment (its Savepoint documents)
     * @param operatorSnapshots the other FlinkStateSnapshots whose job reference is {@code live}
     * @param state             the deployment's mapped state ({@link StatusMapping})
     * @param desiredState      RUNNING, SUSPENDED or CANCELLED
     * @param error             the operator's error, mapped
     */
    static Observed observe(JsonNode live, List<JsonNode> requested, List<JsonNode> operatorSnapshots, String state, String desiredState,
                            String error, Instant now) {
        List<SavepointRecord> savepoints = new ArrayList<>();
        Set<String> locations = new HashSet<>();
        for (JsonNode s : requested) savepoints.add(request(s));
        Checkpoint checkpoint = null;
        for (JsonNode s : operatorSnapshots) {
            String type = s.path("metadata").path("labels").path(DayTwoMetadata.SNAPSHOT_TYPE).asText("");
            boolean isCheckpoint = "CHECKPOINT".equals(type) || (type.isEmpty() && s.path("spec").has("checkpoint"));
            if (isCheckpoint) {
                checkpoint = newer(checkpoint, completedCheckpoint(s));
            } else {
                // Recorded once the operator triggered it: its time (the record's identity) is known from then on.
                SavepointRecord r = operatorSavepoint(s);
                if (!"PENDING".equals(r.result()) && (r.location() == null || locations.add(r.location()))) savepoints.add(r);
            }
        }
        List<Operation> operations = new ArrayList<>();
        if (live != null) {
            JsonNode jobStatus = live.path("status").path("jobStatus");
            nonceRequest(live, error).ifPresent(savepoints::add);
            for (SavepointRecord r : operatorSavepoints(jobStatus.path("savepointInfo"))) {
                if (locations.add(r.location())) savepoints.add(r);
            }
            operations.addAll(operations(live, state, desiredState, error, now));
            JsonNode last = jobStatus.path("checkpointInfo").path("lastCheckpoint");
            if (last.path("timeStamp").canConvertToLong() && last.path("timeStamp").asLong() > 0) {
                checkpoint = newer(checkpoint, new Checkpoint(null, Instant.ofEpochMilli(last.path("timeStamp").asLong()).toString()));
            }
        }
        return new Observed(savepoints, operations, checkpoint);
    }

    /** A FlinkStateSnapshot of a Savepoint document: a request (MANUAL) or an existing savepoint (REGISTERED). */
    static SavepointRecord request(JsonNode snapshot) {
        JsonNode metadata = snapshot.path("metadata");
        JsonNode savepoint = snapshot.path("spec").path("savepoint");
        boolean existing = savepoint.path("alreadyExists").asBoolean(false);
        String requestedAt = instant(metadata.path("annotations").path(DayTwoMetadata.REQUESTED_AT).asText(null));
        if (requestedAt == null) requestedAt = instant(metadata.path("creationTimestamp").asText(null));
        JsonNode status = snapshot.path("status");
        String result = result(status);
        String location = "COMPLETED".equals(result) ? text(status.path("path")) : null;
        if (location == null && existing) location = text(savepoint.path("path"));
        return new SavepointRecord(metadata.path("labels").path(DayTwoMetadata.SAVEPOINT).asText(null), location, existing ? "REGISTERED" : "MANUAL",
                result, requestedAt, FINAL.contains(result) ? instant(text(status.path("resultTimestamp"))) : null,
                "FAILED".equals(result) || "ABANDONED".equals(result) ? StatusMapping.error(status.path("error")) : null);
    }

    /** A savepoint snapshot the operator created itself (or anyone but flinkops): no name. */
    private static SavepointRecord operatorSavepoint(JsonNode snapshot) {
        JsonNode status = snapshot.path("status");
        String result = result(status);
        String requestedAt = instant(text(status.path("triggerTimestamp")));
        if (requestedAt == null) requestedAt = instant(text(status.path("resultTimestamp")));
        if (requestedAt == null) requestedAt = instant(snapshot.path("metadata").path("creationTimestamp").asText(null));
        String location = "COMPLETED".equals(result) ? text(status.path("path")) : null;
        if (location == null && snapshot.path("spec").path("savepoint").path("alreadyExists").asBoolean(false)) {
            location = text(snapshot.path("spec").path("savepoint").path("path"));
        }
        return new SavepointRecord(null, location, trigger(snapshot.path("metadata").path("labels").path(DayTwoMetadata.SNAPSHOT_TRIGGER_TYPE).asText(null)),
                result, requestedAt, FINAL.contains(result) ? instant(text(status.path("resultTimestamp"))) : null,
                "FAILED".equals(result) || "ABANDONED".equals(result) ? StatusMapping.error(status.path("error")) : null);
    }

    private static Checkpoint completedCheckpoint(JsonNode snapshot) {
        JsonNode status = snapshot.path("status");
        if (!"COMPLETED".equals(text(status.path("state")))) return null;
        String at = instant(text(status.path("resultTimestamp")));
        return at == null ? null : new Checkpoint(text(status.path("path")), at);
    }

    /** The operator's savepoints of {@code savepointInfo} it took itself (upgrade, periodic); manual ones are requests. */
    private static List<SavepointRecord> operatorSavepoints(JsonNode savepointInfo) {
        List<SavepointRecord> out = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        savepointInfo.path("savepointHistory").forEach(all::add);
        all.add(savepointInfo.path("lastSavepoint"));
        for (JsonNode s : all) {
            String location = text(s.path("location"));
            String trigger = text(s.path("triggerType"));
            if (location == null || "MANUAL".equals(trigger) || s.hasNonNull("triggerNonce")) continue;
            String at = s.path("timeStamp").canConvertToLong() ? Instant.ofEpochMilli(s.path("timeStamp").asLong()).toString() : null;
            out.add(new SavepointRecord(null, location, trigger(trigger), "COMPLETED", at, at, null));
        }
        return out;
    }

    /** The nonce route's request (operators before 1.10), when the object carries one. */
    private static Optional<SavepointRecord> nonceRequest(JsonNode live, String error) {
        String name = text(live.path("metadata").path("annotations").path(DayTwoMetadata.SAVEPOINT_REQUEST));
        JsonNode nonceNode = live.path("spec").path("job").path("savepointTriggerNonce");
        if (name == null || !nonceNode.canConvertToLong()) return Optional.empty();
        long nonce = nonceNode.asLong();
        String requestedAt = Instant.ofEpochSecond(nonce).toString();
        JsonNode info = live.path("status").path("jobStatus").path("savepointInfo");
        List<JsonNode> taken = new ArrayList<>();
        info.path("savepointHistory").forEach(taken::add);
        taken.add(info.path("lastSavepoint"));
        for (JsonNode s : taken) {
            if (s.path("triggerNonce").canConvertToLong() && s.path("triggerNonce").asLong() == nonce && text(s.path("location")) != null) {
                String at = s.path("timeStamp").canConvertToLong() ? Instant.ofEpochMilli(s.path("timeStamp").asLong()).toString() : null;
                return Optional.of(new SavepointRecord(name, text(s.path("location")), "MANUAL", "COMPLETED", requestedAt, at, null));
            }
        }
        if (text(info.path("triggerId")) != null && "MANUAL".equals(text(info.path("triggerType")))) {
            return Optional.of(new SavepointRecord(name, null, "MANUAL", "IN_PROGRESS", requestedAt, null, null));
        }
        JsonNode reconciled = StatusMapping.parse(live.path("status").path("reconciliationStatus").path("lastReconciledSpec"))
                .path("spec").path("job").path("savepointTriggerNonce");
        if (reconciled.canConvertToLong() && reconciled.asLong() == nonce) {
            // The operator moved the nonce into its reconciled spec without a savepoint: it gave up (1.9 after its grace period).
            String why = error != null ? error : "The operator gave up on the savepoint; its SavepointError events on "
                    + live.path("kind").asText() + " " + live.path("metadata").path("namespace").asText() + "/"
                    + live.path("metadata").path("name").asText() + " say why.";
            return Optional.of(new SavepointRecord(name, null, "MANUAL", "FAILED", requestedAt, null, why));
        }
        return Optional.of(new SavepointRecord(name, null, "MANUAL", "PENDING", requestedAt, null, null));
    }

    /** The restart and the redeploy the live object carries, each judged against what the operator reconciled. */
    static List<Operation> operations(JsonNode live, String state, String desiredState, String error, Instant now) {
        List<Operation> out = new ArrayList<>();
        JsonNode spec = live.path("spec");
        JsonNode reconciled = StatusMapping.parse(live.path("status").path("reconciliationStatus").path("lastReconciledSpec")).path("spec");
        JsonNode annotations = live.path("metadata").path("annotations");
        if (spec.path("restartNonce").canConvertToLong()) {
            long nonce = spec.path("restartNonce").asLong();
            String result = result(nonce, reconciled.path("restartNonce"), state, desiredState);
            out.add(new Operation("RESTART", Instant.ofEpochSecond(nonce).toString(), null, null, result, now.toString(),
                    "FAILED".equals(result) ? error : null));
        }
        JsonNode job = spec.path("job");
        if (job.path("savepointRedeployNonce").canConvertToLong()) {
            long nonce = job.path("savepointRedeployNonce").asLong();
            String result = result(nonce, reconciled.path("job").path("savepointRedeployNonce"), state, desiredState);
            out.add(new Operation("REDEPLOY", Instant.ofEpochSecond(nonce).toString(), text(job.path("initialSavepointPath")),
                    text(annotations.path(DayTwoMetadata.REDEPLOY_FROM)), result, now.toString(), "FAILED".equals(result) ? error : null));
        }
        return out;
    }

    private static String result(long nonce, JsonNode reconciledNonce, String state, String desiredState) {
        if (!reconciledNonce.canConvertToLong() || reconciledNonce.asLong() != nonce) return "PENDING";
        if ("FAILED".equals(state)) return "FAILED";
        return desiredState != null && desiredState.equals(state) ? "DONE" : "PENDING";
    }

    private static String result(JsonNode status) {
        String state = text(status.path("state"));
        if (state == null || "TRIGGER_PENDING".equals(state)) return "PENDING";
        return Set.of("IN_PROGRESS", "COMPLETED", "FAILED", "ABANDONED").contains(state) ? state : "PENDING";
    }

    private static String trigger(String operatorTrigger) {
        return "UPGRADE".equals(operatorTrigger) || "PERIODIC".equals(operatorTrigger) ? operatorTrigger : "UNKNOWN";
    }

    private static Checkpoint newer(Checkpoint a, Checkpoint b) {
        if (a == null) return b;
        if (b == null) return a;
        return Instant.parse(b.timestamp()).isAfter(Instant.parse(a.timestamp())) ? b : a;
    }

    /** An RFC 3339 time as an ISO-8601 instant ({@code 2026-12-04T21:50:00Z}), or null when absent or unreadable. */
    static String instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) return null;
        try {
            return OffsetDateTime.parse(rfc3339).toInstant().toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() && !n.asText().isEmpty() ? n.asText() : null;
    }

    /** Whether {@code o} is managed by flinkops (its own FlinkStateSnapshots are requests, not the operator's). */
    static boolean managed(JsonNode o) {
        return Ownership.MANAGED_BY_VALUE.equals(o.path("metadata").path("labels").path(Ownership.MANAGED_BY).asText(null));
    }
}
