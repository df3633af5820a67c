package io.flinkops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusFiles;
import io.flinkops.testing.CliRun;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusCommandTest {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    /** A remote whose status branch holds two deployments and one agent, and a clone that only has main checked out. */
    private Path cloneWithStatusBranchOnTheRemote() throws Exception {
        Path remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
        Path writer = tmp.resolve("writer");
        try (Git git = Git.init().setDirectory(writer.toFile()).setInitialBranch("main").call()) {
            Files.writeString(writer.resolve("flinkops.yaml"), "# config\n");
            git.add().addFilepattern(".").call();
            commit(git, "config");
            git.push().setRemote(remote.toUri().toString()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
            git.checkout().setOrphan(true).setName("flinkops/status").call();
            git.rm().addFilepattern("flinkops.yaml").call();
            Files.createDirectories(writer.resolve("status/payments"));
            Files.createDirectories(writer.resolve("status/agents"));
            Files.write(writer.resolve("status/payments/fraud-scoring.yaml"), StatusFiles.toYaml(new DeploymentStatus("payments", "fraud-scoring",
                    COMMIT, "RUNNING", "RUNNING", "a1b2c3", List.of(new DeploymentStatus.Condition("JobUnstable", "True", "Restarts", "3 restarts in 60 min", "2026-11-21T09:00:00Z")),
                    new DeploymentStatus.Savepoint("s3://sp/fraud/savepoint-1", "2026-11-21T09:30:00Z", "PERIODIC"), null, "2026-11-21T09:50:00Z", "prod-eu")
                    .withDayTwo(FRAUD_SAVEPOINTS, FRAUD_OPERATIONS, new DeploymentStatus.Checkpoint(null, "2026-11-21T09:49:30Z"))));
            Files.write(writer.resolve("status/payments/chargeback-reconciler.yaml"), StatusFiles.toYaml(new DeploymentStatus("payments", "chargeback-reconciler",
                    COMMIT, "SUSPENDED", "TRANSITIONING", null, List.of(), null, null, "2026-11-21T07:00:00Z", "prod-eu")));
            Files.write(writer.resolve("status/agents/staging.yaml"), StatusFiles.toYaml(STAGING));
            Files.write(writer.resolve("status/agents/prod-eu.yaml"), StatusFiles.toYaml(new AgentStatus("prod-eu", COMMIT, COMMIT, "SUCCEEDED", List.of(), List.of(), null, "2026-11-21T09:59:00Z")));
            git.add().addFilepattern("status").call();
            commit(git, "status");
            git.push().setRemote(remote.toUri().toString()).setRefSpecs(new RefSpec("refs/heads/flinkops/status:refs/heads/flinkops/status")).call();
        }
        Path clone = tmp.resolve("clone");
        Git.cloneRepository().setURI(remote.toUri().toString()).setDirectory(clone.toFile()).call().close();
        return clone;
    }

    static final List<DeploymentStatus.SavepointRecord> FRAUD_SAVEPOINTS = List.of(
            new DeploymentStatus.SavepointRecord(null, "s3://sp/fraud/savepoint-1", "PERIODIC", "COMPLETED", "2026-11-21T09:29:40Z", "2026-11-21T09:30:00Z", null),
            new DeploymentStatus.SavepointRecord("fraud-scoring-20261121-091500", null, "MANUAL", "FAILED", "2026-11-21T09:15:00Z", "2026-11-21T09:16:05Z",
                    "java.util.concurrent.TimeoutException: Savepoint timed out"),
            new DeploymentStatus.SavepointRecord("fraud-scoring-20261120-180000", "s3://sp/fraud/savepoint-0", "MANUAL", "COMPLETED", "2026-11-20T18:00:00Z",
                    "2026-11-20T18:00:41Z", null));
    static final List<DeploymentStatus.Operation> FRAUD_OPERATIONS = List.of(
            new DeploymentStatus.Operation("REDEPLOY", "2026-11-21T09:40:00Z", "s3://sp/fraud/savepoint-0", "fraud-scoring-restore-20261121-094000",
                    "DONE", "2026-11-21T09:42:10Z", null),
            new DeploymentStatus.Operation("RESTART", "2026-11-21T08:00:00Z", null, null, "PENDING", "2026-11-21T08:00:20Z", null));

    /** An agent whose last commit does not compile: one problem, two errors shown, three left out. */
    static final AgentStatus STAGING = new AgentStatus("staging", "89abcdef", COMMIT, "NEEDS_HUMAN",
            List.of(new AgentStatus.Problem("build", "CONFIG_INVALID", "NEEDS_HUMAN", "Commit 89abcdef of the config repo has 5 error(s).")),
            List.of(new AgentStatus.ConfigDiagnostic("FO205", "error", "namespaces/payments/deployments/fraud-scoring.yaml", 12, 3,
                            "/spec/deploymentTargetName", "Deployment target `nowhere` does not exist.", "Use one of: payments-prod."),
                    new AgentStatus.ConfigDiagnostic("FO009", "error", "namespaces/payments/broken.yaml", null, null, null, "Cannot read the file.", null)),
            3, "2026-11-21T09:58:00Z");

    private static void commit(Git git, String message) throws Exception {
        PersonIdent who = new PersonIdent("t", "t@example.com");
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    @Test
    void printsATableFromTheRemoteTrackingStatusBranch() throws Exception {
        Path clone = cloneWithStatusBranchOnTheRemote();
        CliRun run = CliRun.of("status", clone.toString(), "--now", "2026-11-21T10:00:00Z");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("""
                NAMESPACE  DEPLOYMENT             DESIRED    STATE                  JOB ID  LAST SAVEPOINT             AGE  SOURCE COMMIT
                payments   chargeback-reconciler  SUSPENDED  TRANSITIONING          -       -                          3h   0123456
                payments   fraud-scoring          RUNNING    RUNNING (JobUnstable)  a1b2c3  s3://sp/fraud/savepoint-1  10m  0123456

                agent prod-eu: SUCCEEDED, last applied 0123456, last attempted 0123456, 60s ago

                agent staging: NEEDS_HUMAN, last applied 0123456, last attempted 89abcde, 2m ago
                  build: CONFIG_INVALID: Commit 89abcdef of the config repo has 5 error(s).
                  error[FO205]: Deployment target `nowhere` does not exist.
                    --> namespaces/payments/deployments/fraud-scoring.yaml:12:3  (/spec/deploymentTargetName)
                    = hint: Use one of: payments-prod.
                  error[FO009]: Cannot read the file.
                    --> namespaces/payments/broken.yaml
                  … and 3 more error(s)
                """, run.out());
        // The working tree and the checked-out branch are untouched.
        assertEquals("main", Git.open(clone.toFile()).getRepository().getBranch());
    }

    @Test
    void jsonHasEveryField() throws Exception {
        Path clone = cloneWithStatusBranchOnTheRemote();
        CliRun run = CliRun.of("status", clone.toString(), "--format", "json");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals(2, root.get("deployments").size());
        JsonNode fraud = root.get("deployments").get(1);
        assertEquals("fraud-scoring", fraud.get("deployment").asText());
        assertEquals("s3://sp/fraud/savepoint-1", fraud.get("lastSavepoint").get("location").asText());
        assertEquals("JobUnstable", fraud.get("conditions").get(0).get("type").asText());
        assertEquals("prod-eu", root.get("agents").get(0).get("cluster").asText());
        JsonNode staging = root.get("agents").get(1);
        assertEquals("CONFIG_INVALID", staging.get("problems").get(0).get("reason").asText());
        assertEquals("NEEDS_HUMAN", staging.get("problems").get(0).get("recovery").asText());
        assertEquals("build", staging.get("problems").get(0).get("step").asText());
        JsonNode diagnostic = staging.get("diagnostics").get(0);
        assertEquals("FO205", diagnostic.get("code").asText());
        assertEquals(12, diagnostic.get("line").asInt());
        assertEquals(3, diagnostic.get("column").asInt());
        assertEquals("/spec/deploymentTargetName", diagnostic.get("pointer").asText());
        assertEquals("Use one of: payments-prod.", diagnostic.get("hint").asText());
        assertFalse(staging.get("diagnostics").get(1).has("line"), "a whole-file error has no line");
        assertEquals(3, staging.get("omittedDiagnostics").asInt());
    }

    @Test
    void aMissingStatusBranchIsAUsageErrorThatSaysWhatToDo() throws Exception {
        Path clone = cloneWithStatusBranchOnTheRemote();
        CliRun run = CliRun.of("status", clone.toString(), "--branch", "nope");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("no status branch `nope`"), run.err());
    }

    @Test
    void oneDeploymentInDetailWithItsSavepointsAndOperations() throws Exception {
        Path clone = cloneWithStatusBranchOnTheRemote();
        CliRun run = CliRun.of("status", "payments/fraud-scoring", clone.toString(), "--now", "2026-11-21T10:00:00Z");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("""
                payments/fraud-scoring  (cluster prod-eu, observed 10m ago, source commit 0123456)
                  desired:         RUNNING
                  state:           RUNNING
                  job id:          a1b2c3
                  last checkpoint: 2026-11-21T09:49:30Z (10m ago)
                  condition:       JobUnstable (Restarts): 3 restarts in 60 min

                SAVEPOINTS                     REQUESTED             TRIGGER   RESULT     COMPLETED             LOCATION
                (operator)                     2026-11-21T09:29:40Z  PERIODIC  COMPLETED  2026-11-21T09:30:00Z  s3://sp/fraud/savepoint-1
                fraud-scoring-20261121-091500  2026-11-21T09:15:00Z  MANUAL    FAILED     2026-11-21T09:16:05Z  -
                  error: java.util.concurrent.TimeoutException: Savepoint timed out
                fraud-scoring-20261120-180000  2026-11-20T18:00:00Z  MANUAL    COMPLETED  2026-11-20T18:00:41Z  s3://sp/fraud/savepoint-0

                OPERATIONS  REQUESTED             RESULT   OBSERVED              FROM
                REDEPLOY    2026-11-21T09:40:00Z  DONE     2026-11-21T09:42:10Z  s3://sp/fraud/savepoint-0 (fraud-scoring-restore-20261121-094000)
                RESTART     2026-11-21T08:00:00Z  PENDING  2026-11-21T08:00:20Z  -
                """, run.out());
        // From inside the clone, the deployment alone.
        CliRun json = CliRun.of("status", "payments/fraud-scoring", clone.toString(), "--format", "json");
        JsonNode d = new ObjectMapper().readTree(json.out());
        assertEquals("FAILED", d.get("savepoints").get(1).get("result").asText());
        assertEquals("REDEPLOY", d.get("operations").get(0).get("type").asText());
        CliRun unknown = CliRun.of("status", "payments/nope", clone.toString());
        assertEquals(ExitCode.USAGE, unknown.exitCode());
        assertTrue(unknown.err().contains("no status for payments/nope"), unknown.err());
    }
}
