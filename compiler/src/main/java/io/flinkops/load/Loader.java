package io.flinkops.load;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.DocumentFields;
import io.flinkops.model.Kind;
import io.flinkops.source.SourceTree;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YSeq;
import io.flinkops.yaml.YamlDocument;
import io.flinkops.yaml.YamlLimits;
import io.flinkops.yaml.YamlReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The load stage: picks the config files out of a {@link SourceTree}, parses them and classifies each
 * document by kind and place. Problems become diagnostics; documents that cannot be classified are dropped.
 */
public final class Loader {
    public static final String REPOSITORY_FILE = "flinkops.yaml";
    public static final String GLOBAL_DEFAULTS_FILE = "global-defaults.yaml";
    public static final String NAMESPACES_DIR = "namespaces/";

    private static final List<String> KIND_NAMES = Arrays.stream(Kind.values()).map(Kind::kindName).toList();

    private final YamlLimits limits;
    private final YamlReader reader;

    public Loader(YamlLimits limits) {
        this.limits = limits;
        this.reader = new YamlReader(limits);
    }

    public Loader() {
        this(YamlLimits.DEFAULT);
    }

    /** True for the paths that hold config documents. */
    public static boolean isConfigPath(String path) {
        return path.equals(REPOSITORY_FILE) || path.equals(GLOBAL_DEFAULTS_FILE)
                || (path.startsWith(NAMESPACES_DIR) && isYaml(path));
    }

