package io.flinkops.operatorchecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diff.DiffReport;
import io.flinkops.diff.ImpactAnalysis;
import io.flinkops.diff.Snapshot;
import io.flinkops.model.RepositorySpec;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.render.Renderer;
import io.flinkops.source.Sources;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parity suite: for every check of the operator's admission validator (parity/*&#47;case.yaml), the VVP inputs
 * that would make flinkops emit what the check refuses, what {@code flinkops validate} (or, for an update,
 * {@code flinkops diff}) reports for each, and the proof that the operator refuses the object flinkops would emit
 * without that report, or admits the object it does emit. One test per route.
 */
class ParitySuiteTest {
    private static final String DEPLOYMENT = ObjectKind.FLINK_DEPLOYMENT.kind();
    private static final String SESSION_JOB = ObjectKind.FLINK_SESSION_JOB.kind();
    private static final String STATE_SNAPSHOT = ObjectKind.FLINK_STATE_SNAPSHOT.kind();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyRouteOfEveryCheck() {
        return ParityCase.all().stream().flatMap(c -> c.routes().stream()
                .map(r -> DynamicTest.dynamicTest(c.check() + " / " + r.name(),
                        () -> run(c, r, tmp.resolve(c.check() + "-" + c.routes().indexOf(r))))));
    }

