package io.flinkops.render;

import java.util.Optional;

/**
 * What rendering needs besides the resolved repo.
 *
 * @param sourceCommit the commit the config repo was read from (HEAD for the working tree), if any; it
 *                     goes into an annotation so every object can be traced to its source
 * @param cluster      render only this cluster, or all when empty
 */
public record RenderContext(Optional<String> sourceCommit, Optional<String> cluster) {

    public boolean includes(String clusterName) {
        return cluster.isEmpty() || cluster.get().equals(clusterName);
    }
}
