package io.flinkops.schema;

import io.flinkops.yaml.YScalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * VVP's lenient reading of scalars, which published VVP documents rely on. VVP reads its resources with Jackson, which
 * accepts an enum value in any case ({@code kind: jar}), coerces a number written as a string ({@code cpu: "1"}) and a
 * scalar where a string is expected ({@code buildIn: true}, an unquoted {@code flinkVersion: 1.16}). flinkops reads
 * them the same way, with a warning that says how to write the value canonically.
 *
 * <p>Not lenient where the value would change on the way: an unquoted {@code 1.20} is the number 1.2 to YAML and to
 * VVP, {@code yes} is {@code true}, {@code 010} is 8. Those stay errors, because what VVP would run is not what the
 * author wrote.
 */
final class LenientReading {
    private static final Pattern PLAIN_INTEGER = Pattern.compile("[+-]?(0|[1-9][0-9]*)");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private LenientReading() {
    }

    /** A scalar read leniently: the canonical value, and the words for the warning. */
    record Reading(YScalar canonical, String message, String hint) {
    }

    /**
     * The lenient reading of {@code value} for a field that expects one of {@code types}, or empty when VVP would not
     * read it either (or would read something else than what is written).
     *
     * @param field the field as a reader sees it, e.g. "`spec.flinkVersion`"
     * @param key   the field's key, for the hint ("" for a list item)
     */
    static Optional<Reading> ofType(String field, String key, YScalar value, List<String> types) {
        String written = value.text();
        if (types.contains("string") && !value.isString() && value.type() != YScalar.Type.NULL) {
            String read = jacksonText(value);
            if (read == null || !read.equals(written)) return Optional.empty();
            return Optional.of(new Reading(YScalar.string(written, value.location()),
                    field + " is " + article(value) + " in YAML; VVP reads it as the string \"" + written + "\", and so does flinkops.",
                    "Quote it: `" + assignment(key, "\"" + written + "\"") + "`. Unquoted, a value such as `1.20` becomes the number 1.2."));
        }
        if (!value.isString()) return Optional.empty();
        String text = written.strip();
        if (types.contains("integer") && PLAIN_INTEGER.matcher(text).matches()) {
            return Optional.of(numberReading(field, key, value, text, YScalar.Type.INT));
        }
        if (types.contains("number") && PLAIN_DECIMAL.matcher(text).matches()) {
            return Optional.of(numberReading(field, key, value, text, text.matches("[+-]?[0-9]+") ? YScalar.Type.INT : YScalar.Type.FLOAT));
        }
        if (types.contains("boolean") && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            String canonical = text.toLowerCase(Locale.ROOT);
            return Optional.of(new Reading(new YScalar(canonical, YScalar.Type.BOOL, value.location()),
                    field + " is the string \"" + written + "\"; VVP reads it as the boolean " + canonical + ", and so does flinkops.",
                    "Remove the quotes: `" + assignment(key, canonical) + "`."));
        }
        return Optional.empty();
    }

    /** The allowed value that {@code value} names in another case ({@code jar} for {@code JAR}), if exactly one does. */
    static Optional<Reading> ofEnum(String field, String key, YScalar value, List<String> allowed) {
        String written = value.isString() ? value.text() : jacksonText(value);
        if (written == null || !written.equals(value.text())) return Optional.empty();
        List<String> matches = allowed.stream().filter(a -> a.equalsIgnoreCase(written)).toList();
        if (matches.size() != 1) return Optional.empty();
        String canonical = matches.get(0);
        String message = canonical.equals(written)
                ? field + " is " + article(value) + " in YAML; VVP reads it as the string \"" + written + "\", and so does flinkops."
                : field + " is `" + written + "`; VVP reads enum values in any case, so it means `" + canonical + "`.";
        String hint = canonical.equals(written)
                ? "Quote it: `" + assignment(key, "\"" + written + "\"") + "`."
                : "Write `" + assignment(key, canonical) + "`, as VVP's API returns it.";
        return Optional.of(new Reading(YScalar.string(canonical, value.location()), message, hint));
    }

    /**
     * How Jackson (and so VVP) turns a YAML scalar that is not a string into text, or null when it cannot: an integer
     * in decimal, a float as Java prints a double, a boolean as true/false.
     */
    static String jacksonText(YScalar value) {
        String t = value.text();
        try {
            return switch (value.type()) {
                case INT -> PLAIN_INTEGER.matcher(t).matches() ? new BigInteger(t.startsWith("+") ? t.substring(1) : t).toString() : null;
                case FLOAT -> PLAIN_DECIMAL.matcher(t).matches() ? Double.toString(new BigDecimal(t).doubleValue()) : null;
                // YAML 1.1 booleans, as the reader resolves them: yes/on/y are true, no/off/n false.
                case BOOL -> Set.of("true", "yes", "on", "y").contains(t.toLowerCase(Locale.ROOT)) ? "true" : "false";
                case STRING -> t;
                case NULL -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Reading numberReading(String field, String key, YScalar value, String text, YScalar.Type type) {
        return new Reading(new YScalar(text, type, value.location()),
                field + " is the string \"" + value.text() + "\"; VVP reads it as the number " + text + ", and so does flinkops.",
                "Remove the quotes: `" + assignment(key, text) + "`.");
    }

    private static String article(YScalar value) {
        return switch (value.type()) {
            case INT -> "an integer";
            case FLOAT -> "a number";
            case BOOL -> "a boolean";
            default -> "a string";
        };
    }

    private static String assignment(String key, String value) {
        return key.isEmpty() ? value : key + ": " + value;
    }
}
