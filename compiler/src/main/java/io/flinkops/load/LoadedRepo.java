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

    /** The same repo with every document replaced by {@code f}'s result (each document is mapped once). */
    public LoadedRepo map(java.util.function.UnaryOperator<Document> f) {
        java.util.Map<Document, Document> mapped = new java.util.IdentityHashMap<>();
        java.util.function.UnaryOperator<Document> once = d -> mapped.computeIfAbsent(d, f);
        java.util.SortedMap<String, NamespaceDocuments> ns = new java.util.TreeMap<>();
        namespaces.forEach((name, n) -> ns.put(name, new NamespaceDocuments(n.name(), n.namespace().map(once), n.defaults().map(once),
                mapValues(n.deployments(), once), mapValues(n.targets(), once), mapValues(n.sessionClusters(), once),
                mapValues(n.savepoints(), once))));
        return new LoadedRepo(source, documents.stream().map(once).toList(), repository.map(once), globalDefaults.map(once), ns);
    }

    private static java.util.SortedMap<String, Document> mapValues(java.util.SortedMap<String, Document> in, java.util.function.UnaryOperator<Document> f) {
        java.util.SortedMap<String, Document> out = new java.util.TreeMap<>();
        in.forEach((k, v) -> out.put(k, f.apply(v)));
        return out;
    }
}
