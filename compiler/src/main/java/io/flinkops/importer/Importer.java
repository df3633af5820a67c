package io.flinkops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import io.flinkops.diag.render.DiagnosticRenderer;
import io.flinkops.diag.render.TextRenderer;
import io.flinkops.emit.ManifestYaml;
import io.flinkops.load.Document;
import io.flinkops.load.Loader;
import io.flinkops.model.Kind;
import io.flinkops.model.RepositorySpec;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.RenderedObject;
import io.flinkops.render.Renderer;
import io.flinkops.source.SourceTree;
import io.flinkops.yaml.YamlJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The facade of {@code flinkops import}: reads the inputs, maps them into config-repo documents, lifts shared
 * settings into namespace defaults, lays the documents out in files, writes a flinkops.yaml for a new repo, and
 * compiles the result with the {@link Compiler} before anything is written: the report carries its validation and the
 * round trip of every operator manifest. Writing the files is the caller's (the CLI's) business.
 */
public final class Importer {
    static final String REPOSITORY_NAME = "flink-config";
    /** The scheme operator 1.15 allows for session jobs' jars unless configured otherwise. */
    private static final String OPERATOR_DEFAULT_SCHEME = "https";
    private static final List<String> POD_SECURITY_LEVELS = List.of("restricted", "baseline", "privileged");

    /**
     * What an import gives.
     *
     * @param problems   what makes the input unusable (errors: nothing may be written) and notes about it
     * @param inputLines the input files' lines, to quote them with {@code problems}
     * @param files      the files to write, by path relative to the repo (empty when the input is unusable)
     * @param report     the report, or null when the input is unusable
     */
    public record Result(Diagnostics problems, DiagnosticRenderer.SourceLines inputLines, SortedMap<String, byte[]> files, ImportReport report) {
        public boolean usable() {
            return !problems.hasErrors();
        }
    }

    /** The kinds {@code --kind} accepts. */
    public static final List<String> KINDS = Classifier.KIND_OPTION_VALUES;

    /** The kind {@code --kind} names (any case), if it is one of {@link #KINDS}. */
    public static Optional<String> kindOption(String value) {
        return Classifier.kindOptionValue(value);
    }

