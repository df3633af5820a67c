package io.flinkops.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flinkops.agent.testing.GitFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Without a reachable Kubernetes API server the looping agent says so within seconds, on every retry, and on
 * {@code /readyz}; a server that hangs is given up on after the configured request timeout. The API server is named
 * in a kubeconfig (fabric8's {@code kubeconfig} system property, restored afterwards), as outside a cluster.
 */
@Timeout(60)
class ApiReachabilityTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    String kubeconfigBefore;

    @BeforeEach
    void saveKubeconfig() {
        kubeconfigBefore = System.getProperty("kubeconfig");
    }

    @AfterEach
    void restoreKubeconfig() {
        if (kubeconfigBefore == null) System.clearProperty("kubeconfig");
        else System.setProperty("kubeconfig", kubeconfigBefore);
    }

    void kubeconfig(String server) throws IOException {
        Path file = tmp.resolve("kubeconfig");
        Files.writeString(file, "apiVersion: v1\nkind: Config\n"
                + "clusters:\n- name: c\n  cluster:\n    server: " + server + "\n"
                + "contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: default\n"
                + "current-context: c\nusers:\n- name: u\n  user: {}\n");
        System.setProperty("kubeconfig", file.toString());
    }

    static List<JsonNode> lines(ByteArrayOutputStream out, String containing) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            JsonNode json = JSON.readTree(line);
            if (json.path("msg").asText().contains(containing)) found.add(json);
        }
        return found;
    }

    static String threadDump(Thread t) {
        StringBuilder sb = new StringBuilder("\n" + t.getName() + ":\n");
        for (StackTraceElement e : t.getStackTrace()) sb.append("  at ").append(e).append('\n');
        return sb.toString();
    }

    @Test
    void aClosedPortIsReportedWithinSecondsAndOnEveryRetryAndOnReadyz() throws Exception {
        int apiPort;
        int httpPort;
        // Two distinct free ports (both held while chosen): the agent's own HTTP server must not land on the API's port.
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            apiPort = a.getLocalPort(); // nothing listens there once it is closed
            httpPort = b.getLocalPort();
        }
        String api = "http://127.0.0.1:" + apiPort;
        kubeconfig(api);
        try (GitFixture fixture = new GitFixture(tmp.resolve("git"))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            String[] args = {"--cluster", "prod-eu", "--repo-url", fixture.fileUrl(), "--path", "config", "--work-dir", tmp.resolve("work").toString(),
                    "--allowed-namespaces", "flink-*", "--http-port", Integer.toString(httpPort), "--lease-namespace", "default"};
            int[] code = {-1};
            Thread agent = new Thread(() -> code[0] = Main.run(args, Map.of(), Main::kubernetesSteps, out), "agent-under-test");
            long start = System.nanoTime();
            agent.start();
            try {
                String says = "cannot reach the Kubernetes API at " + api;
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (lines(bytes, says).size() < 2 && agent.isAlive() && System.nanoTime() < until) Thread.sleep(50);
                List<JsonNode> warnings = lines(bytes, says);
                assertEquals(2, warnings.size(), () -> bytes.toString(StandardCharsets.UTF_8) + threadDump(agent));
                assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(15)) < 0,
                        "said twice within seconds, not minutes: " + bytes);
                JsonNode first = warnings.get(0);
                assertEquals("warn", first.get("level").asText());
                assertEquals("API_UNAVAILABLE", first.get("reason").asText());
                assertEquals(api, first.get("apiServer").asText().replaceAll("/$", ""));
                assertTrue(first.get("msg").asText().endsWith("; retrying in 1s"), first.toString());
                assertTrue(first.get("msg").asText().toLowerCase().contains("refused"), "why: " + first);
                assertTrue(first.get("retryInSeconds").isNumber(), first.toString());
                assertEquals(1, first.get("retryInSeconds").asInt());
                assertEquals(2, warnings.get(1).get("retryInSeconds").asInt(), "backoff");

                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(503, ready.statusCode());
                assertTrue(ready.body().startsWith("not ready: cannot reach the Kubernetes API at " + api), ready.body());
                HttpResponse<String> healthy = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, healthy.statusCode(), "waiting for the API server is not a reason to be restarted");
            } finally {
                agent.interrupt();
                agent.join(20_000);
            }
            assertFalse(agent.isAlive());
            assertEquals(ExitCode.FAILED.code(), code[0], bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anApiServerThatAcceptsAndNeverAnswersIsGivenUpOnAfterTheRequestTimeout() throws Exception {
        List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) accepted.add(silent.accept());
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            kubeconfig("http://127.0.0.1:" + silent.getLocalPort());
            Main main = new Main(Map.of("FLINKOPS_KUBE_REQUEST_TIMEOUT", "1s"), (c, s) -> null, System.out);
            String[] args = {"--once", "--cluster", "prod-eu", "--repo-url", "file:///x", "--kube-connect-timeout", "2s"};
            var cli = new picocli.CommandLine(main);
            cli.setDefaultValueProvider(Main.defaults(args, Map.of("FLINKOPS_KUBE_REQUEST_TIMEOUT", "1s")));
            cli.parseArgs(args);
            AgentSettings s = main.settings();
            var config = Main.kubeConfig(s);
            assertEquals(1000, config.getRequestTimeout());
            assertEquals(2000, config.getConnectionTimeout());
            assertEquals(0, config.getRequestRetryBackoffLimit(), "the cycle retries, not the client inside every call");

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
                ApiReachability api = new ApiReachability(client, JsonLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8)),
                        Duration.ofMillis(10), Duration.ofMillis(10), d -> { });
                long start = System.nanoTime();
                Optional<String> problem = api.probe();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(problem.isPresent());
                assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "a 1 s request timeout took " + took + ": " + problem);
            }
            assertFalse(accepted.isEmpty(), "the server accepted the connection");
            synchronized (accepted) {
                for (Socket sock : accepted) sock.close();
            }
        }
    }
}
