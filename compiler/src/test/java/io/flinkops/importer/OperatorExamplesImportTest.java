package io.flinkops.importer;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.source.Sources;
import io.flinkops.testing.CliRun;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The round trip on the Flink Kubernetes Operator's own example manifests (release-1.15.0 {@code examples/}, copied
 * into test resources, see their README): render(import(manifests)) compared with the manifests. Every difference
 * must be explained by a finding of the report, and the imported repo must validate, except for the TLS passwords of
 * two examples, which the import turns into references (no secret is written into the repo) in places where nothing
 * can fill a reference in (FO921: keys the operator reads itself, a session job's configuration).
 */
class OperatorExamplesImportTest {
    /** The two examples with passwords in keys the operator reads itself, or in a session job. */
    static final List<String> LITERAL_SECRETS = List.of("basic-secure-deployment-only.yaml", "basic-secure-session-job-only.yaml");

    @TempDir
    Path tmp;

    @Test
    void everyExampleManifest() {
        Path out = tmp.resolve("repo");
        Importer.Result result = ImportFixtures.run(out, ImportFixtures.inputs("operator-examples"));
        assertTrue(result.usable(), result.problems().sorted().toString());
        ImportReport report = result.report();
        assertEquals(0, report.unexplainedDifferences(), report.text());
        assertTrue(report.roundTrip().stream().allMatch(RoundTrip.Result::rendered), report.text());
        assertEquals(21, report.roundTrip().size());
        for (Diagnostic d : report.validation()) {
            if (!d.isError()) continue;
            assertEquals("FO921", d.code().id(), d.toString());
            assertTrue(d.file().contains("basic-secure-deployment-only") || d.file().contains("basic-secure-session-job-only"), d.toString());
        }
        Approvals.verify(ImportFixtures.snapshot(result, out));
    }

    @Test
    void examplesWithoutLiteralSecretsImportIntoARepoThatValidates() throws IOException {
        Path out = tmp.resolve("repo");
        Importer.Result result = ImportFixtures.run(out, validExamples().toArray(Path[]::new));
        assertEquals(0, result.report().validationErrors(), result.report().validationText());
        assertEquals(0, result.report().unexplainedDifferences(), result.report().text());
        ImportFixtures.write(result, out);
        CliRun validate = CliRun.of("validate", out.toString());
        assertEquals(0, validate.exitCode(), validate.out());
    }

    /** import(render(import(examples))): flinkops' own manifests import back into the same manifests. */
    @Test
    void renderedManifestsImportBackUnchanged() throws Exception {
        Path repo = tmp.resolve("repo");
        Importer.Result first = ImportFixtures.run(repo, validExamples().toArray(Path[]::new));
        ImportFixtures.write(first, repo);
        Compilation compilation = new Compiler().compile(Sources.workingTree(repo));
        assertTrue(compilation.output().isPresent(), compilation.diagnostics().sorted().toString());
        Path manifests = tmp.resolve("manifests");
        ManifestWriter.write(compilation.output().get(), manifests);

        Importer.Result again = ImportFixtures.run(tmp.resolve("again"), manifests);
        ImportReport report = again.report();
        assertEquals(first.report().roundTrip().size(), report.roundTrip().size());
        assertTrue(report.roundTrip().stream().allMatch(RoundTrip.Result::identical), report.text());
        assertEquals(0, report.validationErrors(), report.validationText());
    }

    private static List<Path> validExamples() throws IOException {
        try (Stream<Path> files = Files.walk(ImportFixtures.inputs("operator-examples"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).filter(f -> !LITERAL_SECRETS.contains(f.getFileName().toString())).sorted().toList();
        }
    }
}
