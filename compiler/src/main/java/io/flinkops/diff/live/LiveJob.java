package io.flinkops.diff.live;

import io.flinkops.status.DeploymentStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the agent last observed of one Deployment (its status file on the status branch), seen from the moment the
 * diff is made: what {@code flinkops diff} says is running, and what the rules weigh a change against.
 *
 * @param state          the observed state: RUNNING, SUSPENDED, CANCELLED, TRANSITIONING, FAILED, FINISHED, UNKNOWN
 * @param desiredState   the state the agent was told by the commit it applied (RUNNING, SUSPENDED, CANCELLED)
 * @param observedAt     when the agent observed it (ISO-8601), null when the file does not say
 * @param sourceCommit   the config-repo commit the agent had applied
 * @param cluster        the Repository cluster whose agent wrote the file
 * @param lastSavepoint  the newest completed savepoint known, null when none is
 * @param lastCheckpoint the last completed checkpoint, null when unknown
 * @param error          the operator's error, when the job failed
 * @param savepoints     the savepoint history, newest first, for looking one up by name
 * @param now            the moment ages are counted to
 */
public record LiveJob(String state, String desiredState, String observedAt, String sourceCommit, String cluster,
                      SavepointSeen lastSavepoint, CheckpointSeen lastCheckpoint, String error,
                      List<DeploymentStatus.SavepointRecord> savepoints, Instant now) {

    /** A completed savepoint: where it is, when it was taken (ISO-8601, null when unknown) and what took it. */
    public record SavepointSeen(String name, String location, String takenAt, String trigger) {
    }

    /** A completed checkpoint: when (ISO-8601) and where, when the operator says. */
    public record CheckpointSeen(String location, String takenAt) {
    }

    public LiveJob {
        Objects.requireNonNull(now);
        savepoints = savepoints == null ? List.of() : List.copyOf(savepoints);
    }

    public static LiveJob of(DeploymentStatus status, Instant now) {
        CheckpointSeen checkpoint = status.lastCheckpoint() == null ? null
                : new CheckpointSeen(status.lastCheckpoint().location(), status.lastCheckpoint().timestamp());
        return new LiveJob(orUnknown(status.state()), status.desiredState(), status.observedAt(), status.sourceCommit(), status.cluster(),
                newestSavepoint(status).orElse(null), checkpoint, status.error(), status.savepoints(), now);
    }

    /**
     * The newest completed savepoint: the operator's own last one ({@code lastSavepoint}) or the newest completed
     * one of the history, whichever is newer; one without a time counts as older than one with.
     */
    private static Optional<SavepointSeen> newestSavepoint(DeploymentStatus status) {
        Stream<SavepointSeen> fromHistory = status.savepoints().stream()
                .filter(s -> "COMPLETED".equals(s.result()) && s.location() != null)
                .map(s -> new SavepointSeen(s.name(), s.location(), s.completedAt() != null ? s.completedAt() : s.requestedAt(), s.trigger()));
        Stream<SavepointSeen> operators = Stream.ofNullable(status.lastSavepoint()).filter(s -> s.location() != null)
                .map(s -> new SavepointSeen(null, s.location(), s.timestamp(), s.triggerType()));
        // The history first: for the same savepoint it also knows the Savepoint document's name (max keeps the first of equals).
        return Stream.concat(fromHistory, operators).max(Comparator.comparing((SavepointSeen s) -> parse(s.takenAt()).orElse(Instant.MIN)));
    }

    /** The job runs now, as far as the agent saw. */
    public boolean running() {
        return "RUNNING".equals(state);
    }

    public boolean failed() {
        return "FAILED".equals(state);
    }

    /** A state the job stays in until someone changes something (not TRANSITIONING or UNKNOWN). */
    public boolean settled() {
        return List.of("RUNNING", "SUSPENDED", "CANCELLED", "FAILED", "FINISHED").contains(state);
    }

    public Optional<Duration> observedAge() {
        return age(observedAt);
    }

    /** How long before {@link #now} {@code isoInstant} was; empty when it is not a time. */
    public Optional<Duration> age(String isoInstant) {
        return parse(isoInstant).map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now));
    }

    /** A savepoint of the history by its Savepoint document's name, completed or not. */
    public Optional<DeploymentStatus.SavepointRecord> savepoint(String name) {
        return savepoints.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    /**
     * When the savepoint of Savepoint document {@code name} at {@code location} was taken: its own record's
     * completion, else that of a record of the same location taken by the operator or asked for by a request (a
     * registered savepoint's record only knows when it was registered).
     */
    public Optional<String> takenAt(String name, String location) {
        Optional<String> own = name == null ? Optional.empty()
                : savepoint(name).filter(s -> !"REGISTERED".equals(s.trigger())).map(s -> s.completedAt() != null ? s.completedAt() : s.requestedAt());
        if (own.isPresent() || location == null) return own;
        Optional<String> recorded = savepoints.stream()
                .filter(s -> location.equals(s.location()) && "COMPLETED".equals(s.result()) && !"REGISTERED".equals(s.trigger()))
                .map(s -> s.completedAt() != null ? s.completedAt() : s.requestedAt()).filter(Objects::nonNull).findFirst();
        if (recorded.isPresent()) return recorded;
        return Optional.ofNullable(lastSavepoint).filter(s -> location.equals(s.location())).map(SavepointSeen::takenAt);
    }

    static Optional<Instant> parse(String isoInstant) {
        if (isoInstant == null) return Optional.empty();
        try {
            return Optional.of(Instant.parse(isoInstant));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "UNKNOWN" : s;
    }
}
