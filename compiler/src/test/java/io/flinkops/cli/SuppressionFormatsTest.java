package io.flinkops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Suppressed findings in every format: hidden from people and CI annotations, kept (as suppressed) in JSON and SARIF. */
class SuppressionFormatsTest {
    static final Path CASES = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases");

    @TempDir
    Path tmp;
    String repo;

    @BeforeEach
    void materialize() {
        Path dir = tmp.resolve("repo");
        TestRepos.materialize(CASES.resolve("_base/input"), CASES.resolve("suppressions-applied/input"), dir);
        repo = dir.toString();
    }

    @Test
    void textAndShortShowWhatIsLeftAndCountTheRest() {
        CliRun text = CliRun.of("validate", repo);
        assertEquals(ExitCode.OK, text.exitCode(), text.out());
        assertTrue(text.out().contains("another.unknown.key"), text.out());
        assertFalse(text.out().contains("custom.connector"), text.out());
        assertFalse(text.out().contains("FO106"), text.out());
        assertTrue(text.out().endsWith("0 errors, 1 warning (3 suppressed).\n"), text.out());
        CliRun shortFormat = CliRun.of("validate", repo, "--format", "short");
        assertEquals(2, shortFormat.out().lines().count(), shortFormat.out());
    }

    @Test
    void jsonKeepsThemMarkedWithTheReason() throws Exception {
        JsonNode root = new ObjectMapper().readTree(CliRun.of("validate", repo, "--format", "json").out());
        assertEquals(4, root.get("diagnostics").size());
        assertEquals(1, root.get("summary").get("warnings").asInt());
        assertEquals(3, root.get("summary").get("suppressed").asInt());
        JsonNode vvpId = root.get("diagnostics").get(0);
        assertEquals("FO106", vvpId.get("code").asText());
        assertEquals("external", vvpId.get("suppressed").get("kind").asText());
        assertEquals("flinkops.yaml", vvpId.get("suppressed").get("file").asText());
        JsonNode inline = root.get("diagnostics").get(1);
        assertEquals("inSource", inline.get("suppressed").get("kind").asText());
        assertEquals("read by our own connector, not by Flink", inline.get("suppressed").get("reason").asText());
        assertFalse(root.get("diagnostics").get(3).has("suppressed"));
    }

    @Test
    void sarifUsesItsSuppressionsProperty() throws Exception {
        JsonNode results = new ObjectMapper().readTree(CliRun.of("validate", repo, "--format", "sarif").out()).get("runs").get(0).get("results");
        assertEquals(4, results.size());
        int suppressed = 0;
        for (JsonNode r : results) {
            if (!r.has("suppressions")) continue;
            suppressed++;
            JsonNode s = r.get("suppressions").get(0);
            assertTrue(s.get("kind").asText().equals("inSource") || s.get("kind").asText().equals("external"), s.toString());
            assertFalse(s.get("justification").asText().isBlank());
        }
        assertEquals(3, suppressed);
    }

    @Test
    void ciAnnotationsLeaveThemOut() throws Exception {
        CliRun github = CliRun.of("validate", repo, "--format", "github");
        assertEquals(1, github.out().lines().filter(l -> l.startsWith("::")).count(), github.out());
        JsonNode gitlab = new ObjectMapper().readTree(CliRun.of("validate", repo, "--format", "gitlab").out());
        assertEquals(1, gitlab.size());
    }

    @Test
    void aWarningRaisedToAnErrorFailsValidationAndStopsRendering() {
        Path dir = tmp.resolve("raised");
        TestRepos.materialize(CASES.resolve("_base/input"), CASES.resolve("rules-raise-a-warning-to-error/input"), dir);
        CliRun run = CliRun.of("validate", dir.toString());
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.out());
        assertTrue(run.out().contains("error[FO402]"), run.out());
        assertEquals(ExitCode.CONFIG_ERRORS, CliRun.of("render", dir.toString(), "--out", tmp.resolve("out").toString()).exitCode());
    }
}
