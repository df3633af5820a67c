package io.flinkops.plan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The times that name a day-2 operation (a Savepoint's {@code createdAt}, {@code flinkops.io/restart}): RFC 3339 with a
 * zone, as Kubernetes and VVP write them ({@code 2026-12-04T21:50:00Z}, {@code 2026-12-04T22:50:00+01:00}, fractions of
 * a second allowed). The operator sees them as nonces in epoch seconds, so only the second counts.
 */
public final class OperationTimes {
    /** An example for messages. */
    public static final String EXAMPLE = "2026-12-04T21:50:00Z";

    private OperationTimes() {
    }

    /** The instant {@code text} names, when it is RFC 3339 with a zone. */
    public static Optional<Instant> parse(String text) {
        if (text == null) return Optional.empty();
        // RFC 3339 allows a lower-case t and z; java.time wants them upper-case.
        String normalized = text.trim().toUpperCase(Locale.ROOT);
        try {
            return Optional.of(OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
