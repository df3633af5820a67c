package io.flinkops.resolve;

import io.flinkops.load.NamespaceDocuments;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.DeploymentTargetSpec;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.model.SavepointSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.yaml.YScalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One flinkops namespace after resolution; maps are keyed by resource name.
 *
 * @param savepoints             every Savepoint of the namespace, typed or not
 * @param savepointsByDeployment the same Savepoints by the Deployment they name ({@code metadata.deploymentName} as
 *                               written, whether or not the namespace has that Deployment), each list in name order;
 *                               an index, so that finding a deployment's Savepoints does not scan them all
 */
public record ResolvedNamespace(
        String name,
        NamespaceDocuments documents,
        Optional<Resolved<NamespaceSpec>> namespace,
        SortedMap<String, Resolved<DeploymentSpec>> deployments,
        SortedMap<String, Resolved<DeploymentTargetSpec>> targets,
        SortedMap<String, Resolved<SessionClusterSpec>> sessionClusters,
        SortedMap<String, Resolved<SavepointSpec>> savepoints,
        Map<String, List<Resolved<SavepointSpec>>> savepointsByDeployment) {

    public ResolvedNamespace {
        savepoints = Collections.unmodifiableSortedMap(new TreeMap<>(savepoints));
        savepointsByDeployment = Map.copyOf(savepointsByDeployment);
    }

    /** A namespace's Savepoints indexed by the Deployment they name. */
    public static ResolvedNamespace of(String name, NamespaceDocuments documents, Optional<Resolved<NamespaceSpec>> namespace,
                                       SortedMap<String, Resolved<DeploymentSpec>> deployments,
                                       SortedMap<String, Resolved<DeploymentTargetSpec>> targets,
                                       SortedMap<String, Resolved<SessionClusterSpec>> sessionClusters,
                                       SortedMap<String, Resolved<SavepointSpec>> savepoints) {
        Map<String, List<Resolved<SavepointSpec>>> byDeployment = new TreeMap<>();
        for (Resolved<SavepointSpec> s : savepoints.values()) {
            deploymentNameOf(s).ifPresent(d -> byDeployment.computeIfAbsent(d, k -> new ArrayList<>()).add(s));
        }
        byDeployment.replaceAll((d, list) -> List.copyOf(list));
        return new ResolvedNamespace(name, documents, namespace, deployments, targets, sessionClusters, savepoints, byDeployment);
    }

    public NamespaceSpec namespaceSpec() {
        return namespace.map(Resolved::spec).orElse(NamespaceSpec.EMPTY);
    }

    /** The Savepoints (typed or not) whose {@code metadata.deploymentName} is {@code deployment}, in name order. */
    public List<Resolved<SavepointSpec>> savepointsOf(String deployment) {
        return savepointsByDeployment.getOrDefault(deployment, List.of());
    }

    /** The Deployment a Savepoint names, when {@code metadata.deploymentName} is a string (the schema reports anything else). */
    public static Optional<String> deploymentNameOf(Resolved<SavepointSpec> savepoint) {
        return savepoint.document().at(SavepointSpec.DEPLOYMENT_NAME) instanceof YScalar s && s.isString() && !s.text().isEmpty()
                ? Optional.of(s.text()) : Optional.empty();
    }
}
