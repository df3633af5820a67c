package io.flinkops.importer;

import io.flinkops.yaml.YMap;

/**
 * One document of the input: a YAML or JSON document, or one item of an {@code items} list.
 *
 * @param file     the input file, as the user named it (forward slashes)
 * @param index    0-based position in the file (documents, then list items in their order)
 * @param root     the document
 * @param listKind the kind the list it came from names for its items ({@code Deployment} for a
 *                 {@code DeploymentList}), or null
 */
public record InputDocument(String file, int index, YMap root, String listKind) {

    /** The line the document (its first key) starts at. */
    public int line() {
        return root.location().line();
    }
}
