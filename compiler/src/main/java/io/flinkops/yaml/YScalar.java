package io.flinkops.yaml;

import io.flinkops.diag.Location;

/**
 * A scalar with its raw text as written (so {@code 1.10} stays {@code 1.10}) and the type YAML resolved
 * it to. Quoted scalars are always strings.
 */
public record YScalar(String text, Type type, Location location) implements YNode {

    public enum Type { STRING, INT, FLOAT, BOOL, NULL }

    public static YScalar string(String text, Location at) {
        return new YScalar(text, Type.STRING, at);
    }

    public boolean isString() {
        return type == Type.STRING;
    }

    /**
     * What an alias ({@code *name}) is read as: an absent value (type NULL) whose text is {@code *name}.
     * The alias itself is reported by the reader; later stages use {@link #isAliasPlaceholder()} to avoid
     * reporting the missing value a second time.
     */
    public static YScalar aliasPlaceholder(String aliasName, Location at) {
        return new YScalar("*" + aliasName, Type.NULL, at);
    }

    public boolean isAliasPlaceholder() {
        return type == Type.NULL && text.startsWith("*");
    }
}
