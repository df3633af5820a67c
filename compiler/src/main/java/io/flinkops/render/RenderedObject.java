package io.flinkops.render;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Kubernetes object to apply on one cluster, as a JSON tree (the emit stage writes it as YAML).
 *
 * @param cluster    the Repository cluster whose agent applies it
 * @param namespace  the Kubernetes namespace ({@code metadata.namespace}); every object flinkops emits is namespaced
 * @param content    the whole object: apiVersion, kind, metadata, spec/data…
 * @param sourceFile the config-repo file it was rendered from (for messages), or "" for derived objects
 */
public record RenderedObject(String cluster, String apiVersion, String kind, String namespace, String name,
                             ObjectNode content, String sourceFile) {

    /** Sort order of emitted objects and of the files they are written to. */
    public static final java.util.Comparator<RenderedObject> ORDER = java.util.Comparator
            .comparing(RenderedObject::cluster)
            .thenComparing(RenderedObject::namespace)
            .thenComparing(RenderedObject::kind)
            .thenComparing(RenderedObject::name);
}
