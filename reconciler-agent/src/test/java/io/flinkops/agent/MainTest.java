package io.flinkops.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.agent.testing.FakeClusterSteps;
import io.flinkops.agent.testing.GitDaemon;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.status.StatusBranch;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MainTest {
    @TempDir
    Path tmp;

    record Run(int code, String out) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> l = new ArrayList<>();
            for (String s : out.split("\n")) if (!s.isBlank()) l.add(new ObjectMapper().readTree(s));
            return l;
        }
    }

    Run run(Map<String, String> env, FakeClusterSteps kube, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Main.run(args, env, (client, settings) -> kube, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onceOverGitDaemonExitsZeroAndLogsJsonThenASecondRunMakesNoCommit() throws Exception {
        try (GitFixture fixture = new GitFixture(tmp.resolve("git")); GitDaemon daemon = new GitDaemon(fixture.root)) {
            FakeClusterSteps kube = new FakeClusterSteps();
            Map<String, String> env = Map.of("FLINKOPS_CLUSTER", "prod-eu", "FLINKOPS_PATH", "config", "FLINKOPS_RETRY_INITIAL", "10ms");
            Run first = run(env, kube, "--once", "--repo-url", daemon.url("remote.git"), "--work-dir", tmp.resolve("work").toString());
            assertEquals(0, first.code(), first.out());
            JsonNode last = first.lines().get(first.lines().size() - 1);
            assertEquals("cycle succeeded", last.get("msg").asText());
            assertEquals("SUCCEEDED", last.get("outcome").asText());
            assertFalse(last.get("statusCommit").isNull());
            assertEquals(1, kube.appliedCommits.size());
            try (Repository r = Git.open(fixture.bare.toFile()).getRepository()) {
                StatusBranch status = StatusBranch.read(r, "flinkops/status", "origin").orElseThrow();
                assertFalse(status.deployments().isEmpty());
            }

            Run second = run(env, kube, "--once", "--repo-url", daemon.url("remote.git"), "--work-dir", tmp.resolve("work").toString());
            assertEquals(0, second.code(), second.out());
            JsonNode l2 = second.lines().get(second.lines().size() - 1);
            assertTrue(l2.get("statusCommit").isNull(), second.out());
        }
    }

    @Test
    void onceExitsOneWhenTheCycleFailsAndNeverLogsTheToken() throws Exception {
        String token = "glpat-VerySecretToken-123";
        int port = GitDaemon.freePort();
        Run r = run(Map.of("FLINKOPS_GIT_TOKEN", token, "FLINKOPS_RETRY_ATTEMPTS", "2", "FLINKOPS_RETRY_INITIAL", "10ms"), new FakeClusterSteps(),
                "--once", "--cluster", "prod-eu", "--repo-url", "https://oauth2:" + token + "@127.0.0.1:" + port + "/config.git",
                "--work-dir", tmp.resolve("work").toString());
        assertEquals(1, r.code(), r.out());
        assertFalse(r.out().contains(token), r.out());
        assertTrue(r.out().contains("FAILED_RETRY_SOON"), r.out());
        JsonNode failed = r.lines().stream().filter(l -> "step failed".equals(l.path("msg").asText())).findFirst().orElseThrow();
        assertEquals("fetch", failed.get("step").asText());
        assertEquals("GIT_UNREACHABLE", failed.get("reason").asText());
        assertEquals("RETRY_SOON", failed.get("recovery").asText());
        assertEquals(2, failed.get("attempts").asInt());
        JsonNode cycle = r.lines().get(r.lines().size() - 1);
        assertEquals("GIT_UNREACHABLE", cycle.get("problems").get(0).get("reason").asText(), cycle.toString());
        assertEquals("skipped: the Git remote is unreachable", cycle.get("steps").get("record").asText(), cycle.toString());
    }

    @Test
    void commandLineBeatsEnvironmentBeatsConfigFile() throws Exception {
        Path file = tmp.resolve("agent.properties");
        Files.writeString(file, "cluster=from-file\nbranch=from-file\ninterval=5m\n");
        Main main = new Main(Map.of("FLINKOPS_BRANCH", "from-env"), (c, s) -> null, System.out);
        String[] args = {"--config", file.toString(), "--repo-url", "file:///x", "--cluster", "from-cli"};
        var cli = new picocli.CommandLine(main);
        cli.setDefaultValueProvider(Main.defaults(args, Map.of("FLINKOPS_BRANCH", "from-env")));
        cli.parseArgs(args);
        AgentSettings s = main.settings();
        assertEquals("from-cli", s.cluster());
        assertEquals("from-env", s.branch());
        assertEquals(java.time.Duration.ofMinutes(5), s.interval());
        assertEquals("flinkops/status", s.statusBranch());
    }

    @Test
    void missingSettingsAreAConfigurationError() {
        Run r = run(Map.of(), new FakeClusterSteps(), "--once", "--work-dir", tmp.resolve("w").toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("No cluster is configured"), r.out());
    }
}
