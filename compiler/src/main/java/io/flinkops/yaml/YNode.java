package io.flinkops.yaml;

import io.flinkops.diag.Location;

/**
 * A YAML value that remembers where it was written. The tree is immutable; the resolve stage builds
 * merged trees whose nodes keep the location of the file that supplied each value (provenance).
 */
public sealed interface YNode permits YMap, YSeq, YScalar {

    Location location();

    /** The node at a JSON pointer below this one, or null. */
    default YNode at(String pointer) {
        return JsonPointers.find(this, pointer);
    }

    default boolean isNull() {
        return this instanceof YScalar s && s.type() == YScalar.Type.NULL;
    }
}
