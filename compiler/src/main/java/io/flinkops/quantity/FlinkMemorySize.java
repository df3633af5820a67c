package io.flinkops.quantity;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Flink's {@code MemorySize} syntax, as {@code org.apache.flink.configuration.MemorySize.parseBytes} reads it:
 * a whole, non-negative decimal number, optional whitespace, and an optional case-insensitive unit
 * ({@code b}/{@code bytes}, {@code k}/{@code kb}/{@code kibibytes}, {@code m}/{@code mb}/{@code mebibytes},
 * {@code g}/{@code gb}/{@code gibibytes}, {@code t}/{@code tb}/{@code tebibytes}). Every unit is binary
 * ({@code 1k} = 1024 bytes); no unit means bytes. Leading and trailing whitespace is ignored.
 */
public final class FlinkMemorySize {

    /** Flink's memory units, smallest first. */
    public enum Unit {
        BYTES(1L, "b", "bytes"),
        KIBIBYTES(1L << 10, "k", "kb", "kibibytes"),
        MEBIBYTES(1L << 20, "m", "mb", "mebibytes"),
        GIBIBYTES(1L << 30, "g", "gb", "gibibytes"),
        TEBIBYTES(1L << 40, "t", "tb", "tebibytes");

        private final long multiplier;
        private final List<String> names;

        Unit(long multiplier, String... names) {
            this.multiplier = multiplier;
            this.names = List.of(names);
        }

        public long multiplier() {
            return multiplier;
        }

        /** The unit's names, shortest first ({@code m}, {@code mb}, {@code mebibytes}). */
        public List<String> names() {
            return names;
        }

        /** The unit whose name is {@code name} (case-insensitive). */
        public static Optional<Unit> byName(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            for (Unit u : values()) {
                if (u.names.contains(n)) return Optional.of(u);
            }
            return Optional.empty();
        }
    }

    /** The outcome of parsing: the byte count, or why the text is not a Flink memory size. */
    public record Result(long bytes, Unit unit, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private FlinkMemorySize() {
    }

    public static Result parse(String text) {
        if (text == null) return failure("no value");
        String trimmed = text.trim();
        if (trimmed.isEmpty()) return failure("the value is empty");
        int pos = 0;
        while (pos < trimmed.length() && trimmed.charAt(pos) >= '0' && trimmed.charAt(pos) <= '9') pos++;
        String number = trimmed.substring(0, pos);
        String unitText = trimmed.substring(pos).trim();
        if (number.isEmpty()) return failure("it does not start with a number");
        long value;
        try {
            value = Long.parseLong(number);
        } catch (NumberFormatException e) {
            return failure("the number is too large");
        }
        Unit unit = Unit.BYTES;
        if (!unitText.isEmpty()) {
            Optional<Unit> u = Unit.byName(unitText);
            if (u.isEmpty()) return failure("`" + unitText + "` is not a Flink memory unit");
            unit = u.get();
        }
        long bytes = value * unit.multiplier();
        if (value != 0 && bytes / unit.multiplier() != value) return failure("the number is too large");
        return new Result(bytes, unitText.isEmpty() ? null : unit, null);
    }

    /** Whether {@code text} is a Flink memory size. */
    public static boolean parses(String text) {
        return parse(text).ok();
    }

    /**
     * The shortest exact Flink spelling of {@code bytes} that Kubernetes does not also read (so never
     * {@code k}, {@code m}): {@code 2g}, {@code 1536mb}, {@code 500kb}, {@code 100b}.
     */
    public static String format(long bytes) {
        if (bytes == 0) return "0b";
        if (bytes % Unit.TEBIBYTES.multiplier() == 0) return bytes / Unit.TEBIBYTES.multiplier() + "t";
        if (bytes % Unit.GIBIBYTES.multiplier() == 0) return bytes / Unit.GIBIBYTES.multiplier() + "g";
        if (bytes % Unit.MEBIBYTES.multiplier() == 0) return bytes / Unit.MEBIBYTES.multiplier() + "mb";
        if (bytes % Unit.KIBIBYTES.multiplier() == 0) return bytes / Unit.KIBIBYTES.multiplier() + "kb";
        return bytes + "b";
    }

    private static Result failure(String why) {
        return new Result(0, null, why);
    }
}