    @Test
    void everyCaseIsComplete() {
        List<ParityCase> cases = ParityCase.all();
        assertFalse(cases.isEmpty());
        List<String> problems = new ArrayList<>();
        for (ParityCase c : cases) {
            String id = c.dir().getFileName().toString();
            if (!id.equals(c.check())) problems.add(id + ": check is " + c.check());
            if (c.row() == null || c.operator() == null || c.since() == null || c.verdict() == null) problems.add(id + ": row, operator, since and verdict are required");
            if (c.messages() == null || c.messages().isEmpty()) problems.add(id + ": no operator message");
            if (c.tests() == null || c.tests().isEmpty()) problems.add(id + ": names none of the operator's tests");
            if (c.summary() == null || c.summary().isBlank()) problems.add(id + ": no summary");
            if (c.routes() == null || c.routes().isEmpty()) {
                problems.add(id + ": no route");
                continue;
            }
            for (ParityCase.Route r : c.routes()) {
                String where = id + " / " + r.name();
                if (r.proof() == null) {
                    problems.add(where + ": no proof");
                    continue;
                }
                boolean nearMiss = Boolean.TRUE.equals(r.proof().admitted());
                if (c.verdict() == ParityCase.Verdict.CAUGHT && r.expectOrEmpty().isEmpty() && !nearMiss) {
                    problems.add(where + ": caught, but expects no diagnostic (and is no admitted near miss)");
                }
                if (c.verdict() != ParityCase.Verdict.CAUGHT && c.verdict() != ParityCase.Verdict.UNCHECKED && !r.expectOrEmpty().isEmpty()
                        && r.proof().none() == null) {
                    problems.add(where + ": not caught, but expects diagnostics");
                }
                ParityCase.Proof p = r.proof();
                if (p.none() == null && p.object() == null && p.noKind() == null) problems.add(where + ": the proof judges no object and says not why");
                if (p.remove() != null && p.handBuilt() == null) problems.add(where + ": remove is for hand-built objects");
                if (c.verdict() == ParityCase.Verdict.CAUGHT && p.object() != null && !nearMiss && !"validator".equals(p.by()) && !"emulated".equals(p.by())) {
                    problems.add(where + ": a refusal says `by: validator` or `by: emulated`");
                }
                if (!Files.isDirectory(c.dir().resolve(r.input() == null ? "input" : r.input()))) problems.add(where + ": no input directory");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The base repository compiles without a single diagnostic, and the operator admits everything it renders. */
    @Test
    void theBaseRepositoryIsCleanAndAdmitted() throws Exception {
        Path repo = tmp.resolve("base");
        copyTree(ParityCase.BASE, repo);
        Compilation c = new Compiler().compile(Sources.workingTree(repo));
        assertEquals("", describe(c.diagnostics().sorted()));
        List<RenderedObject> objects = all(c);
        OperatorAdmission admission = admission(c);
        for (RenderedObject o : objects) {
            if (o.kind().equals(DEPLOYMENT) || o.kind().equals(SESSION_JOB)) {
                OperatorAdmission.Verdict v = judge(admission, o, objects, false);
                assertEquals(Optional.empty(), v.error(), () -> Fixtures.describe(o.kind() + "/" + o.name(), o.content(), v));
            }
        }
        assertEquals(3, objects.stream().filter(o -> o.kind().equals(DEPLOYMENT) || o.kind().equals(SESSION_JOB)).count());
    }

    // ---- one route

    private static void run(ParityCase c, ParityCase.Route r, Path repo) throws Exception {
        if (r.base() != null) {
            runUpdate(c, r, repo);
            return;
        }
        copyTree(ParityCase.BASE, repo);
        overlay(c.dir().resolve(r.input() == null ? "input" : r.input()), repo);
        Compilation compilation = new Compiler().compile(Sources.workingTree(repo));
        assertEquals(sorted(r.expectOrEmpty()), found(compilation.diagnostics().sorted()),
                () -> "flinkops validate reports, in full:\n" + describe(compilation.diagnostics().sorted()));
        ParityCase.Proof proof = r.proof();
        if (proof.none() != null) return;
        List<RenderedObject> objects = compilation.output().isPresent() ? all(compilation) : bestEffort(compilation);
        if (proof.noKind() != null) {
            assertTrue(Arrays.stream(ObjectKind.values()).noneMatch(k -> k.kind().equals(proof.noKind())), "flinkops emits " + proof.noKind());
            assertTrue(objects.stream().noneMatch(o -> o.kind().equals(proof.noKind())));
            return;
        }
        if (proof.handBuilt() != null) {
            // What the input asks for cannot be rendered at all: judge the base's object, edited as the input says.
            Path base = repo.resolveSibling(repo.getFileName() + "-base");
            copyTree(ParityCase.BASE, base);
            Compilation clean = new Compiler().compile(Sources.workingTree(base));
            objects = all(clean);
        }
        RenderedObject object = find(objects, proof.kind(), proof.name());
        ObjectNode content = object.content().deepCopy();
        if (proof.remove() != null) {
            assertFalse(proof.handBuilt() == null, "remove is for hand-built objects");
            for (String pointer : proof.remove()) {
                int slash = pointer.lastIndexOf('/');
                JsonNode parent = content.at(pointer.substring(0, slash));
                assertTrue(parent instanceof ObjectNode && parent.has(pointer.substring(slash + 1)), "nothing to remove at " + pointer);
                ((ObjectNode) parent).remove(pointer.substring(slash + 1));
            }
        }
        RenderedObject judged = new RenderedObject(object.cluster(), object.apiVersion(), object.kind(), object.namespace(), object.name(),
                content, object.sourceFile());
        OperatorAdmission.Verdict v = judge(admission(compilation), judged, objects, Boolean.TRUE.equals(proof.clusterWithJob()));
        assertVerdict(c, proof, content, v);
    }

    /** An update: the previous revision, then the next; {@code flinkops diff} compares them. */
    private static void runUpdate(ParityCase c, ParityCase.Route r, Path repo) throws Exception {
        copyTree(ParityCase.BASE, repo);
        overlay(c.dir().resolve(r.base()), repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            commit(git, "previous");
            overlay(c.dir().resolve(r.input() == null ? "input" : r.input()), repo);
            commit(git, "next");
        }
        Snapshot previous = Snapshot.of(Sources.revision(repo, "HEAD~1"));
        Snapshot next = Snapshot.of(Sources.revision(repo, "HEAD"));
        assertEquals("", describe(previous.compilation().diagnostics().sorted()), "the previous revision is valid");
        assertEquals("", describe(next.compilation().diagnostics().sorted()), "the next revision is valid");
        DiffReport report = ImpactAnalysis.analyse(previous, next);
        assertEquals(sorted(r.expectOrEmpty()), found(report.diagnostics()), () -> "flinkops diff reports, in full:\n" + describe(report.diagnostics()));
        ParityCase.Proof proof = r.proof();
        if (proof.none() != null) return;
        RenderedObject object = find(next.objects(), proof.kind(), proof.name());
        RenderedObject before = previous.objects().stream()
                .filter(o -> o.cluster().equals(object.cluster()) && o.namespace().equals(object.namespace())
                        && o.kind().equals(object.kind()) && o.name().equals(object.name()))
                .findFirst().orElseThrow(() -> new AssertionError("the previous revision renders no " + proof.object()));
        ObjectNode last = before.content().deepCopy();
        if (proof.baseSet() != null) proof.baseSet().forEach((pointer, value) -> set(last, pointer, value));
        OperatorAdmission admission = admission(next.compilation());
        OperatorAdmission.Verdict v;
        if (object.kind().equals(SESSION_JOB)) {
            v = admission.validateSessionJobUpdate(object.content(), last, sessionCluster(object, next.objects(), false).content());
        } else {
            v = admission.validateDeploymentUpdate(object.content(), last);
        }
        assertVerdict(c, proof, object.content(), v);
    }

    private static void assertVerdict(ParityCase c, ParityCase.Proof proof, ObjectNode emitted, OperatorAdmission.Verdict v) {
        if (Boolean.TRUE.equals(proof.admitted())) {
            assertEquals(Optional.empty(), v.error(), () -> Fixtures.describe(proof.object(), emitted, v));
            if (proof.absent() != null) proof.absent().forEach(p -> assertTrue(emitted.at(p).isMissingNode(), proof.object() + " has " + p));
            if (proof.present() != null) proof.present().forEach(p -> assertFalse(emitted.at(p).isMissingNode(), proof.object() + " lacks " + p));
            if (proof.only() != null) {
                proof.only().forEach((p, keys) -> {
                    List<String> actual = new ArrayList<>();
                    emitted.at(p).fieldNames().forEachRemaining(actual::add);
                    assertEquals(keys, actual, proof.object() + " " + p);
                });
            }
            return;
        }
        String expected = proof.rejected() != null ? proof.rejected() : c.messages().get(0);
        assertTrue(v.error().isPresent(), () -> "the operator admits what flinkops would emit; expected a refusal starting with\n  " + expected
                + "\n" + Fixtures.describe(proof.object(), emitted, v));
        assertTrue(v.error().get().startsWith(expected), () -> "expected a refusal starting with\n  " + expected + "\nbut got\n  " + v.error().get()
                + "\n" + Fixtures.describe(proof.object(), emitted, v));
        assertEquals("emulated".equals(proof.by()), v.emulated(), () -> "refused by " + (v.emulated() ? "an emulated 1.15 check" : "the 1.7.0 validator")
                + ", but the case says by: " + proof.by());
    }

    // ---- judging rendered objects

    /** The operator configuration flinkops.yaml declares, on the stock 1.15 Helm install's. */
    static OperatorAdmission admission(Compilation compilation) {
        RepositorySpec settings = compilation.repo().settings();
        Map<String, String> config = new HashMap<>(OperatorAdmission.OPERATOR_DEFAULTS);
        config.put(OperatorAdmission.ALLOWED_SCHEMES, String.join(";", settings.operatorJarSchemes()));
        config.put(OperatorAdmission.DISALLOW_RESTRICTED_HOSTS, String.valueOf(settings.operatorDisallowsRestrictedJarHosts()));
        return new OperatorAdmission(config);
    }

    private static OperatorAdmission.Verdict judge(OperatorAdmission admission, RenderedObject o, List<RenderedObject> objects, boolean clusterWithJob) {
        if (o.kind().equals(SESSION_JOB)) return admission.validateSessionJob(o.content(), sessionCluster(o, objects, clusterWithJob).content());
        if (o.kind().equals(STATE_SNAPSHOT)) return admission.validateStateSnapshot(o.content(), snapshotTarget(o, objects));
        return admission.validateDeployment(o.content());
    }

    /** The FlinkDeployment the webhook finds for a session job: by {@code deploymentName}, in its namespace. */
    private static RenderedObject sessionCluster(RenderedObject job, List<RenderedObject> objects, boolean withJob) {
        String name = job.content().path("spec").path("deploymentName").asText();
        return objects.stream()
                .filter(d -> d.kind().equals(DEPLOYMENT) && d.cluster().equals(job.cluster()) && d.namespace().equals(job.namespace())
                        && d.name().equals(name))
                .filter(d -> !withJob || d.content().path("spec").has("job"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no FlinkDeployment " + name + " for session job " + job.name()));
    }

    /** The object a FlinkStateSnapshot's {@code jobReference} names, in its namespace, as the webhook looks it up. */
    private static Optional<ObjectNode> snapshotTarget(RenderedObject snapshot, List<RenderedObject> objects) {
        JsonNode reference = snapshot.content().path("spec").path("jobReference");
        return objects.stream()
                .filter(o -> o.cluster().equals(snapshot.cluster()) && o.namespace().equals(snapshot.namespace())
                        && o.kind().equals(reference.path("kind").asText()) && o.name().equals(reference.path("name").asText()))
                .map(RenderedObject::content).findFirst();
    }

    private static RenderedObject find(List<RenderedObject> objects, String kind, String name) {
        return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("flinkops renders no " + kind + "/" + name + "; it renders "
                        + objects.stream().map(o -> o.kind() + "/" + o.name()).toList()));
    }

    private static List<RenderedObject> all(Compilation c) {
        return c.output().orElseThrow().clusters().values().stream().flatMap(List::stream).toList();
    }

    /** What flinkops would emit were the diagnostics ignored: the plan rendered as far as it renders. */
    private static List<RenderedObject> bestEffort(Compilation c) {
        return new Renderer().render(c.plan(), new RenderContext(Optional.empty()))
                .clusters().values().stream().flatMap(List::stream).toList();
    }

    private static void set(ObjectNode object, String pointer, String value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = object.at(pointer.substring(0, slash));
        assertTrue(parent instanceof ObjectNode, "no object at " + pointer.substring(0, slash));
        ((ObjectNode) parent).set(pointer.substring(slash + 1), TextNode.valueOf(value));
    }

    // ---- diagnostics

    private static List<String> sorted(List<String> expected) {
        return expected.stream().sorted().toList();
    }

    private static List<String> found(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.code().id() + " " + d.file() + ":" + d.line()).sorted().toList();
    }

    private static String describe(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.location() + " " + d.code().id() + " " + d.message()).collect(Collectors.joining("\n"));
    }

    // ---- repositories

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays {@code from} over {@code repo}; an empty {@code X.delete} removes X. */
    static void overlay(Path from, Path repo) throws IOException {
        assertTrue(Files.isDirectory(from), "no directory " + from);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String relative = from.relativize(f).toString();
                if (relative.endsWith(".delete")) {
                    Files.deleteIfExists(repo.resolve(relative.substring(0, relative.length() - ".delete".length())));
                } else {
                    Files.createDirectories(repo.resolve(relative).getParent());
                    Files.copy(f, repo.resolve(relative), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor("parity", "parity@example.com").setCommitter("parity", "parity@example.com")
                .setSign(false).call();
    }
}
