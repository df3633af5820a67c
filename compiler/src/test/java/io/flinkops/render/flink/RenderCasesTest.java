package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.emit.ManifestYaml;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.plan.pods.PodAdditions;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Golden tests of the Flink mapping: each directory under src/test/resources/render-cases is a config repo
 * (its {@code input/} laid over the diagnostics cases' {@code _base/input}) and the files it renders to
 * ({@code expected/}). See render-cases/README.md; regenerate with {@code -Dflinkops.updateGolden=true}.
 */
class RenderCasesTest {
    static final Path CASES = TestRepos.projectRoot().resolve("compiler/src/test/resources/render-cases");
    static final Path BASE = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input");
    static final boolean UPDATE = Boolean.getBoolean("flinkops.updateGolden");

    @TempDir
    Path tmp;

    static List<String> caseNames() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("_")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        return caseNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> runCase(name)));
    }

    /** What one case renders: the objects, and the compilation whose plan they were written from. */
    record Rendered(List<RenderedObject> objects, Compilation compilation) {
    }

    /** Compiles a config repo and runs the Flink mapping on its plan (also when the repo has errors). */
    static Rendered render(Path repo) throws io.flinkops.source.SourceException {
        return renderPlan(new Compiler().compile(Sources.workingTree(repo)));
    }

    static Rendered renderPlan(Compilation c) {
        List<RenderedObject> objects = new ArrayList<>();
        new FlinkResources().render(c.plan(), new RenderContext(Optional.empty()), objects::add);
        return new Rendered(objects, c);
    }

    /** What the plan adds to the pods of a FlinkDeployment. */
    static PodAdditions additions(Rendered r, RenderedObject o) {
        return r.compilation().plan().placed()
                .filter(p -> p.placement().orElseThrow().name().equals(o.name()) && p.placement().orElseThrow().kubernetesNamespace().equals(o.namespace())
                        && p.placement().orElseThrow().cluster().equals(o.cluster()) && p.cluster().isPresent())
                .findFirst().map(p -> p.cluster().orElseThrow().additions()).orElse(PodAdditions.NONE);
    }

    /** The files a case renders to, relative path → content. */
    static SortedMap<String, String> files(Rendered r) {
        SortedMap<String, String> files = new TreeMap<>();
        for (RenderedObject o : r.objects()) {
            String path = o.cluster() + "/" + o.namespace() + "/" + o.kind().toLowerCase(Locale.ROOT) + "-" + o.name();
            files.put(path + ".yaml", ManifestYaml.write(o.content()));
            if (o.kind().equals(FlinkResources.FLINK_DEPLOYMENT)) {
                PodAdditions a = additions(r, o);
                if (!a.equals(PodAdditions.NONE)) files.put(path + ".pod-additions.yaml", ManifestYaml.write(additionsTree(a)));
            }
        }
        List<Diagnostic> diagnostics = r.compilation().diagnostics().sorted();
        if (!diagnostics.isEmpty()) {
            files.put("diagnostics.txt", diagnostics.stream()
                    .map(d -> d.location() + " " + d.severity().label() + " " + d.code().id() + " " + d.message())
                    .distinct().collect(Collectors.joining("\n", "", "\n")));
        }
        return files;
    }

    static ObjectNode additionsTree(PodAdditions a) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (!a.env().isEmpty()) node.putArray("env").addAll(a.env());
        if (!a.volumes().isEmpty()) node.putArray("volumes").addAll(a.volumes());
        if (!a.mounts().isEmpty()) node.putArray("volumeMounts").addAll(a.mounts());
        return node;
    }

    private void runCase(String name) throws Exception {
        Path repo = tmp.resolve(name);
        TestRepos.materialize(BASE, CASES.resolve(name).resolve("input"), repo);
        Rendered r = render(repo);
        assertFalse(r.compilation().hasErrors(), "case " + name + " does not render: " + r.compilation().diagnostics().sorted());
        SortedMap<String, String> actual = files(r);

        Path expectedDir = CASES.resolve(name).resolve("expected");
        if (UPDATE) {
            if (Files.exists(expectedDir)) TestFiles.deleteTree(expectedDir);
            for (var f : actual.entrySet()) {
                Path p = expectedDir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
        }
        SortedMap<String, String> expected = TestFiles.readTree(expectedDir);
        assertEquals(expected.keySet(), actual.keySet(), "files rendered by case " + name);
        for (String file : expected.keySet()) {
            assertEquals(expected.get(file), actual.get(file), "case " + name + ": " + file);
        }
        for (RenderedObject o : r.objects()) {
            assertEquals(List.of(), OperatorModel.problems(o), "case " + name + ": " + o.kind() + " " + o.name());
        }
    }

    /** Reads a case's content as JSON (for assertions in other tests). */
    static JsonNode content(Rendered r, String kind, String name) {
        return r.objects().stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name)).content();
    }
}
