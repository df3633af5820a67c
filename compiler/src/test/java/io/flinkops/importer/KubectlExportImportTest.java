package io.flinkops.importer;

import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manifests as {@code kubectl get -o yaml|json} returns them ({@code kind: List}, status, managedFields), three
 * deployments of one namespace sharing most settings (lifted into its defaults), a literal secret (turned into a
 * reference), a session cluster with a session job.
 */
class KubectlExportImportTest {
    @TempDir
    Path tmp;

    @Test
    void listsFromTheApiServer() {
        Path out = tmp.resolve("repo");
        Importer.Result result = ImportFixtures.run(out, ImportFixtures.inputs("kubectl-export"));
        ImportReport report = result.report();
        assertEquals(0, report.validationErrors(), report.validationText());
        assertEquals(0, report.unexplainedDifferences(), report.text());
        assertEquals(1, report.lifted().size());
        result.files().values().forEach(bytes -> assertFalse(new String(bytes, StandardCharsets.UTF_8).contains("AKIAEXAMPLE"), "a secret value in the repo"));
        assertFalse(report.text().contains("AKIAEXAMPLE"), "a secret value in the report");
        assertTrue(result.files().containsKey("namespaces/flink-payments/namespace.yaml"));
        Approvals.verify(ImportFixtures.snapshot(result, out));
    }
}
