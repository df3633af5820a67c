package io.flinkops.plan;

import io.flinkops.load.Document;
import io.flinkops.model.FieldPath;
import io.flinkops.model.FlinkVersions;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The day-2 operations of a Deployment or SessionCluster (docs/day-2.md), read once by the plan stage: its Savepoints,
 * the annotations {@value #RESTART_ANNOTATION} and {@value #REDEPLOY_FROM_ANNOTATION} of the resource's own metadata,
 * and how the operator is asked to carry them out ({@link Route}). The rules judge what is written here; the render
 * stage writes what {@link #restartNonce}, {@link #savepointTrigger}, {@link #redeployFrom} and {@link #snapshots}
 * decide, and nothing for an operation that is not valid.
 *
 * @param route      how the Repository's operator release is asked
 * @param savepoints the resource's typed Savepoints, in name order (a SessionCluster has none)
 * @param restart    {@value #RESTART_ANNOTATION} as written, when the resource has it
 * @param redeploy   {@value #REDEPLOY_FROM_ANNOTATION} as written, when the resource has it
 * @param savepointAttempts how often a requested savepoint is tried: VVP's {@code maxSavepointCreationAttempts}
 *                          (default {@value #DEFAULT_SAVEPOINT_ATTEMPTS}); a FlinkStateSnapshot retries one less
 */
public record Operations(Route route, List<Savepoint> savepoints, Optional<Restart> restart, Optional<Redeploy> redeploy,
                         int savepointAttempts) {
    /** On a Deployment or SessionCluster: restart it; on the rendered object: the restart its {@code restartNonce} is. */
    public static final String RESTART_ANNOTATION = ObjectMetadata.FLINKOPS_PREFIX + "restart";
    /** On a Deployment: redeploy from this Savepoint; on the rendered object: the Savepoint its {@code savepointRedeployNonce} is. */
    public static final String REDEPLOY_FROM_ANNOTATION = ObjectMetadata.FLINKOPS_PREFIX + "redeploy-from";
    /** On a FlinkDeployment or FlinkSessionJob (nonce route): the request its {@code savepointTriggerNonce} comes from. */
    public static final String SAVEPOINT_REQUEST_ANNOTATION = ObjectMetadata.FLINKOPS_PREFIX + "savepoint-request";
    public static final FieldPath RESTART_POINTER = FieldPath.of("metadata", "annotations", RESTART_ANNOTATION);
    public static final FieldPath REDEPLOY_FROM_POINTER = FieldPath.of("metadata", "annotations", REDEPLOY_FROM_ANNOTATION);

    /** VVP's default {@code maxSavepointCreationAttempts}. */
    public static final int DEFAULT_SAVEPOINT_ATTEMPTS = 4;

    public static final Operations NONE = new Operations(Route.SNAPSHOTS, List.of(), Optional.empty(), Optional.empty(), DEFAULT_SAVEPOINT_ATTEMPTS);

    public Operations {
        savepoints = List.copyOf(savepoints);
    }

    /** How the operator release of the Repository is asked for savepoints and redeploys. */
    public enum Route {
        /** 1.10 and later: a FlinkStateSnapshot per Savepoint; nonces for restart and redeploy. */
        SNAPSHOTS,
        /** 1.8 and 1.9: {@code job.savepointTriggerNonce} for the newest request, nonces for restart and redeploy. */
        NONCES,
        /** 1.7: as 1.8, but without {@code job.savepointRedeployNonce}, so no redeploy (FO334). */
        NONCES_WITHOUT_REDEPLOY;

        /** The first operator release with FlinkStateSnapshot. */
        public static final String SNAPSHOTS_SINCE = "1.10";
        /** The first operator release with {@code job.savepointRedeployNonce}. */
        public static final String REDEPLOY_SINCE = "1.8";

        public static Route of(String operatorVersion) {
            if (FlinkVersions.compare(operatorVersion, SNAPSHOTS_SINCE) >= 0) return SNAPSHOTS;
            return FlinkVersions.compare(operatorVersion, REDEPLOY_SINCE) >= 0 ? NONCES : NONCES_WITHOUT_REDEPLOY;
        }

        public boolean redeploys() {
            return this != NONCES_WITHOUT_REDEPLOY;
        }
    }

    /**
     * {@value #RESTART_ANNOTATION} of a resource.
     *
     * @param written the annotation's value as written
     * @param at      the time it names; empty when it is not RFC 3339 (FO331)
     */
    public record Restart(YNode written, Optional<Instant> at) {
        /** The value as written, if it is a string. */
        public Optional<String> text() {
            return written instanceof YScalar s && !s.isNull() ? Optional.of(s.text()) : Optional.empty();
        }
    }

    /**
     * {@value #REDEPLOY_FROM_ANNOTATION} of a Deployment.
     *
     * @param written   the annotation's value as written
     * @param savepoint the Savepoint of this deployment it names, if there is one
     */
    public record Redeploy(YNode written, Optional<Savepoint> savepoint) {
        /** The Savepoint name as written; "" when it is not a string. */
        public String savepointName() {
            return written instanceof YScalar s && !s.isNull() ? s.text().trim() : "";
        }
    }

    /**
     * The operations of a resource document, with the Savepoints of the Deployment it is (none for a SessionCluster) and
     * its {@code maxSavepointCreationAttempts} (null: VVP's default).
     */
    static Operations of(Document resource, List<Savepoint> savepoints, Integer savepointAttempts, String operatorVersion) {
        Optional<Restart> restart = annotation(resource, RESTART_ANNOTATION)
                .map(n -> new Restart(n, n instanceof YScalar s ? OperationTimes.parse(s.text()) : Optional.empty()));
        Optional<Redeploy> redeploy = annotation(resource, REDEPLOY_FROM_ANNOTATION).map(n -> {
            String name = new Redeploy(n, Optional.empty()).savepointName();
            return new Redeploy(n, savepoints.stream().filter(sp -> sp.name().equals(name)).findFirst());
        });
        return new Operations(Route.of(operatorVersion), savepoints, restart, redeploy,
                savepointAttempts == null ? DEFAULT_SAVEPOINT_ATTEMPTS : savepointAttempts);
    }

    private static Optional<YNode> annotation(Document resource, String key) {
        return resource.root().map("metadata").flatMap(m -> m.map("annotations")).map(a -> a.get(key)).filter(n -> !n.isNull());
    }

    /** {@code spec.restartNonce}: the restart's time in epoch seconds. */
    public Optional<Long> restartNonce() {
        return restart.flatMap(Restart::at).map(Instant::getEpochSecond);
    }

    /** The newest request whose time is valid, whose time becomes {@code job.savepointTriggerNonce}; none on the snapshot route. */
    public Optional<Savepoint> savepointTrigger() {
        if (route == Route.SNAPSHOTS) return Optional.empty();
        return savepoints.stream().filter(s -> s.isRequest() && s.requestedAt().isPresent())
                .max(Comparator.comparing((Savepoint s) -> s.requestedAt().get()).thenComparing(Savepoint::name));
    }

    /**
     * The Savepoint a redeploy starts from ({@code job.initialSavepointPath}, its time {@code job.savepointRedeployNonce}):
     * one of this deployment's with a location and a valid time, on an operator that redeploys.
     */
    public Optional<Savepoint> redeployFrom() {
        if (!route.redeploys()) return Optional.empty();
        return redeploy.flatMap(Redeploy::savepoint).filter(s -> !s.isRequest() && s.requestedAt().isPresent());
    }

    /** {@code spec.backoffLimit} of a requested savepoint's FlinkStateSnapshot: the retries after the first attempt. */
    public int snapshotBackoffLimit() {
        return Math.max(0, savepointAttempts - 1);
    }

    /** The Savepoints that become FlinkStateSnapshots: on the snapshot route, each one whose time is valid. */
    public List<Savepoint> snapshots() {
        if (route != Route.SNAPSHOTS) return List.of();
        return savepoints.stream().filter(s -> s.requestedAt().isPresent()).toList();
    }
}
