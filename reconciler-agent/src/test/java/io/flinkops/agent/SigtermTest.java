package io.flinkops.agent;

import io.flinkops.agent.kube.MockKube;
import io.flinkops.agent.testing.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A real SIGTERM to a real agent process: {@code Main} in a JVM of its own (the test's classpath), its Kubernetes
 * client built from a kubeconfig naming the mock API server, the config repo a bare repository on disk. The JVM's
 * shutdown hook must let the cycle end and release the Lease, so a standby (in the test's JVM) leads at once.
 */
class SigtermTest {
    static final String NS = "flinkops-system";
    static final String LEASE = "flinkops-agent-prod-eu";

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void sigtermLetsTheCycleEndAndReleasesTheLease() throws Exception {
        try (GitFixture git = new GitFixture(tmp.resolve("git"));
             MockKube kube = new MockKube(10_000)) {
            Path kubeconfig = tmp.resolve("kubeconfig");
            Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\n"
                    + "clusters:\n- name: mock\n  cluster:\n    server: http://127.0.0.1:" + kube.port() + "\n"
                    + "contexts:\n- name: mock\n  context:\n    cluster: mock\n    user: mock\n    namespace: default\n"
                    + "current-context: mock\nusers:\n- name: mock\n  user: {}\n");
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-cp", classpath, Main.class.getName(),
                    "--cluster", "prod-eu", "--repo-url", git.fileUrl(), "--path", "config", "--work-dir", tmp.resolve("work").toString(),
                    "--allowed-namespaces", "flink-*,bi-streaming", "--http-port", "0", "--interval", "1h",
                    "--lease-namespace", NS, "--lease-name", LEASE, "--shutdown-grace", "90s");
            pb.environment().remove("POD_NAME");
            pb.environment().put("HOSTNAME", "sigterm-test");
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            pb.redirectErrorStream(true);
            Process agent = pb.start();
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (java.io.IOException e) {
                    lines.add("reader: " + e);
                }
            });
            reader.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (lines.stream().noneMatch(l -> l.contains("became leader")) && agent.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
                assertTrue(lines.stream().anyMatch(l -> l.contains("became leader")), String.join("\n", lines));
                String identity = AgentLifecycleTest.holder(kube.client());
                assertNotNull(identity);
                assertTrue(identity.matches("sigterm-test-[0-9a-f]{8}"), identity);

                List<String> events = new ArrayList<>();
                Leadership standby = new Leadership(kube.client(), NS, LEASE, "standby", new Leadership.Timing(Duration.ofSeconds(30),
                        Duration.ofSeconds(20), Duration.ofMillis(200)), Clock.systemUTC(), new Leadership.Listener() {
                    @Override
                    public void leading() {
                        events.add("leading");
                    }

                    @Override
                    public void lost() {
                        events.add("lost");
                    }
                });
                standby.start();

                // SIGTERM, as the kubelet sends it. (Process.destroy() would also close the pipe we read the log from.)
                assertTrue(agent.toHandle().destroy());
                assertTrue(agent.waitFor(120, TimeUnit.SECONDS), String.join("\n", lines));
                long exited = System.nanoTime();
                reader.join(5_000);
                String log = String.join("\n", lines);
                assertEquals(143, agent.exitValue(), "terminated by SIGTERM (128 + 15)\n" + log);
                assertTrue(log.contains("\"msg\":\"stopping: no new cycle starts\""), log);
                assertTrue(log.contains("released the Lease; a standby takes over now"), log);
                int cycleEnd = indexOf(lines, "\"msg\":\"cycle ");
                assertTrue(cycleEnd >= 0 && cycleEnd < indexOf(lines, "released the Lease"), "the cycle ended before the release\n" + log);
                assertNotEquals(identity, AgentLifecycleTest.holder(kube.client()), "the agent's holder is cleared");

                while (!standby.leading() && System.nanoTime() - exited < Duration.ofSeconds(10).toNanos()) Thread.sleep(20);
                assertTrue(standby.leading(), "the standby leads within seconds, not after the 30 s lease");
                assertEquals("standby", AgentLifecycleTest.holder(kube.client()));
                standby.stop();
            } finally {
                agent.destroyForcibly();
            }
        }
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(part)) return i;
        return -1;
    }
}