    public Result run(ImportOptions options) {
        Diagnostics problems = new Diagnostics();
        InputReader reader = new InputReader();
        List<InputDocument> inputs = reader.read(options.inputs(), problems);
        DiagnosticRenderer.SourceLines inputLines = reader::line;
        Classifier classifier = new Classifier(options.kind());
        List<Classified> classified = new ArrayList<>();
        List<ImportReport.Skipped> skipped = new ArrayList<>();
        for (InputDocument in : inputs) {
            Classified c = classifier.classify(in, problems);
            if (c == null) continue;
            if (c.skipped()) {
                String name = in.root().get("metadata") instanceof io.flinkops.yaml.YMap m ? m.text("name").orElse("") : "";
                skipped.add(new ImportReport.Skipped(new Origin(in.file(), in.line(), c.kindName(), "", name), c.skipReason()));
            } else {
                classified.add(c);
            }
        }

        ExistingRepo existing = ExistingRepo.open(options.out());
        List<Finding> findings = new ArrayList<>();
        Targets targets = new Targets(existing);
        List<RepoDocument> documents = new ArrayList<>();
        VvpImporter vvp = new VvpImporter(options.namespace(), findings, problems);
        for (Classified c : classified) {
            if (c.vvpKind() == null) continue;
            RepoDocument d = vvp.importDocument(c, targets);
            if (d != null) documents.add(d);
        }
        vvp.resolveTargetIds();
        Secrets secrets = new Secrets();
        OperatorImporter operator = new OperatorImporter(options, targets, secrets, existing, findings, problems);
        List<RoundTrip.Input> manifests = new ArrayList<>();
        for (Classified c : classified) {
            if (c.operator() == null) continue;
            RepoDocument d = operator.importDocument(c);
            if (d == null) continue;
            documents.add(d);
            manifests.add(new RoundTrip.Input(d.origin(), c.operator().kindName, d.origin().namespace(), d.name(),
                    (ObjectNode) YamlJson.toJson(c.document().root())));
        }
        if (inputs.isEmpty() && !problems.hasErrors()) {
            problems.add(new Diagnostic(Code.UNREADABLE_FILE, io.flinkops.diag.Severity.ERROR, Location.ofFile(options.inputs().isEmpty() ? "." : InputReader.display(options.inputs().get(0))), "",
                    "No YAML or JSON documents found in the inputs.", "Name files or folders with .yaml, .yml or .json files."));
        }
        if (problems.hasErrors()) return new Result(problems, inputLines, new TreeMap<>(), null);

        // Targets created for operator manifests go next to the imported ones.
        documents.addAll(targets.created());
        documents.addAll(secrets.namespaces());

        List<ImportReport.LiftedDefaults> lifted = lift(documents, existing);

        Layout layout = layout(documents, existing, options.force(), problems);
        if (!options.force()) {
            // Files the repo does not list (a folder without flinkops.yaml, files .gitignore hides) are not overwritten either.
            for (String path : layout.files().keySet()) {
                java.nio.file.Path file = options.out().resolve(path);
                if (java.nio.file.Files.exists(file) && !existing.hasFile(path)) {
                    problems.report(Code.DUPLICATE_RESOURCE, Location.ofFile(InputReader.display(file)), "",
                            "The file exists already, and the import would overwrite it.", "Use --force to overwrite it, or import into another folder.");
                }
            }
        }
        if (problems.hasErrors()) return new Result(problems, inputLines, new TreeMap<>(), null);

        SortedMap<String, byte[]> files = layout.files();
        List<String> repositoryNotes = new ArrayList<>();
        List<String> pinned = new ArrayList<>();
        Compilation compilation;
        if (existing.exists()) {
            compilation = new Compiler().compile(new MemoryTree(existing.tree(), files));
            if (pin(documents, compilation, pinned)) {
                files = layout(documents, existing, options.force(), new Diagnostics()).files();
                compilation = new Compiler().compile(new MemoryTree(existing.tree(), files));
            }
        } else {
            compilation = newRepository(documents, files, repositoryNotes);
        }
        List<RenderedObject> rendered = rendered(compilation);
        List<RoundTrip.Result> roundTrip = RoundTrip.compare(manifests, rendered, findings);

        MemoryTree tree = new MemoryTree(existing.tree(), files);
        List<Diagnostic> validation = compilation.diagnostics().sorted();
        String validationText = new TextRenderer().render(validation, new DiagnosticRenderer.Context(lines(tree), "", ""));
        List<String> secretLines = new ArrayList<>();
        Map<String, List<Secrets.Reference>> bySecret = new LinkedHashMap<>();
        secrets.references().forEach(r -> bySecret.computeIfAbsent(r.kubernetesNamespace() + "/" + r.secret(), k -> new ArrayList<>()).add(r));
        bySecret.forEach((k, refs) -> {
            secretLines.add("Secret " + refs.get(0).secret() + " in Kubernetes namespace " + refs.get(0).kubernetesNamespace() + ":");
            refs.forEach(r -> secretLines.add("  key " + r.name() + ": the value of " + r.key() + " at " + r.origin().file() + ":" + r.line()));
        });
        ImportReport report = new ImportReport(InputReader.display(options.out()), existing.exists(), layout.imported(), skipped, lifted,
                findings, secretLines, pinned, repositoryNotes, roundTrip, validation, validationText);
        return new Result(problems, inputLines, files, report);
    }

    // ---- lifting

    private static List<ImportReport.LiftedDefaults> lift(List<RepoDocument> documents, ExistingRepo existing) {
        Map<String, List<RepoDocument>> byNamespace = new LinkedHashMap<>();
        Set<String> notLifted = new TreeSet<>();
        for (RepoDocument d : documents) {
            if (d.kind() == Kind.DEPLOYMENT) byNamespace.computeIfAbsent(d.namespace(), n -> new ArrayList<>()).add(d);
            // VVP documents are placed as they are: their own defaults, and Deployments exported with theirs merged in.
            if (d.kind() == Kind.DEPLOYMENT_DEFAULTS || (d.kind() == Kind.DEPLOYMENT && !d.origin().kind().startsWith("Flink"))) notLifted.add(d.namespace());
        }
        boolean globalDefaults = documents.stream().anyMatch(d -> d.kind() == Kind.GLOBAL_DEPLOYMENT_DEFAULTS)
                || existing.hasFile(Loader.GLOBAL_DEFAULTS_FILE);
        List<ImportReport.LiftedDefaults> out = new ArrayList<>();
        for (Map.Entry<String, List<RepoDocument>> e : byNamespace.entrySet()) {
            String ns = e.getKey();
            // Defaults of the namespace's own (imported or existing) or global defaults would merge with what is lifted.
            if (notLifted.contains(ns) || existing.hasNamespace(ns) || globalDefaults) continue;
            DefaultsLifting.Lifted l = DefaultsLifting.lift(ns, e.getValue(), e.getValue().get(0).origin());
            if (l == null) continue;
            documents.add(l.defaults());
            out.add(new ImportReport.LiftedDefaults(ns, defaultsPath(ns), l.deployments(), l.settings()));
        }
        return out;
    }

