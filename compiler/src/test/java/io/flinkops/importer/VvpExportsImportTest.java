package io.flinkops.importer;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.source.Sources;
import io.flinkops.testing.CliRun;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * VVP REST responses and exports (written for the tests after VVP's published documents): YAML and JSON, single
 * resources and an {@code items} list, with and without {@code kind}, with the system-owned fields.
 */
class VvpExportsImportTest {
    @TempDir
    Path tmp;

    @Test
    void restResponsesIntoTheRepoLayout() {
        Path out = tmp.resolve("repo");
        Importer.Result result = ImportFixtures.run(out, ImportFixtures.inputs("vvp-exports"));
        assertTrue(result.usable(), result.problems().sorted().toString());
        assertEquals(0, result.report().validationErrors(), result.report().validationText());
        result.files().values().forEach(bytes -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            for (String systemOwned : new String[]{"createdAt", "resourceVersion", "deploymentTargetId", "status:", "com.dataartisans"}) {
                assertFalse(text.contains(systemOwned), systemOwned + " in\n" + text);
            }
        });
        Approvals.verify(ImportFixtures.snapshot(result, out));
    }

    /**
     * The VVP documents imported, rendered, and the rendered manifests imported again: the second import renders the
     * same manifests (the round trip of its report is identical for every one).
     */
    @Test
    void renderedManifestsImportBackUnchanged() throws Exception {
        Path repo = tmp.resolve("repo");
        ImportFixtures.write(ImportFixtures.run(repo, ImportFixtures.inputs("vvp-exports")), repo);
        assertEquals(0, CliRun.of("validate", repo.toString()).exitCode());
        Compilation compilation = new Compiler().compile(Sources.workingTree(repo));
        Path manifests = tmp.resolve("manifests");
        ManifestWriter.write(compilation.output().orElseThrow(), manifests);

        ImportReport report = ImportFixtures.run(tmp.resolve("again"), manifests).report();
        assertEquals(3, report.roundTrip().size(), report.text());
        assertTrue(report.roundTrip().stream().allMatch(RoundTrip.Result::identical), report.text());
        assertEquals(0, report.validationErrors(), report.validationText());
    }
}
