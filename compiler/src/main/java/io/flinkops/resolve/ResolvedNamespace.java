package io.flinkops.resolve;

import io.flinkops.load.NamespaceDocuments;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.DeploymentTargetSpec;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.model.SessionClusterSpec;

import java.util.Optional;
import java.util.SortedMap;

/** One flinkops namespace after resolution; maps are keyed by resource name. */
public record ResolvedNamespace(
        String name,
        NamespaceDocuments documents,
        Optional<Resolved<NamespaceSpec>> namespace,
        SortedMap<String, Resolved<DeploymentSpec>> deployments,
        SortedMap<String, Resolved<DeploymentTargetSpec>> targets,
        SortedMap<String, Resolved<SessionClusterSpec>> sessionClusters) {

    public NamespaceSpec namespaceSpec() {
        return namespace.map(Resolved::spec).orElse(NamespaceSpec.EMPTY);
    }
}