    /**
     * Pins the Deployments imported from operator manifests against the existing repo's defaults
     * ({@link DefaultsPinning}); true when one changed.
     */
    private static boolean pin(List<RepoDocument> documents, Compilation compilation, List<String> notes) {
        boolean changed = false;
        for (RepoDocument d : documents) {
            if (d.kind() != Kind.DEPLOYMENT || !d.origin().kind().startsWith("Flink")) continue;
            io.flinkops.resolve.ResolvedNamespace ns = compilation.repo().namespaces().get(d.namespace());
            io.flinkops.resolve.Resolved<?> resolved = ns == null ? null : ns.deployments().get(d.name());
            if (resolved == null || !(resolved.effective().get("spec") instanceof io.flinkops.yaml.YMap effective)) continue;
            List<String> paths = DefaultsPinning.pin(d.spec(), YamlJson.toJson(effective));
            if (paths.isEmpty()) continue;
            changed = true;
            notes.add(d.kind().kindName() + " " + d.namespace() + "/" + d.name() + ": " + String.join(", ", paths));
        }
        return changed;
    }

    // ---- layout

    private record Layout(SortedMap<String, byte[]> files, List<ImportReport.Imported> imported) {
    }

    private static String defaultsPath(String ns) {
        return Loader.NAMESPACES_DIR + ns + "/defaults.yaml";
    }

