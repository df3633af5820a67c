package io.flinkops.render;

import java.util.Optional;

/**
 * What rendering needs besides the resolved repo. Deliberately not the commit: the output depends only on the inputs,
 * so two commits that leave a deployment's inputs alone render it to the same bytes, and a GitOps tool syncing the
 * output sees no change (docs/gitops.md). The agent adds the commit when it applies ({@link Ownership#withSourceCommit}).
 *
 * @param cluster render only this cluster, or all when empty
 */
public record RenderContext(Optional<String> cluster) {

    public boolean includes(String clusterName) {
        return cluster.isEmpty() || cluster.get().equals(clusterName);
    }
}
