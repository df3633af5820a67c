package io.flinkops.policy;

import java.util.List;
import java.util.Optional;

/**
 * The fence of one flinkops namespace: where its DeploymentTargets may place objects and where its state may be,
 * with {@code {{ namespace }}} already filled in. An absent list does not fence (only the outer fence applies).
 *
 * @param namespace            the flinkops namespace
 * @param kubernetesNamespaces glob patterns of its Kubernetes namespaces, if fenced
 * @param kubernetesNamespacesField where the patterns are declared, e.g. {@code policy.fence.kubernetesNamespaces}
 * @param storagePrefixes      URI prefixes of its state paths, if fenced
 * @param storagePrefixesField where the prefixes are declared
 */
public record Fence(String namespace, Optional<List<String>> kubernetesNamespaces, String kubernetesNamespacesField,
                    Optional<List<String>> storagePrefixes, String storagePrefixesField) {

    public boolean allowsKubernetesNamespace(String kubernetesNamespace) {
        return kubernetesNamespaces.map(p -> Glob.anyMatches(p, kubernetesNamespace)).orElse(true);
    }

    /** Whether state at {@code location} stays inside the fence; a location that cannot be judged does not. */
    public boolean allowsStorage(String location) {
        if (storagePrefixes.isEmpty()) return true;
        Optional<StoragePath> path = StoragePath.parse(location);
        return path.isPresent() && storagePrefixes.get().stream()
                .map(StoragePath::parse).flatMap(Optional::stream).anyMatch(path.get()::isWithin);
    }
}
