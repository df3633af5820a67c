package io.flinkops.plan;

import io.flinkops.model.SavepointSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.yaml.YScalar;

import java.time.Instant;
import java.util.Optional;

/**
 * What one typed Savepoint document of a planned Deployment means (docs/day-2.md), read once by the plan stage.
 *
 * @param source      the Savepoint document
 * @param requestedAt its {@code metadata.createdAt} as an instant; empty when missing or not RFC 3339 (FO331), and then
 *                    it is rendered nowhere
 * @param location    {@code spec.savepointLocation}: present for a savepoint that exists, empty for a request
 * @param formatType  {@code spec.formatType}, CANONICAL when unset
 * @param reason      its {@code flinkops.io/reason} annotation
 */
public record Savepoint(Resolved<SavepointSpec> source, Optional<Instant> requestedAt, Optional<String> location, String formatType,
                        Optional<String> reason) {

    /** Free text on a Savepoint (and on its FlinkStateSnapshot): why it was asked for. */
    public static final String REASON_ANNOTATION = ObjectMetadata.FLINKOPS_PREFIX + "reason";

    static Savepoint of(Resolved<SavepointSpec> source) {
        SavepointSpec spec = source.spec();
        Optional<String> reason = source.document().at(SavepointSpec.ANNOTATIONS.child(REASON_ANNOTATION)) instanceof YScalar s && s.isString()
                ? Optional.of(s.text()) : Optional.empty();
        return new Savepoint(source, createdAt(source).flatMap(OperationTimes::parse),
                Optional.ofNullable(spec.savepointLocation()).map(String::trim).filter(l -> !l.isEmpty()), spec.formatTypeOrDefault(), reason);
    }

    public String name() {
        return source.name();
    }

    /** Take a savepoint now (no location). */
    public boolean isRequest() {
        return location.isEmpty();
    }

    /** {@code metadata.createdAt} as written, if it is a string. */
    public Optional<String> createdAtText() {
        return createdAt(source);
    }

    /** The operator's nonce: {@link #requestedAt} in epoch seconds. */
    public Optional<Long> nonce() {
        return requestedAt.map(Instant::getEpochSecond);
    }

    private static Optional<String> createdAt(Resolved<SavepointSpec> source) {
        return source.document().at(SavepointSpec.CREATED_AT) instanceof YScalar s && !s.isNull() ? Optional.of(s.text()) : Optional.empty();
    }
}
