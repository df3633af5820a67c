package io.flinkops.resolve;

import io.flinkops.diag.Location;
import io.flinkops.load.Document;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;

/**
 * A document after the resolve stage.
 *
 * @param effective the document with defaults merged into its spec; every node keeps the location of the
 *                  file that supplied it, so a rule reports a defaulted value where it was written
 * @param spec      the typed view of the effective spec, or null when the document failed its schema
 *                  (rules that need types skip it; its schema errors are already reported)
 */
public record Resolved<T>(Document document, YMap effective, T spec) {

    public boolean isTyped() {
        return spec != null;
    }

    public String name() {
        return document.name();
    }

    public String namespace() {
        return document.namespace();
    }

    public YNode at(String pointer) {
        return effective.at(pointer);
    }

    /** Where the value at {@code pointer} was written (in the document or in a defaults file). */
    public Location locate(String pointer) {
        return JsonPointers.locate(effective, pointer);
    }

    /** The text of the scalar at {@code pointer} as written ({@code 0.05}, not a parsed number), if there is one. */
    public java.util.Optional<String> scalarText(String pointer) {
        return effective.at(pointer) instanceof io.flinkops.yaml.YScalar s ? java.util.Optional.of(s.text()) : java.util.Optional.empty();
    }

    public Location locateKey(String pointer) {
        return JsonPointers.locateKey(effective, pointer);
    }
}
