package io.flinkops.flinkconfig;

import java.util.List;

/**
 * One Flink option under every name Flink has accepted for it, current name first, and what a valid value is.
 * Declaring an option with a {@link ValueKind} other than {@link ValueKind#TEXT} in {@link FlinkOptions} is all it
 * takes to have its values checked (FO505).
 *
 * @param names       current name first, then the deprecated names Flink still reads
 * @param kind        what a valid value is
 * @param invalidHint what to write instead of an invalid value (for {@link ValueKind#TEXT}: unused)
 */
public record FlinkOption(List<String> names, ValueKind kind, String invalidHint) {

    /** What the value of an option must be. */
    public enum ValueKind {
        /** Anything; flinkops does not check the value. */
        TEXT("any text"),
        /** A whole number of 1 or more. */
        POSITIVE_INT("a positive integer");

        private final String description;

        ValueKind(String description) {
            this.description = description;
        }

        /** What a valid value is, for messages: "a positive integer". */
        public String description() {
            return description;
        }
    }

    public FlinkOption {
        names = List.copyOf(names);
        if (names.isEmpty()) throw new IllegalArgumentException("an option needs a name");
    }

    /** An option whose value flinkops does not check. */
    public static FlinkOption of(String... names) {
        return new FlinkOption(List.of(names), ValueKind.TEXT, "");
    }

    public String current() {
        return names.get(0);
    }

    /** The deprecated names, oldest last. */
    public List<String> deprecatedNames() {
        return names.subList(1, names.size());
    }

    /** Whether {@code value} is valid for this option; a value filled in later ({@code ${…}}, {@code {{…}}}) is. */
    public boolean accepts(String value) {
        if (ConfigValues.isDeferred(value)) return true;
        return switch (kind) {
            case TEXT -> true;
            case POSITIVE_INT -> ConfigValues.positiveInt(value).isPresent();
        };
    }
}