    private static boolean isYaml(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    public LoadedRepo load(SourceTree source, Diagnostics diagnostics) {
        return load(source, ns -> true, diagnostics);
    }

    /**
     * Loads the repo-wide files and the namespaces {@code namespaces} accepts; the files of the other namespace
     * folders are not even read (a pre-commit check of a few namespaces in a large repo).
     */
    public LoadedRepo load(SourceTree source, Predicate<String> namespaces, Diagnostics diagnostics) {
        List<Document> documents = new ArrayList<>();
        boolean repositoryFileReported = false;
        // Files that links in the layout point at are read through the link, so they are not "outside the layout".
        Set<String> linked = new HashSet<>();
        for (SourceTree.Entry entry : source.entries()) {
            if (entry.symlink() && isConfigPath(entry.path())) source.linkTarget(entry.path()).ifPresent(linked::add);
        }
        List<SourceTree.Entry> selected = source.entries().stream().filter(entry -> {
            String ns = namespaceOf(entry.path());
            return ns == null || ns.isEmpty() || namespaces.test(ns);
        }).toList();
        // Files are read and parsed in parallel (each into its own documents and diagnostics, so nothing is
        // shared), then taken in listing order: the result is the same as one file after the other.
        List<LoadedFile> files = selected.parallelStream().map(entry -> {
            List<Document> fileDocuments = new ArrayList<>();
            Diagnostics fileDiagnostics = new Diagnostics();
            loadFile(source, entry, linked, fileDocuments, fileDiagnostics);
            return new LoadedFile(entry.path(), fileDocuments, fileDiagnostics);
        }).toList();
        for (LoadedFile file : files) {
            documents.addAll(file.documents());
            diagnostics.addAll(file.diagnostics());
            if (file.path().equals(REPOSITORY_FILE) && file.diagnostics().hasErrors()) repositoryFileReported = true;
        }
        boolean hasRepository = documents.stream().anyMatch(d -> d.kind() == Kind.REPOSITORY);
        if (!hasRepository && !repositoryFileReported) {
            boolean exists = source.entries().stream().anyMatch(e -> e.path().equals(REPOSITORY_FILE));
            diagnostics.report(Code.MISSING_REPOSITORY, Location.ofFile(REPOSITORY_FILE), "",
                    exists ? REPOSITORY_FILE + " holds no `kind: Repository` document."
                            : "The config repo has no " + REPOSITORY_FILE + " at its root.",
                    exists ? "Add the Repository document (`flinkops init` shows one)."
                            : "Create it with `kind: Repository` (`flinkops init` writes one), or point flinkops at the repo's root directory.");
        }
        return assemble(source, documents, diagnostics);
    }

    private record LoadedFile(String path, List<Document> documents, Diagnostics diagnostics) {
    }

    private void loadFile(SourceTree source, SourceTree.Entry entry, Set<String> linked, List<Document> documents, Diagnostics diagnostics) {
        String path = entry.path();
        boolean configPath = isConfigPath(path);
        if (!configPath && !(entry.symlink() && path.startsWith(NAMESPACES_DIR) && !fileName(path).contains("."))) {
            if (isYaml(path) && !path.contains("/") && !isHidden(path) && !linked.contains(path)) {
                findOutsideLayout(source, path, diagnostics);
            }
            return;
        }
        if (entry.symlink()) {
            // A link is checked before anything else: under namespaces/, a link without an extension may
            // stand for a folder of YAML files (a namespace, say), which would otherwise be skipped silently.
            SourceTree.Content content = source.read(path, limits.maxFileBytes());
            if (content instanceof SourceTree.Refused r) {
                diagnostics.report(r.code(), Location.ofFile(path), "", r.message(), r.hint());
                return;
            }
            if (!configPath) return; // a link to a file that is not YAML
            Optional<String> crossing = crossedInto(source, path);
            if (crossing.isPresent()) {
                diagnostics.report(Code.SYMLINK_CROSSES_NAMESPACE, Location.ofFile(path), "", crossing.get(),
                        "Copy the file instead of linking to it: a file is read as part of the folder its link is in, "
                                + "and the review of a change to the linked file would not show it.");
                return;
            }
        }
        String namespace = namespaceOf(path);
        if (path.startsWith(NAMESPACES_DIR) && namespace == null) {
            diagnostics.report(Code.STRAY_FILE, Location.ofFile(path), "",
                    "`" + path + "` is not inside a namespace folder, so it is ignored.",
                    "Move it to namespaces/<namespace>/.");
            return;
        }
        SourceTree.Content content = source.read(path, limits.maxFileBytes());
        if (content instanceof SourceTree.Refused r) {
            diagnostics.report(r.code(), Location.ofFile(path), "", r.message(), r.hint());
        } else {
            byte[] bytes = ((SourceTree.Bytes) content).bytes();
            for (YamlDocument yaml : reader.read(path, bytes, diagnostics)) {
                classify(yaml, namespace, diagnostics).ifPresent(documents::add);
            }
        }
    }

    /** The namespace folder of {@code path}, or null when the file is not inside one. */
    /**
     * Why the link at {@code path} may not be read as a file of its own folder, if it may not (FO018): it leads into
     * another namespace folder, or from a repo-wide file into a namespace folder, whose members could then change what
     * is read here.
     */
    private static Optional<String> crossedInto(SourceTree source, String path) {
        Optional<String> target = source.linkTarget(path);
        if (target.isEmpty()) return Optional.empty();
        String from = namespaceOf(path);
        String to = namespaceOf(target.get());
        if (to == null || to.isEmpty() || to.equals(from)) return Optional.empty();
        return Optional.of(from == null || from.isEmpty()
                ? "Symbolic link `" + path + "` points at `" + target.get() + "` in the folder of namespace `" + to
                        + "`, whose members could then change a repo-wide file."
                : "Symbolic link `" + path + "` of namespace `" + from + "` points at `" + target.get()
                        + "`, a file of namespace `" + to + "`.");
    }

    public static String namespaceOf(String path) {
        if (!path.startsWith(NAMESPACES_DIR)) return "";
        String rest = path.substring(NAMESPACES_DIR.length());
        int slash = rest.indexOf('/');
        return slash <= 0 ? null : rest.substring(0, slash);
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Files whose name starts with a dot (.gitlab-ci.yml, .pre-commit-config.yaml) belong to other tools. */
    private static boolean isHidden(String path) {
        return path.startsWith(".") || path.contains("/.");
    }

    /**
     * A YAML file at the repo root other than flinkops.yaml and global-defaults.yaml is not read as config, but
     * a flinkops document in it (a job.yaml next to flinkops.yaml, a flinkops.yml) would silently not apply.
     * Such documents are reported; anything else in the file (other tools' YAML, even broken YAML) is none of
     * flinkops' business. Kubernetes shares {@code apiVersion: v1, kind: Namespace}, so that pair is not taken
     * as a flinkops document here. Subfolders other than namespaces/ are left alone: they hold other tools'
     * files, templates and examples.
     */
    private void findOutsideLayout(SourceTree source, String path, Diagnostics diagnostics) {
        if (!(source.read(path, limits.maxFileBytes()) instanceof SourceTree.Bytes b)) return;
        for (YamlDocument yaml : reader.read(path, b.bytes(), new Diagnostics())) {
            if (!(yaml.root() instanceof YMap map) || !"v1".equals(map.text("apiVersion").orElse(null))) continue;
            Optional<Kind> kind = map.text("kind").flatMap(Kind::byName);
            if (kind.isEmpty() || kind.get() == Kind.NAMESPACE) continue;
            Location at = map.entry("kind").map(e -> e.value().location()).orElse(map.location());
            diagnostics.report(Code.MISPLACED_DOCUMENT, at, "/kind",
                    "This " + kind.get().kindName() + " is in `" + path + "`, which flinkops does not read, so it is ignored.",
                    "Move it to " + expectedPlace(kind.get()) + ".");
        }
    }

    private Optional<Document> classify(YamlDocument yaml, String namespace, Diagnostics diagnostics) {
        String file = yaml.file();
        YNode root = yaml.root();
        if (root.isNull()) return Optional.empty(); // an empty document, e.g. a trailing `---`
        if (!(root instanceof YMap map)) {
            diagnostics.report(Code.DOCUMENT_NOT_MAPPING, root.location(), "",
                    "This document is " + (root instanceof YSeq ? "a list" : "a single value") + ", not a mapping, so it cannot be a flinkops resource.",
                    "Write the document as a mapping with `apiVersion: v1`, `kind:`, `metadata:` and `spec:`.");
            return Optional.empty();
        }
        Optional<YMap.Entry> kindEntry = map.entry("kind");
        if (kindEntry.isEmpty() || kindEntry.get().value().isNull()) {
            if (kindEntry.isPresent() && kindEntry.get().value() instanceof YScalar s && s.isAliasPlaceholder()) return Optional.empty();
            Optional<KindGuess> guess = KindGuess.of(map);
            diagnostics.report(Code.MISSING_KIND, kindEntry.map(YMap.Entry::keyLocation).orElse(map.location()), "/kind",
                    "This document has no `kind`, so flinkops cannot tell what it is"
                            + guess.map(g -> "; its " + g.evidence() + " " + (g.evidence().contains(" and ") ? "are" : "is") + " that of a " + g.kind().kindName()
                            + " (VVP's REST API leaves `kind` out of what its kind-specific endpoints return)").orElse("") + ".",
                    guess.map(g -> "Add `kind: " + g.kind().kindName() + "` (and `apiVersion: v1`).")
                            .orElse("Add `kind:` with one of " + String.join(", ", KIND_NAMES) + "."));
            return Optional.empty();
        }
        if (!(kindEntry.get().value() instanceof YScalar ks)) {
            YNode v = kindEntry.get().value();
            diagnostics.report(Code.UNKNOWN_KIND, v.location(), "/kind",
                    "`kind` is " + (v instanceof YSeq ? "a list" : "a mapping") + ", not the name of a kind.",
                    "Write one of " + String.join(", ", KIND_NAMES) + ".");
            return Optional.empty();
        }
        Optional<Kind> kind = Kind.byName(ks.text());
        if (kind.isEmpty()) {
            String suggestion = Suggestions.didYouMean(ks.text(), KIND_NAMES);
            diagnostics.report(Code.UNKNOWN_KIND, ks.location(), "/kind",
                    "`" + ks.text() + "` is not a flinkops kind.",
                    (suggestion.isEmpty() ? "" : suggestion + " ") + "Known kinds: " + String.join(", ", KIND_NAMES) + ".");
            return Optional.empty();
        }
        Kind k = kind.get();
        if (!isPlaced(k, file, namespace)) {
            diagnostics.report(Code.MISPLACED_DOCUMENT, ks.location(), "/kind",
                    "A " + k.kindName() + " does not belong in `" + file + "`.",
                    "Move it to " + expectedPlace(k, namespace) + ".");
            return Optional.empty();
        }
        YMap metadata = map.map("metadata").orElse(null);
        String name = metadata == null ? "" : metadata.text("name").orElse("");
        if (k.isNamespaced() && k != Kind.NAMESPACE && metadata != null) {
            // A Namespace has no metadata.namespace (the schema reports it as an unknown field).
            Optional<YMap.Entry> ns = metadata.entry("namespace");
            if (ns.isPresent() && ns.get().value() instanceof YScalar s && !s.isNull() && !s.text().equals(namespace)) {
                diagnostics.report(Code.NAMESPACE_MISMATCH, s.location(), DocumentFields.METADATA_NAMESPACE,
                        "`metadata.namespace` is `" + s.text() + "`, but the file is in the folder of namespace `" + namespace + "`.",
                        "Remove `metadata.namespace` (the folder decides the namespace), or move the file to namespaces/" + s.text() + "/.");
            }
        }
        if (k == Kind.NAMESPACE && !name.isEmpty() && !name.equals(namespace)) {
            diagnostics.report(Code.NAMESPACE_MISMATCH, metadata.entry("name").get().value().location(), DocumentFields.METADATA_NAME,
                    "The Namespace is named `" + name + "`, but it is in the folder namespaces/" + namespace + "/.",
                    "Name it `" + namespace + "`, or rename the folder to namespaces/" + name + "/.");
        }
        return Optional.of(new Document(k, file, yaml.index(), k.isNamespaced() ? namespace : "", name, map));
    }

    private static boolean isPlaced(Kind k, String file, String namespace) {
        return switch (k) {
            case REPOSITORY -> file.equals(REPOSITORY_FILE);
            case GLOBAL_DEPLOYMENT_DEFAULTS -> file.equals(GLOBAL_DEFAULTS_FILE);
            case NAMESPACE -> namespace != null && file.equals(NAMESPACES_DIR + namespace + "/namespace.yaml");
            case DEPLOYMENT_DEFAULTS -> namespace != null && file.equals(NAMESPACES_DIR + namespace + "/defaults.yaml");
            default -> namespace != null && !namespace.isEmpty();
        };
    }

    private static String expectedPlace(Kind k) {
        return expectedPlace(k, "");
    }

    private static String expectedPlace(Kind k, String namespace) {
        String ns = namespace == null || namespace.isEmpty() ? "<namespace>" : namespace;
        return switch (k) {
            case REPOSITORY -> REPOSITORY_FILE + " at the repo root";
            case GLOBAL_DEPLOYMENT_DEFAULTS -> GLOBAL_DEFAULTS_FILE + " at the repo root";
            case NAMESPACE -> NAMESPACES_DIR + ns + "/namespace.yaml";
            case DEPLOYMENT_DEFAULTS -> NAMESPACES_DIR + ns + "/defaults.yaml";
            default -> "a file under " + NAMESPACES_DIR + "<namespace>/";
        };
    }

    private LoadedRepo assemble(SourceTree source, List<Document> documents, Diagnostics diagnostics) {
        Document repository = null;
        Document global = null;
        Map<String, Builder> namespaces = new LinkedHashMap<>();
        for (Document d : documents) {
            switch (d.kind()) {
                case REPOSITORY -> repository = single(repository, d, diagnostics);
                case GLOBAL_DEPLOYMENT_DEFAULTS -> global = single(global, d, diagnostics);
                default -> {
                    Builder b = namespaces.computeIfAbsent(d.namespace(), Builder::new);
                    switch (d.kind()) {
                        case NAMESPACE -> b.namespace = single(b.namespace, d, diagnostics);
                        case DEPLOYMENT_DEFAULTS -> b.defaults = single(b.defaults, d, diagnostics);
                        case DEPLOYMENT -> named(b.deployments, d, diagnostics);
                        case DEPLOYMENT_TARGET -> named(b.targets, d, diagnostics);
                        case SESSION_CLUSTER -> named(b.sessionClusters, d, diagnostics);
                        case SAVEPOINT -> named(b.savepoints, d, diagnostics);
                        default -> throw new IllegalStateException(d.kind().toString());
                    }
                }
            }
        }
        SortedMap<String, NamespaceDocuments> byName = new TreeMap<>();
        namespaces.forEach((name, b) -> byName.put(name, b.build()));
        return new LoadedRepo(source, documents, Optional.ofNullable(repository), Optional.ofNullable(global), byName);
    }

    private static Document single(Document existing, Document d, Diagnostics diagnostics) {
        if (existing == null) return d;
        diagnostics.report(Code.DUPLICATE_RESOURCE, d.locate(DocumentFields.KIND), DocumentFields.KIND,
                "This is a second " + d.kind().kindName() + " document" + (d.namespace().isEmpty() ? "" : " for namespace `" + d.namespace() + "`")
                        + "; the first is at " + existing.file() + ":" + existing.locate(DocumentFields.KIND).line() + ".",
                "Merge the two documents into one.");
        return existing;
    }

    private static void named(Map<String, Document> byName, Document d, Diagnostics diagnostics) {
        if (d.name().isEmpty()) {
            return; // the schema reports the missing name
        }
        Document first = byName.putIfAbsent(d.name(), d);
        if (first != null) {
            diagnostics.report(Code.DUPLICATE_RESOURCE, d.locate(DocumentFields.METADATA_NAME), DocumentFields.METADATA_NAME,
                    d.kind().kindName() + " `" + d.name() + "` is defined twice in namespace `" + d.namespace()
                            + "`; the first is in " + first.file() + ":" + first.locate(DocumentFields.METADATA_NAME).line() + ".",
                    "Rename or remove one of them; names are unique per kind and namespace.");
        }
    }

    private static final class Builder {
        final String name;
        Document namespace;
        Document defaults;
        final Map<String, Document> deployments = new TreeMap<>();
        final Map<String, Document> targets = new TreeMap<>();
        final Map<String, Document> sessionClusters = new TreeMap<>();
        final Map<String, Document> savepoints = new TreeMap<>();

        Builder(String name) {
            this.name = name;
        }

        NamespaceDocuments build() {
            return new NamespaceDocuments(name, Optional.ofNullable(namespace), Optional.ofNullable(defaults),
                    new TreeMap<>(deployments), new TreeMap<>(targets), new TreeMap<>(sessionClusters),
                    new TreeMap<>(savepoints));
        }
    }
}