    private static Layout layout(List<RepoDocument> documents, ExistingRepo existing, boolean force, Diagnostics problems) {
        Map<String, List<RepoDocument>> byFile = new LinkedHashMap<>();
        Map<String, RepoDocument> identities = new HashMap<>();
        List<ImportReport.Imported> imported = new ArrayList<>();
        for (RepoDocument d : documents) {
            String path = path(d, existing);
            String identity = d.kind().kindName() + "|" + d.namespace() + "|" + d.name();
            RepoDocument twin = identities.putIfAbsent(identity, d);
            if (twin != null) {
                problems.report(Code.DUPLICATE_RESOURCE, at(d.origin()), "", "This becomes " + describe(d) + ", which " + twin.origin().place()
                        + " (" + twin.origin().describe() + ") becomes too.", "Import one of them, or import them into different namespaces (--namespace).");
                continue;
            }
            Optional<Document> mine = d.kind() == Kind.GLOBAL_DEPLOYMENT_DEFAULTS ? Optional.empty() : existing.document(d.namespace(), d.kind(), d.name());
            if (mine.isPresent() && !(force && mine.get().file().equals(path))) {
                problems.report(Code.DUPLICATE_RESOURCE, at(d.origin()), "", "The config repo has " + describe(d) + " already, in " + mine.get().file() + ".",
                        mine.get().file().equals(path) ? "Use --force to overwrite it, or import into another namespace (--namespace)."
                                : "Remove or rename one of them, or import into another namespace (--namespace).");
                continue;
            }
            if (existing.hasFile(path) && !force && mine.isEmpty()) {
                problems.report(Code.DUPLICATE_RESOURCE, at(d.origin()), "", "The config repo has a file " + path + " already, which this import would overwrite.",
                        "Use --force to overwrite it, or import into another namespace (--namespace).");
                continue;
            }
            byFile.computeIfAbsent(path, p -> new ArrayList<>()).add(d);
            String note = d.origin() != null && d.comment().startsWith("Created") ? "created for " + d.origin().place()
                    : d.kind() == Kind.DEPLOYMENT_DEFAULTS && d.comment().startsWith("Lifted") ? "lifted" : "";
            boolean fromInput = !note.startsWith("created") && !note.equals("lifted");
            imported.add(new ImportReport.Imported(fromInput ? d.origin() : null, d.kind().kindName(), d.namespace(), d.name(), path, note));
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        byFile.forEach((path, docs) -> {
            StringBuilder text = new StringBuilder();
            for (RepoDocument d : docs) {
                if (!text.isEmpty()) text.append("---\n");
                text.append("# ").append(d.comment()).append('\n').append(ManifestYaml.writeInOrder(d.content()));
            }
            files.put(path, text.toString().getBytes(StandardCharsets.UTF_8));
        });
        return new Layout(files, imported);
    }

    private static String path(RepoDocument d, ExistingRepo existing) {
        String dir = Loader.NAMESPACES_DIR + d.namespace() + "/";
        return switch (d.kind()) {
            case DEPLOYMENT -> dir + "deployments/" + d.name() + ".yaml";
            case SESSION_CLUSTER -> dir + "session-clusters/" + d.name() + ".yaml";
            case DEPLOYMENT_TARGET -> existing.hasFile(dir + "targets.yaml") ? dir + "imported-targets.yaml" : dir + "targets.yaml";
            case DEPLOYMENT_DEFAULTS -> defaultsPath(d.namespace());
            case NAMESPACE -> dir + "namespace.yaml";
            case GLOBAL_DEPLOYMENT_DEFAULTS -> Loader.GLOBAL_DEFAULTS_FILE;
            default -> throw new IllegalArgumentException("not imported: " + d.kind());
        };
    }

    private static String describe(RepoDocument d) {
        return d.kind() == Kind.GLOBAL_DEPLOYMENT_DEFAULTS ? "the global defaults"
                : d.kind() == Kind.DEPLOYMENT_DEFAULTS ? "the defaults of namespace " + d.namespace()
                : d.kind().kindName() + " " + d.name() + " of namespace " + d.namespace();
    }

    private static Location at(Origin o) {
        return new Location(o.file(), Math.max(o.line(), 0), o.line() > 0 ? 1 : 0);
    }

    // ---- a new repository

    /**
     * Writes flinkops.yaml for a new repo and compiles the result: the Kubernetes namespaces of its targets are the
     * allowed ones, the jar schemes it uses beyond the default list are allowed, and the Pod Security level is the
     * strictest one the imported pods meet (each level is tried, from restricted).
     */
    private static Compilation newRepository(List<RepoDocument> documents, SortedMap<String, byte[]> files, List<String> notes) {
        Set<String> namespaces = new TreeSet<>();
        Set<String> schemes = new LinkedHashSet<>();
        Set<String> sessionJobSchemes = new TreeSet<>();
        for (RepoDocument d : documents) {
            if (d.kind() == Kind.DEPLOYMENT_TARGET) {
                String ns = d.spec().path("kubernetes").path("namespace").asText(null);
                if (ns != null) namespaces.add(ns);
            }
            JsonNode uri = d.kind() == Kind.SESSION_CLUSTER ? null : d.spec().path("template").path("spec").path("artifact").get("jarUri");
            if (uri != null && uri.isTextual()) {
                String text = uri.asText();
                int colon = text.indexOf(':');
                if (colon > 0 && text.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
                    schemes.add(scheme);
                    if (d.spec().has("sessionClusterName")) sessionJobSchemes.add(scheme);
                }
            }
        }
        List<String> jarSchemes = new ArrayList<>(RepositorySpec.DEFAULT_JAR_SCHEMES);
        List<String> extra = schemes.stream().filter(s -> !jarSchemes.contains(s)).sorted().toList();
        notes.add("operator version \"" + RepositorySpec.DEFAULT_OPERATOR_VERSION + "\", one cluster `default`");
        if (!namespaces.isEmpty()) notes.add("allowedKubernetesNamespaces: " + namespaces + " (the namespaces of the DeploymentTargets)");
        if (!extra.isEmpty()) {
            jarSchemes.addAll(extra);
            notes.add("allowedJarSchemes: the default list and " + extra + ", which the imported jar URIs use");
        }
        List<String> operatorSchemes = null;
        if (!sessionJobSchemes.isEmpty() && !sessionJobSchemes.equals(Set.of(OPERATOR_DEFAULT_SCHEME))) {
            operatorSchemes = new ArrayList<>(List.of(OPERATOR_DEFAULT_SCHEME));
            sessionJobSchemes.stream().filter(x -> !x.equals(OPERATOR_DEFAULT_SCHEME)).forEach(operatorSchemes::add);
            notes.add("operator.allowedJarSchemes: " + operatorSchemes + ", the schemes of the session jobs' jars: your operator's "
                    + "kubernetes.operator.user.artifacts.allowed-schemes must allow them (FO611), as it did when it ran them");
        }
        Map<String, List<String>> rejected = new LinkedHashMap<>();
        Compilation compilation = null;
        for (String level : POD_SECURITY_LEVELS) {
            files.put(Loader.REPOSITORY_FILE, repositoryFile(namespaces, extra.isEmpty() ? null : jarSchemes, operatorSchemes, level).getBytes(StandardCharsets.UTF_8));
            compilation = new Compiler().compile(new MemoryTree(null, files));
            List<Diagnostic> violations = compilation.diagnostics().sorted().stream().filter(Importer::podSecurity).toList();
            if (violations.isEmpty()) {
                StringBuilder note = new StringBuilder("podSecurity: " + level + ", the strictest level the imported pods meet");
                rejected.forEach((l, v) -> note.append("; not ").append(l).append(": ").append(String.join(", ", v)));
                notes.add(note.toString());
                break;
            }
            Set<String> codes = new TreeSet<>();
            Set<String> resources = new TreeSet<>();
            violations.forEach(d -> {
                codes.add(d.code().id());
                resources.add(d.file());
            });
            rejected.put(level, List.of(String.join(", ", codes) + " in " + ImportReport.plural(resources.size(), "file")));
        }
        return compilation;
    }

    private static boolean podSecurity(Diagnostic d) {
        String id = d.code().id();
        return id.compareTo("FO901") >= 0 && id.compareTo("FO910") <= 0;
    }

    static String repositoryFile(Set<String> namespaces, List<String> jarSchemes, List<String> operatorSchemes, String podSecurity) {
        ObjectNode doc = Json.F.objectNode();
        doc.put("apiVersion", "v1");
        doc.put("kind", Kind.REPOSITORY.kindName());
        doc.putObject("metadata").put("name", REPOSITORY_NAME);
        ObjectNode spec = doc.putObject("spec");
        ObjectNode operator = spec.putObject("operator").put("version", RepositorySpec.DEFAULT_OPERATOR_VERSION);
        if (operatorSchemes != null) {
            ArrayNode allowed = operator.putArray("allowedJarSchemes");
            operatorSchemes.forEach(allowed::add);
        }
        spec.putArray("clusters").addObject().put("name", "default");
        ObjectNode policy = spec.putObject("policy");
        if (!namespaces.isEmpty()) {
            ArrayNode allowed = policy.putArray("allowedKubernetesNamespaces");
            namespaces.forEach(allowed::add);
        }
        if (jarSchemes != null) {
            ArrayNode allowed = policy.putArray("allowedJarSchemes");
            jarSchemes.forEach(allowed::add);
        }
        policy.put("podSecurity", podSecurity);
        return "# Written by flinkops import. Every field: docs/config-reference.md#repository\n" + ManifestYaml.writeInOrder(doc);
    }

    // ---- compiling

    /** The FlinkDeployments and FlinkSessionJobs the imported repo renders; best effort when it has errors. */
    private static List<RenderedObject> rendered(Compilation compilation) {
        RenderOutput output;
        if (compilation.output().isPresent()) {
            output = compilation.output().get();
        } else {
            try {
                output = new Renderer().render(compilation.plan(), new RenderContext(Optional.empty()));
            } catch (RuntimeException e) {
                return List.of(); // a repo the renderers cannot map at all: nothing to compare
            }
        }
        List<RenderedObject> out = new ArrayList<>();
        output.clusters().values().forEach(objects -> objects.stream()
                .filter(o -> o.kind().equals("FlinkDeployment") || o.kind().equals("FlinkSessionJob")).forEach(out::add));
        return out;
    }

    private static DiagnosticRenderer.SourceLines lines(SourceTree tree) {
        Map<String, List<String>> cache = new HashMap<>();
        return (file, line) -> {
            List<String> l = cache.computeIfAbsent(file, f -> tree.read(f, Integer.MAX_VALUE - 8) instanceof SourceTree.Bytes b
                    ? new String(b.bytes(), StandardCharsets.UTF_8).lines().toList() : List.of());
            return line >= 1 && line <= l.size() ? l.get(line - 1) : null;
        };
    }
}
