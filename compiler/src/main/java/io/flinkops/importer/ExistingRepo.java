package io.flinkops.importer;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.load.Document;
import io.flinkops.load.Loader;
import io.flinkops.load.NamespaceDocuments;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.source.SourceException;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import io.flinkops.yaml.YMap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The config repo an import adds to, when {@code --out} already holds one (a {@code flinkops.yaml}): its files, its
 * namespaces and what they hold, so the import reuses its DeploymentTargets and never writes a second resource of a
 * name it has.
 */
final class ExistingRepo {
    static final ExistingRepo NONE = new ExistingRepo(null, Set.of(), Map.of(), "1.15");

    private final SourceTree tree;
    private final Set<String> files;
    private final Map<String, NamespaceDocuments> namespaces;
    private final String operatorVersion;

    private ExistingRepo(SourceTree tree, Set<String> files, Map<String, NamespaceDocuments> namespaces, String operatorVersion) {
        this.tree = tree;
        this.files = files;
        this.namespaces = namespaces;
        this.operatorVersion = operatorVersion;
    }

    /** The repo at {@code dir}, or {@link #NONE} when there is none (no directory, or no flinkops.yaml in it). */
    static ExistingRepo open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(Loader.REPOSITORY_FILE))) return NONE;
        SourceTree tree;
        try {
            tree = Sources.workingTree(dir);
        } catch (SourceException e) {
            return NONE;
        }
        Compilation compilation = new Compiler().compile(tree);
        Map<String, NamespaceDocuments> namespaces = new TreeMap<>();
        for (Map.Entry<String, ResolvedNamespace> e : compilation.repo().namespaces().entrySet()) {
            namespaces.put(e.getKey(), e.getValue().documents());
        }
        Set<String> files = tree.entries().stream().map(SourceTree.Entry::path).collect(Collectors.toCollection(TreeSet::new));
        return new ExistingRepo(tree, files, namespaces, compilation.repo().settings().operatorVersion());
    }

    boolean exists() {
        return tree != null;
    }

    /** The repo's files, or null for a new repo. */
    SourceTree tree() {
        return tree;
    }

    boolean hasFile(String path) {
        return files.contains(path);
    }

    String operatorVersion() {
        return operatorVersion;
    }

    /** Whether the namespace has any file in the repo (then nothing is lifted into defaults it would share). */
    boolean hasNamespace(String namespace) {
        String prefix = Loader.NAMESPACES_DIR + namespace + "/";
        return files.stream().anyMatch(f -> f.startsWith(prefix));
    }

    /** The existing document of {@code kindName} and {@code name} in {@code namespace}, if any. */
    Optional<Document> document(String namespace, io.flinkops.model.Kind kind, String name) {
        NamespaceDocuments docs = namespaces.get(namespace);
        if (docs == null) return Optional.empty();
        return Optional.ofNullable(switch (kind) {
            case DEPLOYMENT -> docs.deployments().get(name);
            case DEPLOYMENT_TARGET -> docs.targets().get(name);
            case SESSION_CLUSTER -> docs.sessionClusters().get(name);
            case DEPLOYMENT_DEFAULTS -> docs.defaults().orElse(null);
            case NAMESPACE -> docs.namespace().orElse(null);
            default -> null;
        });
    }

    /** The namespace's DeploymentTargets: name → Kubernetes namespace. */
    SortedMap<String, String> targets(String namespace) {
        SortedMap<String, String> out = new TreeMap<>();
        NamespaceDocuments docs = namespaces.get(namespace);
        if (docs == null) return out;
        docs.targets().forEach((name, d) -> {
            YMap spec = d.spec();
            String k8s = spec == null ? null : spec.map("kubernetes").flatMap(k -> k.text("namespace")).orElse(null);
            if (k8s != null) out.put(name, k8s);
        });
        return out;
    }
}
