package io.flinkops.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.flinkops.status.AgentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The agent's log lines and the libraries' lines, as log4j's JsonTemplateLayout writes them: one JSON object per line,
 * {@code ts}, {@code level}, {@code msg} and {@code logger} first, then the agent's fields at the top level.
 */
class JsonLogTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAgentLineKeepsItsFieldsAndTheirJsonTypes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLog log = JsonLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("fetch", "ok");
        steps.put("record", "skipped: the Git remote is unreachable");
        log.warn("cycle failed", "outcome", "FAILED_RETRY_SOON", "sourceCommit", "c0ffee", "statusCommit", null, "durationMs", 1234L,
                "steps", steps, "problems", List.of(new AgentStatus.Problem("fetch", "GIT_UNREACHABLE", "RETRY_SOON", "down \"quoted\"\nnext line")),
                "once", true, "maxPruneShare", 0.5, "workDir", Path.of("/var/lib/flinkops-agent"));
        log.info("second line");

        List<JsonNode> lines = lines(bytes);
        assertEquals(2, lines.size(), bytes.toString(StandardCharsets.UTF_8));
        JsonNode l = lines.get(0);
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = l.fieldNames(); it.hasNext(); ) names.add(it.next());
        assertEquals(List.of("ts", "level", "msg", "logger"), names.subList(0, 4), "people read these first: " + l);
        assertTrue(l.get("ts").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), l.toString());
        assertEquals("warn", l.get("level").asText());
        assertEquals("cycle failed", l.get("msg").asText());
        assertEquals(JsonLog.LOGGER, l.get("logger").asText());
        assertEquals("FAILED_RETRY_SOON", l.get("outcome").asText());
        assertTrue(l.get("statusCommit").isNull(), "an absent value is a JSON null, not left out: " + l);
        assertTrue(l.get("durationMs").isIntegralNumber(), l.toString());
        assertEquals(1234, l.get("durationMs").asLong());
        assertTrue(l.get("once").isBoolean());
        assertEquals(0.5, l.get("maxPruneShare").asDouble());
        assertEquals("skipped: the Git remote is unreachable", l.get("steps").get("record").asText());
        JsonNode problem = l.get("problems").get(0);
        assertEquals("GIT_UNREACHABLE", problem.get("reason").asText());
        assertEquals("down \"quoted\"\nnext line", problem.get("message").asText());
        assertTrue(l.get("workDir").asText().endsWith("/var/lib/flinkops-agent"), l.toString());
        assertEquals("info", lines.get(1).get("level").asText());
        assertFalse(lines.get(1).has("outcome"), "fields belong to their line");
    }

    @Test
    void twoLogsInOneProcessNeverWriteIntoEachOthersStream() throws Exception {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        JsonLog.to(new PrintStream(a, true, StandardCharsets.UTF_8)).info("to a");
        JsonLog.to(new PrintStream(b, true, StandardCharsets.UTF_8)).info("to b");
        assertEquals(List.of("to a"), lines(a).stream().map(l -> l.get("msg").asText()).toList());
        assertEquals(List.of("to b"), lines(b).stream().map(l -> l.get("msg").asText()).toList());
    }

    /**
     * The process's log (log4j2.xml): fabric8's own warning, an SLF4J warning with an exception under JGit's logger
     * name, and the agent's line, each one JSON object on stdout; a library's info line is left out.
     */
    @Test
    void libraryWarningsComeOutOnStdoutInTheSameJsonLayout() throws Exception {
        String plural = "warnings" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closedPort)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).build()).build()) {
            // fabric8 warns, once per resource type and JVM, when it sends a request for a version that is not stable (as
            // for the operator's v1beta1 FlinkDeployments). The port is closed: the request fails at once, after the warning.
            assertThrows(KubernetesClientException.class, () -> client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                    .withGroup("test.flinkops.io").withVersion("v1beta1").withPlural(plural).withKind("Warning").withNamespaced(true).build())
                    .inNamespace("flink-a").list());
            LoggerFactory.getLogger("org.eclipse.jgit.transport.TransportHttp").warn("fetch from https://agent:s3cr3t@git.example.com/config.git failed",
                    new IOException("connection reset"));
            LoggerFactory.getLogger("org.eclipse.jgit.transport.TransportHttp").info("library chatter");
            JsonLog.stdout().info("agent line", "cluster", "prod-eu");
        } finally {
            System.setOut(stdout);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = lines(bytes); // every line parses as JSON

        JsonNode fabric8 = lines.stream().filter(l -> l.path("msg").asText().contains(plural)).findFirst().orElseThrow(() -> new AssertionError(out));
        assertEquals("warn", fabric8.get("level").asText());
        assertTrue(fabric8.get("logger").asText().startsWith("io.fabric8.kubernetes.client"), fabric8.toString());
        assertTrue(fabric8.get("msg").asText().contains("unstable version 'v1beta1'"), fabric8.toString());

        JsonNode jgit = lines.stream().filter(l -> l.path("logger").asText().equals("org.eclipse.jgit.transport.TransportHttp")).findFirst()
                .orElseThrow(() -> new AssertionError(out));
        assertEquals("warn", jgit.get("level").asText());
        assertEquals("fetch from https://git.example.com/config.git failed", jgit.get("msg").asText(), "URL user info is removed from messages");
        assertEquals("java.io.IOException", jgit.get("exceptionClass").asText());
        assertEquals("connection reset", jgit.get("exceptionMessage").asText());
        assertTrue(jgit.get("stackTrace").asText().contains("at io.flinkops.agent.JsonLogTest"), jgit.toString());
        assertFalse(out.contains("library chatter"), "a library's info is below FLINKOPS_LIBRARY_LOG_LEVEL's default (warn): " + out);

        JsonNode agent = lines.stream().filter(l -> l.path("msg").asText().equals("agent line")).findFirst().orElseThrow(() -> new AssertionError(out));
        assertEquals("info", agent.get("level").asText());
        assertEquals("prod-eu", agent.get("cluster").asText());
        assertFalse(agent.has("exceptionClass"), agent.toString());
    }

    /** The real entry point in a process of its own: its log level comes from FLINKOPS_LOG_LEVEL. */
    @Test
    @Timeout(120)
    void theLevelComesFromFlinkopsLogLevel() throws Exception {
        String defaults = agentWithoutACluster(null);
        List<JsonNode> lines = lines(defaults);
        assertEquals(1, lines.size(), defaults);
        assertEquals("error", lines.get(0).get("level").asText());
        assertTrue(lines.get(0).get("msg").asText().contains("No cluster is configured"), defaults);
        assertEquals(ExitCode.CONFIG.code(), lines.get(0).get("exitCode").asInt());

        String fatalOnly = agentWithoutACluster("fatal");
        assertEquals("", fatalOnly.strip(), "an error is below fatal");
    }

    /** Runs Main (the test's classpath) with no settings: it logs why it stops and exits 2; returns its stdout. */
    private static String agentWithoutACluster(String level) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classpath, Main.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("FLINKOPS_"));
        if (level != null) pb.environment().put("FLINKOPS_LOG_LEVEL", level);
        Path err = Files.createTempFile("agent-stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String stderr = Files.readString(err);
        Files.delete(err);
        assertEquals(ExitCode.CONFIG.code(), p.exitValue(), out + stderr);
        // Nothing besides the JSON lines: no SLF4J provider warning, no log4j status message.
        assertEquals("", stderr);
        return out;
    }

    static List<JsonNode> lines(ByteArrayOutputStream bytes) throws IOException {
        return lines(bytes.toString(StandardCharsets.UTF_8));
    }

    static List<JsonNode> lines(String text) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String s : text.split("\n")) {
            if (s.isBlank()) continue;
            JsonNode n = JSON.readTree(s);
            assertTrue(n.isObject(), s);
            l.add(n);
        }
        return l;
    }
}
