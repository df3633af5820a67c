package io.flinkops.load;

import io.flinkops.diag.Location;
import io.flinkops.model.FieldPath;
import io.flinkops.model.Kind;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;

/**
 * One document of the config repo, classified.
 *
 * @param namespace the flinkops namespace (the folder under namespaces/), or "" for repo-wide kinds
 * @param name      {@code metadata.name}, or "" when it is missing (the schema reports that)
 */
public record Document(Kind kind, String file, int index, String namespace, String name, YMap root) {

    /** The same document with another tree, e.g. as the schema stage read it (see {@code SchemaOutcome}). */
    public Document withRoot(YMap other) {
        return new Document(kind, file, index, namespace, name, other);
    }

    /** The document's {@code spec}, or an empty mapping located at the document. */
    public YMap spec() {
        return root.map("spec").orElseGet(() -> new YMap(java.util.Map.of(), root.location()));
    }

    /** Where to report a problem with the value at {@code pointer} (see {@link JsonPointers#locate}). */
    public Location locate(String pointer) {
        return JsonPointers.locate(root, pointer);
    }

    public Location locateKey(String pointer) {
        return JsonPointers.locateKey(root, pointer);
    }

    /** Where to report a problem with the value at {@code path} of the document as written. */
    public Location locate(FieldPath path) {
        return JsonPointers.locate(root, path.tokens(), false);
    }

    /** Where to report a problem with the key that {@code path} ends in, in the document as written. */
    public Location locateKey(FieldPath path) {
        return JsonPointers.locate(root, path.tokens(), true);
    }

    /** The value at {@code path} of the document as written (not merged with defaults), or null. */
    public YNode at(FieldPath path) {
        return JsonPointers.find(root, path.tokens());
    }

    /** "payments/orders-enrichment" or the kind for repo-wide documents. */
    public String qualifiedName() {
        return namespace.isEmpty() ? kind.kindName() : namespace + "/" + name;
    }
}
