package io.flinkops.load;

import java.util.Optional;
import java.util.SortedMap;

/** The documents of one flinkops namespace (one folder under namespaces/), by kind and name. */
public record NamespaceDocuments(
        String name,
        Optional<Document> namespace,
        Optional<Document> defaults,
        SortedMap<String, Document> deployments,
        SortedMap<String, Document> targets,
        SortedMap<String, Document> sessionClusters,
        SortedMap<String, Document> savepoints) {

    public NamespaceDocuments {
        deployments = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(deployments));
        targets = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(targets));
        sessionClusters = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(sessionClusters));
        savepoints = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(savepoints));
    }
}
