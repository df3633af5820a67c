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
        assertEquals(ExitCode.FAILED.code(), r.code(), r.out());
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
        assertEquals(java.time.Duration.ofMinutes(2), s.compileTimeout(), "the default");
    }

    @Test
    void theCompileTimeoutComesFromTheEnvironmentLikeEverySetting() throws Exception {
        Map<String, String> env = Map.of("FLINKOPS_COMPILE_TIMEOUT", "45s");
        Main main = new Main(env, (c, s) -> null, System.out);
        String[] args = args();
        var cli = new picocli.CommandLine(main);
        cli.setDefaultValueProvider(Main.defaults(args, env));
        cli.parseArgs(args);
        assertEquals(java.time.Duration.ofSeconds(45), main.settings().compileTimeout());
    }

    @Test
    void theGitCycleAndKubernetesTimeoutsHaveDefaultsAndComeFromTheEnvironment() throws Exception {
        Main defaults = new Main(Map.of(), (c, s) -> null, System.out);
        var cli = new picocli.CommandLine(defaults);
        cli.setDefaultValueProvider(Main.defaults(args(), Map.of()));
        cli.parseArgs(args());
        AgentSettings d = defaults.settings();
        assertEquals(java.time.Duration.ofSeconds(30), d.gitTimeout());
        assertEquals(java.time.Duration.ofMinutes(10), d.cycleTimeout());
        assertEquals(java.time.Duration.ofSeconds(10), d.kubeConnectTimeout());
        assertEquals(java.time.Duration.ofSeconds(15), d.kubeRequestTimeout());

        Map<String, String> env = Map.of("FLINKOPS_GIT_TIMEOUT", "5s", "FLINKOPS_CYCLE_TIMEOUT", "3m",
                "FLINKOPS_KUBE_CONNECT_TIMEOUT", "2s", "FLINKOPS_KUBE_REQUEST_TIMEOUT", "20s");
        Main main = new Main(env, (c, s) -> null, System.out);
        cli = new picocli.CommandLine(main);
        cli.setDefaultValueProvider(Main.defaults(args(), env));
        cli.parseArgs(args());
        AgentSettings s = main.settings();
        assertEquals(java.time.Duration.ofSeconds(5), s.gitTimeout());
        assertEquals(java.time.Duration.ofMinutes(3), s.cycleTimeout());
        assertEquals(java.time.Duration.ofSeconds(2), s.kubeConnectTimeout());
        assertEquals(java.time.Duration.ofSeconds(20), s.kubeRequestTimeout());
        var kube = Main.kubeConfig(s);
        assertEquals(2000, kube.getConnectionTimeout());
        assertEquals(20000, kube.getRequestTimeout());
        assertEquals(0, kube.getRequestRetryBackoffLimit());

        Run zero = run(Map.of(), new FakeClusterSteps(), args("--git-timeout", "0s"));
        assertEquals(ExitCode.CONFIG.code(), zero.code(), zero.out());
        assertTrue(zero.out().contains("--git-timeout must be longer than zero"), zero.out());
    }

    @Test
    void missingSettingsAreAConfigurationError() {
        Run r = run(Map.of(), new FakeClusterSteps(), "--once", "--work-dir", tmp.resolve("w").toString());
        assertEquals(ExitCode.CONFIG.code(), r.code(), r.out());
        assertEquals(2, ExitCode.CONFIG.code());
        assertTrue(r.out().contains("No cluster is configured"), r.out());
    }

    /** Arguments that are right but for {@code extra}. */
    String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("--once", "--cluster", "prod-eu", "--repo-url", "file:///nowhere", "--work-dir", tmp.resolve("w").toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void everyKindOfBadConfigurationExitsTwoAndSaysWhatToFix() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("--interval=soon", "--interval `soon` is not a duration");
        cases.put("--max-prune-share=2", "--max-prune-share must be between 0 and 1");
        cases.put("--compile-timeout=0s", "--compile-timeout must be longer than zero");
        cases.put("--compile-timeout=later", "--compile-timeout `later` is not a duration");
        cases.put("--no-such-option", "Unknown option");
        cases.put("--config=" + tmp.resolve("missing.properties"), "Cannot read the agent's config file");
        for (var c : cases.entrySet()) {
            Run r = run(Map.of(), new FakeClusterSteps(), args(c.getKey()));
            assertEquals(ExitCode.CONFIG.code(), r.code(), c.getKey() + ": " + r.out());
            assertTrue(r.out().contains(c.getValue()), c.getKey() + ": " + r.out());
        }
        Run token = run(Map.of("FLINKOPS_GIT_TOKEN_FILE", tmp.resolve("no-token").toString()), new FakeClusterSteps(), args());
        assertEquals(ExitCode.CONFIG.code(), token.code(), token.out());
        assertTrue(token.out().contains("Cannot read the Git token file"), token.out());
    }

    @Test
    void anUnexpectedExceptionIsABugNotBadConfiguration() throws Exception {
        // An IllegalArgumentException from deep inside used to read as "bad configuration" (2).
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Main.run(args(), Map.of(), (client, settings) -> {
            throw new IllegalArgumentException("index out of range in https://agent:s3cr3t@git.example.com/config.git");
        }, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Run bug = new Run(code, bytes.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCode.INTERNAL.code(), bug.code(), bug.out());
        assertEquals(70, ExitCode.INTERNAL.code());
        JsonNode line = bug.lines().get(bug.lines().size() - 1);
        assertEquals("error", line.get("level").asText());
        assertTrue(line.get("msg").asText().contains("This is a bug in the flinkops agent"), bug.out());
        assertTrue(line.get("stackTrace").asText().contains("IllegalArgumentException"), bug.out());
        assertFalse(bug.out().contains("s3cr3t"), "URL user info is redacted: " + bug.out());
    }

    @Test
    void aWorkDirectoryThatCannotBeCreatedStopsTheAgentButIsNoBug() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "not a directory");
        Run r = run(Map.of(), new FakeClusterSteps(), "--once", "--cluster", "prod-eu", "--repo-url", "file:///nowhere",
                "--work-dir", file.resolve("work").toString());
        assertEquals(ExitCode.FAILED.code(), r.code(), r.out());
        assertTrue(r.out().contains("could not start"), r.out());
    }

    @Test
    void leaderElectionWithoutANamespaceForItsLeaseIsAConfigurationError() throws Exception {
        assertEquals("flink-ops", Main.leaseNamespace("flink-ops", "default"), "--lease-namespace (or POD_NAMESPACE) wins");
        assertEquals("default", Main.leaseNamespace(null, "default"), "else the client's namespace");
        AgentConfigException e = org.junit.jupiter.api.Assertions.assertThrows(AgentConfigException.class, () -> Main.leaseNamespace(null, null));
        assertTrue(e.getMessage().contains("Set --lease-namespace"), e.getMessage());
        assertEquals(ExitCode.CONFIG, Main.exit(e, JsonLog.to(new java.io.PrintStream(new java.io.ByteArrayOutputStream())), Map.of()));
    }
}
