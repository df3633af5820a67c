package io.flinkops.resolve;

import io.flinkops.load.LoadedRepo;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkConfiguration;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.model.RepositorySpec;

import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;

/** The output of the resolve stage: every document typed, deployments with their defaults merged in. */
public record ResolvedRepo(
        LoadedRepo loaded,
        Optional<Resolved<RepositorySpec>> repository,
        SortedMap<String, ResolvedNamespace> namespaces) {

    /** The repository settings, or the built-in defaults when flinkops.yaml is missing or invalid. */
    public RepositorySpec settings() {
        return repository.map(Resolved::spec).orElse(RepositorySpec.EMPTY);
    }

    /**
     * The Flink configuration a Deployment's job runs with: its own in application mode; in session mode
     * the session cluster's, overlaid by the job's (job keys win, as in VVP and the operator).
     */
    public FlinkConfiguration effectiveFlinkConfiguration(Resolved<DeploymentSpec> deployment) {
        DeploymentSpec spec = deployment.spec();
        if (spec == null) return new FlinkConfiguration(java.util.Map.of());
        java.util.Map<String, String> own = spec.templateSpec().flinkConfigurationOrEmpty();
        if (spec.sessionClusterName() != null) {
            ResolvedNamespace ns = namespaces.get(deployment.namespace());
            Resolved<SessionClusterSpec> cluster = ns == null ? null : ns.sessionClusters().get(spec.sessionClusterName());
            if (cluster != null && cluster.spec() != null) {
                return new FlinkConfiguration(cluster.spec().flinkConfigurationOrEmpty()).overlay(own);
            }
        }
        return new FlinkConfiguration(own);
    }

    public Stream<Resolved<DeploymentSpec>> deployments() {
        return namespaces.values().stream().flatMap(n -> n.deployments().values().stream());
    }
}
