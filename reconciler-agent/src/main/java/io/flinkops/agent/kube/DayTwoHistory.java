package io.flinkops.agent.kube;

import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.DeploymentStatus.Operation;
import io.flinkops.status.DeploymentStatus.SavepointRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deployment's savepoint and operation history across observations: what was recorded before (this process's last
 * status, or the status file on the status branch for a deployment new to the process, as {@link RestartHistory}
 * continues restart counts) with what is observed now on top. An entry no longer observed stays (the operator deleted
 * an old snapshot, the repo moved on to a newer request): the status file is the history. Pure.
 * <ul>
 * <li>A savepoint is identified by its Savepoint document's name and createdAt, or (the operator's own) by its
 * trigger and time; what is observed replaces what was recorded.</li>
 * <li>An operation is identified by its type and time (its nonce). DONE is final; otherwise what is observed replaces
 * what was recorded, and {@code observedAt} moves only when the result changes.</li>
 * <li>Newest first by {@code requestedAt}, at most {@link DeploymentStatus#HISTORY_LIMIT} each.</li>
 * <li>{@code lastCheckpoint}: the newer of recorded and observed. {@code lastSavepoint}: the newest completed
 * savepoint of the history the job took (not a REGISTERED one, which may come from anywhere), unless the operator's
 * own report is newer.</li>
 * </ul>
 * So the same observations give the same history, byte for byte, whatever process makes them.
 */
final class DayTwoHistory {
    private static final Comparator<String> NEWEST_FIRST = Comparator.nullsLast(
            Comparator.comparing(DayTwoHistory::epochMillis, Comparator.reverseOrder()));

    private DayTwoHistory() {
    }

    /** {@code observed} with the history of {@code recorded} (may be null) merged in. */
    static DeploymentStatus merge(DeploymentStatus recorded, DeploymentStatus observed) {
        List<SavepointRecord> savepoints = savepoints(recorded == null ? List.of() : recorded.savepoints(), observed.savepoints());
        List<Operation> operations = operations(recorded == null ? List.of() : recorded.operations(), observed.operations());
        DeploymentStatus.Checkpoint checkpoint = observed.lastCheckpoint();
        DeploymentStatus.Checkpoint before = recorded == null ? null : recorded.lastCheckpoint();
        if (checkpoint == null || (before != null && epochMillis(before.timestamp()) > epochMillis(checkpoint.timestamp()))) checkpoint = before;
        DeploymentStatus merged = observed.withDayTwo(savepoints, operations, checkpoint);
        DeploymentStatus.Savepoint last = lastSavepoint(observed.lastSavepoint(), savepoints);
        return Objects.equals(last, observed.lastSavepoint()) ? merged : withLastSavepoint(merged, last);
    }

    static List<SavepointRecord> savepoints(List<SavepointRecord> recorded, List<SavepointRecord> observed) {
        Map<String, SavepointRecord> byId = new LinkedHashMap<>();
        for (SavepointRecord r : recorded) byId.put(id(r), r);
        for (SavepointRecord r : observed) byId.put(id(r), r);
        return byId.values().stream()
                .sorted(Comparator.comparing(SavepointRecord::requestedAt, NEWEST_FIRST).thenComparing(DayTwoHistory::id))
                .limit(DeploymentStatus.HISTORY_LIMIT).toList();
    }

    static List<Operation> operations(List<Operation> recorded, List<Operation> observed) {
        Map<String, Operation> byId = new LinkedHashMap<>();
        for (Operation o : recorded) byId.put(o.type() + "@" + o.requestedAt(), o);
        for (Operation o : observed) {
            String id = o.type() + "@" + o.requestedAt();
            Operation before = byId.get(id);
            // DONE stays DONE: a job that fails later fails on its own account, not the restart's.
            if (before != null && ("DONE".equals(before.result()) || Objects.equals(before.result(), o.result()))) continue;
            byId.put(id, o);
        }
        return byId.values().stream()
                .sorted(Comparator.comparing(Operation::requestedAt, NEWEST_FIRST).thenComparing(Operation::type))
                .limit(DeploymentStatus.HISTORY_LIMIT).toList();
    }

    /** Whether {@code history} records the Savepoint {@code name} of {@code requestedAt} (null: any time); why, or null. */
    static String recorded(List<SavepointRecord> history, String name, String requestedAt) {
        for (SavepointRecord r : history) {
            if (name.equals(r.name()) && (requestedAt == null || r.requestedAt() == null || epochMillis(requestedAt) == epochMillis(r.requestedAt()))) {
                return "the deployment's status records Savepoint " + name + " (" + r.result() + "), so the snapshot was taken or tried "
                        + "once already; the operator deleted it when it cleaned up its snapshot history";
            }
        }
        // A full history drops its oldest entries: a request older than all of them was recorded before and dropped.
        if (requestedAt != null && history.size() >= DeploymentStatus.HISTORY_LIMIT) {
            long oldest = history.stream().map(SavepointRecord::requestedAt).filter(Objects::nonNull).mapToLong(DayTwoHistory::epochMillis)
                    .min().orElse(Long.MIN_VALUE);
            if (epochMillis(requestedAt) < oldest) {
                return "Savepoint " + name + " is older than the " + history.size() + " savepoints the deployment's status keeps, so it "
                        + "was recorded before and has left the history";
            }
        }
        return null;
    }

    private static DeploymentStatus.Savepoint lastSavepoint(DeploymentStatus.Savepoint reported, List<SavepointRecord> history) {
        SavepointRecord newest = null;
        for (SavepointRecord r : history) {
            if (!"COMPLETED".equals(r.result()) || "REGISTERED".equals(r.trigger()) || r.location() == null) continue;
            if (newest == null || epochMillis(taken(r)) > epochMillis(taken(newest))) newest = r;
        }
        if (newest == null) return reported;
        if (reported != null && reported.timestamp() != null && epochMillis(reported.timestamp()) >= epochMillis(taken(newest))) return reported;
        return new DeploymentStatus.Savepoint(newest.location(), taken(newest), newest.trigger());
    }

    private static String taken(SavepointRecord r) {
        return r.completedAt() != null ? r.completedAt() : r.requestedAt();
    }

    private static DeploymentStatus withLastSavepoint(DeploymentStatus s, DeploymentStatus.Savepoint last) {
        return new DeploymentStatus(s.namespace(), s.deployment(), s.sourceCommit(), s.desiredState(), s.state(), s.jobId(), s.conditions(), last,
                s.error(), s.observedAt(), s.cluster(), s.restarts(), s.savepoints(), s.operations(), s.lastCheckpoint());
    }

    private static String id(SavepointRecord r) {
        if (r.name() != null) return "name:" + r.name() + "@" + r.requestedAt();
        if (r.requestedAt() != null) return "trigger:" + r.trigger() + "@" + r.requestedAt();
        return "location:" + r.location();
    }

    /** Epoch millis of an ISO-8601 instant; unreadable or absent ones sort as the oldest. */
    static long epochMillis(String instant) {
        if (instant == null) return Long.MIN_VALUE;
        try {
            return Instant.parse(instant).toEpochMilli();
        } catch (DateTimeParseException e) {
            return Long.MIN_VALUE;
        }
    }
}
