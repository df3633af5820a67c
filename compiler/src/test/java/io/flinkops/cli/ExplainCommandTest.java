package io.flinkops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainCommandTest {
    static final Path BASE = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input");

    @TempDir
    Path tmp;

    private Path repoWithNamespaceDefaults() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepos.copyTree(BASE, repo);
        // Namespace defaults override one global value and remove another with null.
        Files.writeString(repo.resolve("namespaces/team/defaults.yaml"), """
                apiVersion: v1
                kind: DeploymentDefaults
                metadata:
                  name: team
                spec:
                  template:
                    spec:
                      parallelism: 4
                      flinkConfiguration:
                        taskmanager.numberOfTaskSlots: "4"
                        execution.checkpointing.interval: null
                """);
        return repo;
    }

    @Test
    void showsEveryEffectiveValueWithItsSource() throws Exception {
        CliRun run = CliRun.of("explain", "team/job", repoWithNamespaceDefaults().toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        Approvals.verify(run.out());
    }

    @Test
    void jsonNamesTheFileAndLineOfEachField() throws Exception {
        CliRun run = CliRun.of("explain", "team/job", repoWithNamespaceDefaults().toString(), "--format", "json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        String parallelism = null;
        String jarUri = null;
        String state = null;
        boolean interval = false;
        for (JsonNode f : root.get("fields")) {
            String path = f.get("path").asText();
            String where = f.get("file").asText() + ":" + f.get("line").asInt();
            if (path.equals("/spec/template/spec/parallelism")) parallelism = f.get("value").asText() + "@" + where;
            if (path.equals("/spec/template/spec/artifact/jarUri")) jarUri = where;
            if (path.equals("/spec/state")) state = where;
            if (path.endsWith("execution.checkpointing.interval")) interval = true;
        }
        assertEquals("4@namespaces/team/defaults.yaml:8", parallelism);
        assertEquals("namespaces/team/job.yaml:11", jarUri);
        assertEquals("global-defaults.yaml:6", state);
        assertTrue(!interval, "an explicit null in the namespace defaults removes the global value");
    }

    @Test
    void unknownDeploymentIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.of("explain", "team/jbo", BASE.toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("Did you mean `job`?"), run.err());
    }

    @Test
    void malformedTargetIsAUsageError() {
        assertEquals(ExitCode.USAGE, CliRun.of("explain", "job", BASE.toString()).exitCode());
        assertEquals(ExitCode.USAGE, CliRun.of("explain", "a/b/c", BASE.toString()).exitCode());
    }
}
