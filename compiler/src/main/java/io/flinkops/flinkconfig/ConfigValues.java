package io.flinkops.flinkconfig;

import java.util.Optional;
import java.util.regex.Pattern;

/** How flinkops reads the text of a Flink configuration value: the one integer parser, and values filled in later. */
public final class ConfigValues {
    /** A part of a value filled in later: any {@code ${…}} or {@code {{…}}}, well-formed or not (for masking it out). */
    public static final Pattern DEFERRED_PART = Pattern.compile("\\$\\{[^}]*}|\\{\\{[^}]*}}");

    private ConfigValues() {
    }

    /** The value as an int, surrounding blanks allowed (as Flink trims); empty when it is not one. */
    public static Optional<Integer> integer(String value) {
        if (value == null) return Optional.empty();
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The value as an int of 1 or more; empty otherwise. */
    public static Optional<Integer> positiveInt(String value) {
        return integer(value).filter(n -> n >= 1);
    }

    /**
     * A value that is filled in after flinkops reads it: a {@code ${NAME}} reference (in the pods, at start) or a
     * {@code {{ name }}} placeholder (at render time). Its final text is not known here, so it is not checked.
     */
    public static boolean isDeferred(String value) {
        return value != null && (value.contains("${") || value.contains("{{"));
    }

    /** True for {@code true} in any case, with blanks around it, as Flink reads booleans. */
    public static boolean isTrue(String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }

    /** True for {@code false} in any case, with blanks around it, as Flink reads booleans. */
    public static boolean isFalse(String value) {
        return value != null && value.strip().equalsIgnoreCase("false");
    }

    /**
     * The value as a double, as Flink reads a double option ({@code Double.parseDouble} of the trimmed text, so
     * {@code 1e-1}, {@code .5} and {@code Infinity} are numbers); empty when it is not one. {@code NaN} is not a
     * number here: Flink reads it, but it passes every range check and means nothing.
     */
    public static Optional<Double> decimal(String value) {
        if (value == null) return Optional.empty();
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isNaN(d) ? Optional.empty() : Optional.of(d);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
