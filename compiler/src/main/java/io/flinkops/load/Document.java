package io.flinkops.load;

import io.flinkops.diag.Location;
import io.flinkops.model.Kind;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;

/**
 * One document of the config repo, classified.
 *
 * @param namespace the flinkops namespace (the folder under namespaces/), or "" for repo-wide kinds
 * @param name      {@code metadata.name}, or "" when it is missing (the schema reports that)
 */
public record Document(Kind kind, String file, int index, String namespace, String name, YMap root) {

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

    /** "payments/orders-enrichment" or the kind for repo-wide documents. */
    public String qualifiedName() {
        return namespace.isEmpty() ? kind.kindName() : namespace + "/" + name;
    }
}
