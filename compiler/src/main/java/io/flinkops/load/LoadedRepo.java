package io.flinkops.load;

import io.flinkops.source.SourceTree;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/** The classified documents of a config repo, the output of the load stage. */
public record LoadedRepo(
        SourceTree source,
        List<Document> documents,
        Optional<Document> repository,
        Optional<Document> globalDefaults,
        SortedMap<String, NamespaceDocuments> namespaces) {

    public LoadedRepo {
        documents = List.copyOf(documents);
        namespaces = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(namespaces));
    }
}
