package io.flinkops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesEveryClusterOfTheExamples() {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(Files.exists(out.resolve("prod-eu/kustomization.yaml")));
        assertTrue(Files.exists(out.resolve("staging/kustomization.yaml")));
    }

    @Test
    void clusterOptionRendersOneCluster() {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", out.toString(), "--cluster", "staging");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(Files.exists(out.resolve("staging/kustomization.yaml")));
        assertFalse(Files.exists(out.resolve("prod-eu")));
    }

    @Test
    void unknownClusterIsAUsageError() {
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", tmp.resolve("out").toString(), "--cluster", "nope");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("no cluster `nope`"), run.err());
    }

    @Test
    void writesNothingWhenTheRepoHasErrors() {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("render", ValidateCommandTest.BROKEN.toString(), "--out", out.toString());
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode());
        assertFalse(Files.exists(out), "nothing may be written for a repo with errors");
        assertTrue(run.err().contains("nothing was written"), run.err());
        assertFalse(run.showsStackTrace());
    }

    @Test
    void refusesAForeignNonEmptyDirectory() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("keep.txt"), "keep");
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", out.toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertEquals("keep", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void outIsRequired() {
        assertEquals(ExitCode.USAGE, CliRun.of("render", TestRepos.examplesRepo().toString()).exitCode());
    }

    @Test
    void outDashStreamsOneClusterToStandardOutputAsTheDirectoryHoldsIt() throws Exception {
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", "-", "--cluster", "staging");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("---\n"), "only the YAML stream goes to standard output");
        List<JsonNode> streamed = documents(run.out());

        Path out = tmp.resolve("out");
        assertEquals(ExitCode.OK, CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", out.toString(), "--cluster", "staging").exitCode());
        List<JsonNode> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(out.resolve("staging"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).toList()) {
                files.add(YAML.readTree(f.toFile()));
            }
        }
        assertEquals(Set.copyOf(files), Set.copyOf(streamed));
        assertEquals(files.size(), streamed.size());
        // In the order they can be applied in: what a FlinkDeployment's pods need comes before it.
        List<String> kinds = streamed.stream().map(d -> d.path("kind").asText()).toList();
        assertTrue(kinds.lastIndexOf("ServiceAccount") < kinds.indexOf("ConfigMap"), kinds::toString);
        assertTrue(kinds.lastIndexOf("ConfigMap") < kinds.indexOf("FlinkDeployment"), kinds::toString);
    }

    @Test
    void outDashNeedsAClusterWhenTheRepoHasSeveral() {
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", "-");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("name one with --cluster"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void outDashWritesNothingToStandardOutputWhenTheRepoHasErrors() {
        CliRun run = CliRun.of("render", ValidateCommandTest.BROKEN.toString(), "--out", "-");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("nothing was written to standard output"), run.err());
    }

    @Test
    void namespaceObjectsAreWrittenOnRequestAndNeverPruned() throws Exception {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", out.toString(), "--cluster", "staging", "--namespace-objects");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        Path staging = out.resolve("staging");
        List<String> namespaces;
        try (Stream<Path> s = Files.list(staging)) {
            namespaces = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertFalse(namespaces.isEmpty());
        JsonNode kustomization = YAML.readTree(staging.resolve("kustomization.yaml").toFile());
        for (String ns : namespaces) {
            JsonNode namespace = YAML.readTree(staging.resolve(ns).resolve("namespace-" + ns + ".yaml").toFile());
            assertEquals("Namespace", namespace.path("kind").asText());
            assertEquals(ns, namespace.path("metadata").path("name").asText());
            assertEquals("Prune=false", namespace.path("metadata").path("annotations").path("argocd.argoproj.io/sync-options").asText());
            assertEquals("disabled", namespace.path("metadata").path("annotations").path("kustomize.toolkit.fluxcd.io/prune").asText());
            assertTrue(kustomization.path("resources").toString().contains("\"" + ns + "/namespace-" + ns + ".yaml\""));
        }
        // Without the option there are none.
        Path plain = tmp.resolve("plain");
        CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", plain.toString(), "--cluster", "staging");
        try (Stream<Path> s = Files.walk(plain)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("namespace-")));
        }
        // And the stream starts with them.
        List<JsonNode> streamed = documents(CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", "-", "--cluster", "staging",
                "--namespace-objects").out());
        for (int i = 0; i < namespaces.size(); i++) assertEquals("Namespace", streamed.get(i).path("kind").asText());
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static List<JsonNode> documents(String stream) throws Exception {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(stream)) {
            return it.readAll().stream().filter(d -> !d.isNull() && !d.isMissingNode()).toList();
        }
    }
}
