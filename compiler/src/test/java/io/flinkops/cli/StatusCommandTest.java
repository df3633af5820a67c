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
                    new DeploymentStatus.Savepoint("s3://sp/fraud/savepoint-1", "2026-11-21T09:30:00Z", "PERIODIC"), null, "2026-11-21T09:50:00Z", "prod-eu")));
            Files.write(writer.resolve("status/payments/chargeback-reconciler.yaml"), StatusFiles.toYaml(new DeploymentStatus("payments", "chargeback-reconciler",
                    COMMIT, "SUSPENDED", "TRANSITIONING", null, List.of(), null, null, "2026-11-21T07:00:00Z", "prod-eu")));
            Files.write(writer.resolve("status/agents/prod-eu.yaml"), StatusFiles.toYaml(new AgentStatus("prod-eu", COMMIT, COMMIT, "SUCCEEDED", List.of(), "2026-11-21T09:59:00Z")));
            git.add().addFilepattern("status").call();
            commit(git, "status");
            git.push().setRemote(remote.toUri().toString()).setRefSpecs(new RefSpec("refs/heads/flinkops/status:refs/heads/flinkops/status")).call();
        }
        Path clone = tmp.resolve("clone");
        Git.cloneRepository().setURI(remote.toUri().toString()).setDirectory(clone.toFile()).call().close();
        return clone;
    }

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
    }

    @Test
    void aMissingStatusBranchIsAUsageErrorThatSaysWhatToDo() throws Exception {
        Path clone = cloneWithStatusBranchOnTheRemote();
        CliRun run = CliRun.of("status", clone.toString(), "--branch", "nope");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("no status branch `nope`"), run.err());
    }
}
