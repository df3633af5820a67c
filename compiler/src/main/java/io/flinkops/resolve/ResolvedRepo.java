package io.flinkops.resolve;

import io.flinkops.load.LoadedRepo;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.RepositorySpec;

import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Stream;

/** The output of the resolve stage: every document typed, deployments with their defaults merged in. */
public record ResolvedRepo(
        LoadedRepo loaded,
        Optional<Resolved<RepositorySpec>> repository,
        SortedMap<String, ResolvedNamespace> namespaces,
        KnockOns knockOns) {

    /** The repository settings, or the built-in defaults when flinkops.yaml is missing or invalid. */
    public RepositorySpec settings() {
        return repository.map(Resolved::spec).orElse(RepositorySpec.EMPTY);
    }

    public Stream<Resolved<DeploymentSpec>> deployments() {
        return namespaces.values().stream().flatMap(n -> n.deployments().values().stream());
    }
}
