package io.flinkops.resolve;

import io.flinkops.diag.Location;
import io.flinkops.load.Document;
import io.flinkops.model.FieldPath;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;

import java.util.Optional;

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

    /** The effective value at {@code path}, or null. */
    public YNode at(FieldPath path) {
        return JsonPointers.find(effective, path.tokens());
    }

    /** Where the value at {@code path} was written (in the document or in a defaults file). */
    public Location locate(FieldPath path) {
        return JsonPointers.locate(effective, path.tokens(), false);
    }

    /** Where the key that {@code path} ends in was written (an unwanted or unknown key). */
    public Location locateKey(FieldPath path) {
        return JsonPointers.locate(effective, path.tokens(), true);
    }

    /** The text of the scalar at {@code path} as written ({@code 0.05}, not a parsed number), if there is one. */
    public Optional<String> scalarText(FieldPath path) {
        return at(path) instanceof YScalar s ? Optional.of(s.text()) : Optional.empty();
    }
}
