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
}
