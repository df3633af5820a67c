package io.flinkops.quantity;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Flink duration as Flink's {@code TimeUtils.parseDuration} reads it: a whole number and an optional unit, with or
 * without a space ({@code 30 s}, {@code 5min}, {@code 1h}); no unit means milliseconds.
 */
public final class FlinkDuration {
    private static final Map<String, ChronoUnit> UNITS = Map.ofEntries(
            Map.entry("d", ChronoUnit.DAYS), Map.entry("day", ChronoUnit.DAYS), Map.entry("days", ChronoUnit.DAYS),
            Map.entry("h", ChronoUnit.HOURS), Map.entry("hour", ChronoUnit.HOURS), Map.entry("hours", ChronoUnit.HOURS),
            Map.entry("m", ChronoUnit.MINUTES), Map.entry("min", ChronoUnit.MINUTES), Map.entry("mins", ChronoUnit.MINUTES),
            Map.entry("minute", ChronoUnit.MINUTES), Map.entry("minutes", ChronoUnit.MINUTES),
            Map.entry("s", ChronoUnit.SECONDS), Map.entry("sec", ChronoUnit.SECONDS), Map.entry("secs", ChronoUnit.SECONDS),
            Map.entry("second", ChronoUnit.SECONDS), Map.entry("seconds", ChronoUnit.SECONDS),
            Map.entry("ms", ChronoUnit.MILLIS), Map.entry("milli", ChronoUnit.MILLIS), Map.entry("millis", ChronoUnit.MILLIS),
            Map.entry("millisecond", ChronoUnit.MILLIS), Map.entry("milliseconds", ChronoUnit.MILLIS),
            Map.entry("µs", ChronoUnit.MICROS), Map.entry("micro", ChronoUnit.MICROS), Map.entry("micros", ChronoUnit.MICROS),
            Map.entry("microsecond", ChronoUnit.MICROS), Map.entry("microseconds", ChronoUnit.MICROS),
            Map.entry("ns", ChronoUnit.NANOS), Map.entry("nano", ChronoUnit.NANOS), Map.entry("nanos", ChronoUnit.NANOS),
            Map.entry("nanosecond", ChronoUnit.NANOS), Map.entry("nanoseconds", ChronoUnit.NANOS));

    private FlinkDuration() {
    }

    /** The duration, or empty when {@code text} is not one Flink would read. */
    public static Optional<Duration> parse(String text) {
        if (text == null) return Optional.empty();
        String trimmed = text.trim();
        int pos = 0;
        while (pos < trimmed.length() && Character.isDigit(trimmed.charAt(pos))) pos++;
        if (pos == 0) return Optional.empty();
        String unitText = trimmed.substring(pos).trim().toLowerCase(Locale.ROOT);
        ChronoUnit unit = unitText.isEmpty() ? ChronoUnit.MILLIS : UNITS.get(unitText);
        if (unit == null) return Optional.empty();
        try {
            return Optional.of(Duration.of(Long.parseLong(trimmed.substring(0, pos)), unit));
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
