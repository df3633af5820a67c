package io.flinkops.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.Kind;

/**
 * A document of the config repo an import writes.
 *
 * @param namespace the flinkops (VVP) namespace; "" for the global defaults
 * @param content   the whole document (apiVersion, kind, metadata, spec), in the order it is written; lifting
 *                  settings into a namespace's defaults changes a Deployment's content
 * @param origin    the input it came from
 * @param comment   the comment line written above it (without {@code #})
 */
record RepoDocument(Kind kind, String namespace, String name, ObjectNode content, Origin origin, String comment) {

    ObjectNode spec() {
        return content.withObjectProperty("spec");
    }
}
