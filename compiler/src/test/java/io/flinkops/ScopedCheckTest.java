package io.flinkops;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.load.Loader;
import io.flinkops.load.Scope;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-commit check of the staged changes ({@link Compiler#checkChanges}) against the full check
 * ({@link Compiler#compile}), on real Git repositories: the examples plus namespaces that share a Kubernetes
 * namespace (one of them through YAML escape sequences), a symbolic link, and bases with problems committed
 * in other namespaces. For every base and every staged change (alone, and in seeded random pairs):
 * <ol>
 *   <li>nothing is reported for a namespace outside the scope;</li>
 *   <li>the checked namespaces get exactly the diagnostics the full check gives them (the full check may lack
 *       render-time ones when an error elsewhere stopped it before rendering);</li>
 *   <li>every other diagnostic (repo-wide files) is one the full check reports too;</li>
 *   <li>the verdict (errors or not) is the full check's whenever the rest of the repo is clean on its own;</li>
 *   <li>a scope of everything gives exactly the full check's diagnostics;</li>
 *   <li>the scope is complete: a namespace left out has the same diagnostics before and after the change
 *       (apart from its side of a conflict with a checked namespace, which that one reports, and render-time
 *       ones that an error elsewhere suppressed in one of the two full checks).</li>
 * </ol>
 */
class ScopedCheckTest {

    @TempDir
    Path tmp;

    private final Compiler compiler = new Compiler();

    /** A staged change: what it does to the config repo's working tree (then everything is staged). */
    record Mutation(String name, Edit edit) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Edit {
        void apply(Path root) throws IOException;
    }

    static final List<Mutation> MUTATIONS = List.of(
            new Mutation("schema error in a deployment", root ->
                    replace(root, "namespaces/payments/deployments/fraud-scoring.yaml", "parallelism: 6", "parallelism: six")),
            new Mutation("rename onto a neighbour's object (same Kubernetes namespace)", root ->
                    replace(root, "namespaces/payments-eu/deployments/ledger-export.yaml", "name: ledger-export", "name: fraud-scoring")),
            new Mutation("rename onto an object of a neighbour whose target is spelled with escapes", root ->
                    replace(root, "namespaces/payments/deployments/card-auth-enrichment.yaml", "name: card-auth-enrichment", "name: risk-scoring")),
            new Mutation("delete a namespace's targets", root -> Files.delete(root.resolve("namespaces/analytics/targets.yaml"))),
            new Mutation("bad value in namespace defaults", root ->
                    replace(root, "namespaces/platform-sql/defaults.yaml", "table.exec.state.ttl: 36h",
                            "table.exec.state.ttl: 36h\n        table.exec.not-an-option: \"1\"\n        taskmanager.memory.process.size: 2gib")),
            new Mutation("change the global defaults", root -> replace(root, "global-defaults.yaml", "parallelism: 2", "parallelism: 3")),
            new Mutation("misplaced Deployment at the root", root -> write(root, "job.yaml",
                    "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: stray\n")),
            new Mutation("edit a README", root -> Files.writeString(root.resolve("README.md"), "\nchanged\n", java.nio.file.StandardOpenOption.APPEND)),
            new Mutation("new namespace with a bad name and a stray file", root -> {
                write(root, "namespaces/new_team/targets.yaml",
                        "apiVersion: v1\nkind: DeploymentTarget\nmetadata:\n  name: prod\nspec:\n  cluster: prod-eu\n  kubernetes:\n    namespace: flink-new\n");
                write(root, "namespaces/stray.yaml", "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: stray\n");
            }),
            new Mutation("move a deployment to another namespace", root -> Files.move(
                    root.resolve("namespaces/payments/deployments/chargeback-reconciler.yaml"),
                    root.resolve("namespaces/analytics/deployments/chargeback-reconciler.yaml"))),
            new Mutation("change the file a link in another folder points at", root ->
                    replace(root, "shared/ledger-audit.yaml", "parallelism: 2", "parallelism: -2")),
            new Mutation("break the logging profile", root -> Files.writeString(
                    root.resolve("logging/logfmt-stdout.properties.peb"), "rootLogger.level = {{ noSuchVariable }}\n",
                    java.nio.file.StandardOpenOption.APPEND)),
            new Mutation("stop a session cluster (a render-time problem for its jobs)", root ->
                    replace(root, "namespaces/analytics/session-clusters/analytics-shared.yaml", "state: RUNNING", "state: STOPPED")),
            new Mutation("delete a namespace.yaml that declares secrets", root -> Files.delete(root.resolve("namespaces/payments/namespace.yaml"))),
            new Mutation("give a neighbour's target another Kubernetes namespace", root ->
                    replace(root, "namespaces/payments-eu/targets.yaml", "namespace: flink-payments", "namespace: flink-payments-eu")),
            new Mutation("delete a whole namespace", root -> deleteTree(root.resolve("namespaces/platform-sql"))));

    /** What the bases add to the examples. */
    enum Base {
        CLEAN, ERROR_IN_OTHER_NAMESPACE, CONFLICT_ACROSS_NAMESPACES, IN_SUBFOLDER
    }

    @Test
    void everyChangeAloneAgreesWithTheFullCheck() throws Exception {
        for (Base base : Base.values()) {
            Repo repo = repo(base);
            for (Mutation m : MUTATIONS) {
                repo.stage(List.of(m));
                assertAgrees(base + " + " + m, repo);
            }
        }
    }

    @Test
    void seededPairsAndTriplesAgreeWithTheFullCheck() throws Exception {
        Random random = new Random(4);
        for (Base base : List.of(Base.CLEAN, Base.CONFLICT_ACROSS_NAMESPACES)) {
            Repo repo = repo(base);
            for (int i = 0; i < 8; i++) {
                List<Mutation> shuffled = new ArrayList<>(MUTATIONS);
                Collections.shuffle(shuffled, random);
                List<Mutation> some = shuffled.subList(0, 2 + random.nextInt(2));
                repo.stage(some);
                assertAgrees(base + " + " + some, repo);
            }
        }
    }

    @Test
    void theScopesAreTheExpectedOnes() throws Exception {
        Repo repo = repo(Base.CLEAN);
        assertScope(repo, MUTATIONS.get(0), Set.of("payments"));
        assertScope(repo, MUTATIONS.get(1), Set.of("payments-eu"));
        assertScope(repo, MUTATIONS.get(4), Set.of("platform-sql"));
        assertScope(repo, MUTATIONS.get(5), null);
        assertScope(repo, MUTATIONS.get(6), Set.of());
        assertScope(repo, MUTATIONS.get(7), Set.of());
        assertScope(repo, MUTATIONS.get(9), Set.of("payments", "analytics"));
        assertScope(repo, MUTATIONS.get(10), Set.of("payments-eu"));
        assertScope(repo, MUTATIONS.get(11), null);
    }

    @Test
    void conflictsWithUncheckedNamespacesAreFound() throws Exception {
        Repo repo = repo(Base.CLEAN);
        for (Mutation m : List.of(MUTATIONS.get(1), MUTATIONS.get(2))) {
            repo.stage(List.of(m));
            Compilation fast = compiler.checkChanges(repo.head(), repo.staged());
            List<Diagnostic> conflicts = fast.diagnostics().sorted().stream().filter(d -> d.code() == Code.EMITTED_OBJECT_CONFLICT).toList();
            assertEquals(1, conflicts.size(), m + ": " + fast.diagnostics().sorted());
            assertTrue(fast.hasErrors());
            assertFalse(fast.scope().everything());
        }
    }

    // --- the property ---------------------------------------------------------------------------

    private void assertAgrees(String label, Repo repo) throws Exception {
        SourceTree staged = repo.staged();
        Compilation full = compiler.compile(staged);
        Compilation fast = compiler.checkChanges(repo.head(), staged);
        Scope scope = fast.scope();
        List<Diagnostic> f = full.diagnostics().sorted();
        List<Diagnostic> s = fast.diagnostics().sorted();
        if (scope.everything()) {
            assertEquals(f, s, label + ": a scope of everything is the full check");
            return;
        }
        List<Diagnostic> b = compiler.compile(repo.head()).diagnostics().sorted();
        boolean bothRendered = rendered(b) && rendered(f);
        Predicate<Diagnostic> comparable = d -> d.code() != Code.EMITTED_OBJECT_CONFLICT && (bothRendered || !isRenderStage(d));
        for (String ns : union(namespacesOf(b), namespacesOf(f))) {
            if (scope.includes(ns)) continue;
            assertEquals(b.stream().filter(d -> ns.equals(namespaceOf(d)) && comparable.test(d)).toList(),
                    f.stream().filter(d -> ns.equals(namespaceOf(d)) && comparable.test(d)).toList(),
                    label + ": namespace " + ns + " changed but is not in the scope " + scope.namespaces());
        }
        Predicate<Diagnostic> checked = d -> isNamespaced(d) && scope.includes(namespaceOf(d));
        Predicate<Diagnostic> unchecked = d -> isNamespaced(d) && !scope.includes(namespaceOf(d));
        boolean fullRendered = rendered(f);

        assertEquals(List.of(), s.stream().filter(unchecked).toList(), label + ": reported outside the scope " + scope.namespaces());
        List<Diagnostic> fullChecked = f.stream().filter(checked).toList();
        List<Diagnostic> fastChecked = s.stream().filter(checked).toList();
        if (fullRendered) {
            assertEquals(fullChecked, fastChecked, label + ": the checked namespaces' diagnostics");
        } else {
            assertEquals(List.of(), fullChecked.stream().filter(d -> !fastChecked.contains(d)).toList(), label + ": missed by the scoped check");
            assertTrue(fastChecked.stream().filter(d -> !fullChecked.contains(d)).allMatch(ScopedCheckTest::isRenderStage),
                    label + ": only render-time diagnostics may be extra, when the full check stopped before rendering");
        }
        List<Diagnostic> unknown = s.stream().filter(d -> !f.contains(d) && !(isRenderStage(d) && !fullRendered)).toList();
        assertEquals(List.of(), unknown, label + ": diagnostics the full check does not report");

        Compilation rest = compiler.compile(without(staged, scope.checked()));
        if (!rest.hasErrors()) {
            assertEquals(full.hasErrors(), fast.hasErrors(), label + ": verdict, the rest of the repo being clean:\nfull " + f + "\nfast " + s);
        }
    }

    private void assertScope(Repo repo, Mutation m, Set<String> expected) throws Exception {
        repo.stage(List.of(m));
        Scope scope = compiler.checkChanges(repo.head(), repo.staged()).scope();
        if (expected == null) {
            assertTrue(scope.everything(), m + ": " + scope);
        } else {
            assertFalse(scope.everything(), m + ": " + scope);
            assertEquals(new TreeSet<>(expected), scope.namespaces(), m.toString());
        }
    }

    /** Whether a full check with these diagnostics got to the render stage (no validation errors). */
    private static boolean rendered(List<Diagnostic> diagnostics) {
        return diagnostics.stream().noneMatch(d -> d.isError() && !isRenderStage(d));
    }

    private static SortedSet<String> namespacesOf(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(ScopedCheckTest::isNamespaced).map(ScopedCheckTest::namespaceOf).collect(Collectors.toCollection(TreeSet::new));
    }

    private static SortedSet<String> union(SortedSet<String> a, SortedSet<String> b) {
        SortedSet<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean isRenderStage(Diagnostic d) {
        return d.code().id().compareTo("FO921") >= 0 && d.code().id().compareTo("FO999") <= 0;
    }

    private static boolean isNamespaced(Diagnostic d) {
        String ns = Loader.namespaceOf(d.file());
        return ns != null && !ns.isEmpty();
    }

    private static String namespaceOf(Diagnostic d) {
        return Loader.namespaceOf(d.file());
    }

    /** {@code tree} without the files of {@code namespaces}: "the rest of the repo". */
    static SourceTree without(SourceTree tree, SortedSet<String> namespaces) {
        List<SourceTree.Entry> entries = tree.entries().stream().filter(e -> {
            String ns = Loader.namespaceOf(e.path());
            return ns == null || !namespaces.contains(ns);
        }).toList();
        return new SourceTree() {
            @Override
            public String label() {
                return tree.label();
            }

            @Override
            public Optional<String> commitId() {
                return tree.commitId();
            }

            @Override
            public List<Entry> entries() {
                return entries;
            }

            @Override
            public Content read(String path, int maxBytes) {
                return tree.read(path, maxBytes);
            }

            @Override
            public Optional<String> linkTarget(String path) {
                return tree.linkTarget(path);
            }
        };
    }

    // --- repositories -------------------------------------------------------------------------

    /** A Git repository with the base committed; {@link #stage} resets to it and stages mutations. */
    final class Repo {
        final Git git;
        final Path root;

        Repo(Git git, Path root) {
            this.git = git;
            this.root = root;
        }

        void stage(List<Mutation> mutations) throws Exception {
            git.reset().setMode(ResetCommand.ResetType.HARD).call();
            git.clean().setCleanDirectories(true).setForce(true).call();
            for (Mutation m : mutations) {
                try {
                    m.edit().apply(root);
                } catch (java.nio.file.NoSuchFileException e) {
                    // an earlier mutation of the combination removed the file: skip this one
                }
            }
            Files.writeString(git.getRepository().getWorkTree().toPath().resolve("outside-the-config-repo.txt"), "changed\n");
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
        }

        SourceTree staged() throws Exception {
            return Sources.staged(root);
        }

        SourceTree head() throws Exception {
            return Sources.stagedBase(root).orElseThrow();
        }
    }

    private Repo repo(Base base) throws Exception {
        Path work = tmp.resolve(base.name().toLowerCase());
        Path root = base == Base.IN_SUBFOLDER ? work.resolve("flink/config") : work;
        TestRepos.copyTree(TestRepos.examplesRepo(), root);
        // payments-eu and risk share flink-payments with payments by the policy's leave, so that their objects can
        // collide there (FO203) and the neighbour search has something to find.
        replace(root, "flinkops.yaml", "    namespaceFences:\n", """
                    sharedKubernetesNamespaces: ["flink-payments"]
                    namespaceFences:
                      payments-eu:
                        kubernetesNamespaces: ["flink-payments"]
                      risk:
                        kubernetesNamespaces: ["flink-payments"]
                """);
        write(root, "namespaces/payments-eu/targets.yaml", """
                apiVersion: v1
                kind: DeploymentTarget
                metadata:
                  name: eu-prod
                spec:
                  cluster: prod-eu
                  kubernetes:
                    namespace: flink-payments
                """);
        write(root, "namespaces/payments-eu/deployments/ledger-export.yaml", deployment("ledger-export", "eu-prod"));
        // Kind and Kubernetes namespace spelled with escapes: the neighbour search must still find it.
        write(root, "namespaces/risk/targets.yaml", """
                apiVersion: v1
                kind: "Deployment\\x54arget"
                metadata:
                  name: risk-prod
                spec:
                  cluster: prod-eu
                  kubernetes:
                    namespace: "flink-pay\\x6Dents"
                """);
        write(root, "namespaces/risk/deployments/risk-scoring.yaml", deployment("risk-scoring", "risk-prod"));
        write(root, "shared/ledger-audit.yaml", deployment("ledger-audit", "eu-prod"));
        Files.createSymbolicLink(root.resolve("namespaces/payments-eu/deployments/ledger-audit.yaml"), Path.of("../../../shared/ledger-audit.yaml"));
        switch (base) {
            case ERROR_IN_OTHER_NAMESPACE -> replace(root, "namespaces/platform-sql/deployments/refund-rate-alerts.yaml",
                    "deploymentTargetName: sql-prod", "deploymentTargetName: sql-nowhere");
            case CONFLICT_ACROSS_NAMESPACES -> replace(root, "namespaces/risk/deployments/risk-scoring.yaml", "name: risk-scoring", "name: fraud-scoring");
            default -> {
            }
        }
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
        Files.writeString(work.resolve("outside-the-config-repo.txt"), "base\n");
        git.add().addFilepattern(".").call();
        TestRepos.commit(git, "base");
        Repo repo = new Repo(git, root);
        repo.stage(List.of());
        Compilation clean = compiler.compile(repo.staged());
        List<Diagnostic> errors = clean.diagnostics().sorted().stream().filter(Diagnostic::isError).toList();
        switch (base) {
            case CLEAN, IN_SUBFOLDER -> assertEquals(List.of(), errors, "the base must be clean");
            case ERROR_IN_OTHER_NAMESPACE -> assertEquals(Set.of("platform-sql"), errors.stream().map(ScopedCheckTest::namespaceOf).collect(Collectors.toSet()));
            case CONFLICT_ACROSS_NAMESPACES -> assertEquals(Set.of(Code.EMITTED_OBJECT_CONFLICT), errors.stream().map(Diagnostic::code).collect(Collectors.toSet()));
        }
        return repo;
    }

    private static String deployment(String name, String target) {
        return """
                apiVersion: v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  deploymentTargetName: %s
                  template:
                    spec:
                      parallelism: 2
                      artifact:
                        kind: JAR
                        jarUri: s3://acme-flink-artifacts/payments/%s-1.0.0.jar
                        entryClass: com.acme.payments.Main
                """.formatted(name, target, name);
    }

    static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static void replace(Path root, String path, String from, String to) throws IOException {
        Path file = root.resolve(path);
        String text = Files.readString(file);
        if (!text.contains(from)) throw new IllegalStateException(path + " does not contain " + from);
        Files.writeString(file, text.replace(from, to));
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
