package io.flinkops.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to import, and where.
 *
 * @param inputs          files and folders to read
 * @param out             the config repo to write: a new one, or an existing one to add to
 * @param namespace       the flinkops (VVP) namespace to import everything into; without it a VVP document's
 *                        {@code metadata.namespace} decides, and for an operator manifest its Kubernetes namespace
 * @param targetNamespace the Kubernetes namespace of operator manifests without {@code metadata.namespace}
 * @param kind            the kind of VVP documents that carry none (REST responses), instead of guessing by shape
 * @param force           overwrite files of an existing repo
 */
public record ImportOptions(List<Path> inputs, Path out, Optional<String> namespace, String targetNamespace, Optional<String> kind,
                            boolean force) {
    public static final String DEFAULT_NAMESPACE = "default";

    public ImportOptions {
        inputs = List.copyOf(inputs);
    }
}
