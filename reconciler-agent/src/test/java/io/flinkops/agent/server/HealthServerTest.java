package io.flinkops.agent.server;

import io.flinkops.agent.cycle.CycleReports;
import io.flinkops.agent.cycle.Observation;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.Step;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.cycle.StepReport;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;
import io.flinkops.status.DeploymentStatus;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class HealthServerTest {
    static final String C = "prod-eu";

    /** Two cycles: one that succeeded (fetch, apply, prune, observe), one whose fetch failed on an unreachable remote. */
    static Metrics twoCycles() {
        Metrics metrics = new Metrics(C);
        metrics.record(CycleReports.fetched("c0ffee")
                .step(StepReport.ok(Step.FETCH, 1, Duration.ofMillis(200), List.of()))
                .step(StepReport.ok(Step.APPLY, 1, Duration.ofMillis(1200), List.of())).applied(new ApplyResult(List.of("a", "b"), List.of(), List.of()))
                .step(StepReport.ok(Step.PRUNE, 1, Duration.ofMillis(30), List.of())).pruned(new PruneResult(List.of("c"), List.of(), List.of()))
                .step(StepReport.ok(Step.OBSERVE, 1, Duration.ofMillis(40), List.of()))
                .observed(new Observation(null, Map.of(
                        "flink-a/orders", status("flink-a", "orders", "RUNNING"),
                        "flink-a/clicks", status("flink-a", "clicks", "FAILED"))))
                .took(Duration.ofMillis(1500)), 1_000_000L);
        metrics.record(CycleReports.fetched(null)
                .step(StepReport.failed(Step.FETCH, 3, Duration.ofSeconds(4), new StepFailure(Reason.GIT_UNREACHABLE, "down")))
                .step(StepReport.skipped(Step.APPLY, "the Git remote is unreachable"))
                .took(Duration.ofSeconds(4)), 2_000_000L);
        return metrics;
    }

    static DeploymentStatus status(String ns, String name, String state) {
        return new DeploymentStatus(ns, name, "c0ffee", "RUNNING", state, null, List.of(), null, null, "2026-01-01T00:00:00Z");
    }

    @Test
    void servesHealthReadinessAndTheMetricsInThePrometheusTextFormat() throws Exception {
        Metrics metrics = twoCycles();
        metrics.leader(true);
        metrics.drift(3);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer server = new HealthServer(new InetSocketAddress("127.0.0.1", 0), () -> true, ready::get, metrics.registry())) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(200, get(http, base + "/healthz", null).statusCode());
            assertEquals(503, get(http, base + "/readyz", null).statusCode());
            ready.set(true);
            assertEquals(200, get(http, base + "/readyz", null).statusCode());

            HttpResponse<String> m = get(http, base + "/metrics", null);
            assertEquals(200, m.statusCode());
            assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), m.headers().toString());
            Scrape s = Scrape.parse(m.body());

            assertEquals(1, s.value("flinkops_agent_cycles_total", "outcome", "succeeded"));
            assertEquals(1, s.value("flinkops_agent_cycles_total", "outcome", "failed_retry_soon"));
            assertEquals(0, s.value("flinkops_agent_cycles_total", "outcome", "needs_human"), "every outcome is there from the start");
            assertEquals(2, s.value("flinkops_agent_applied_objects_total"));
            assertEquals(1, s.value("flinkops_agent_pruned_objects_total"));
            assertEquals(1, s.value("flinkops_agent_errors_total", "recovery", "retry_soon"));
            assertEquals(0, s.value("flinkops_agent_errors_total", "recovery", "needs_human"));
            // Git and API problems are told apart by reason; each reason carries its recovery.
            assertEquals(1, s.value("flinkops_agent_errors_by_reason_total", "reason", "git_unreachable", "recovery", "retry_soon"));
            assertEquals(0, s.value("flinkops_agent_errors_by_reason_total", "reason", "api_forbidden", "recovery", "needs_human"));
            assertEquals(0, s.value("flinkops_agent_errors_by_reason_total", "reason", "api_unavailable", "recovery", "retry_soon"));
            assertEquals(1, s.value("flinkops_agent_last_successful_revision_info", "revision", "c0ffee"));
            assertEquals(1000, s.value("flinkops_agent_last_success_timestamp_seconds"));
            assertEquals(4, s.value("flinkops_agent_last_cycle_duration_seconds"));
            assertEquals(1, s.value("flinkops_agent_leader"));
            assertEquals(3, s.value("flinkops_agent_drifted_objects"));

            // The cycle histogram: the configured buckets, cumulative, by outcome.
            Set<String> bounds = s.labelValues("flinkops_agent_cycle_duration_seconds_bucket", "le", "outcome", "succeeded");
            Set<String> expected = new TreeSet<>();
            for (double b : Metrics.CYCLE_BUCKETS) expected.add(String.valueOf(b));
            expected.add("+Inf");
            assertEquals(expected, bounds);
            assertEquals(0, s.value("flinkops_agent_cycle_duration_seconds_bucket", "outcome", "succeeded", "le", "1.0"));
            assertEquals(1, s.value("flinkops_agent_cycle_duration_seconds_bucket", "outcome", "succeeded", "le", "2.5"));
            assertEquals(1, s.value("flinkops_agent_cycle_duration_seconds_bucket", "outcome", "succeeded", "le", "+Inf"));
            assertEquals(1.5, s.value("flinkops_agent_cycle_duration_seconds_sum", "outcome", "succeeded"), 1e-9);
            assertEquals(1, s.value("flinkops_agent_cycle_duration_seconds_count", "outcome", "succeeded"));
            assertEquals(0, s.value("flinkops_agent_cycle_duration_seconds_bucket", "outcome", "failed_retry_soon", "le", "2.5"));
            assertEquals(1, s.value("flinkops_agent_cycle_duration_seconds_bucket", "outcome", "failed_retry_soon", "le", "5.0"));
            assertEquals(0, s.value("flinkops_agent_cycle_duration_seconds_count", "outcome", "needs_human"));

            // Per step: a failed step is timed with its retries; a skipped step is not observed.
            assertEquals(2, s.value("flinkops_agent_step_duration_seconds_count", "step", "fetch"));
            assertEquals(4.2, s.value("flinkops_agent_step_duration_seconds_sum", "step", "fetch"), 1e-9);
            assertEquals(1, s.value("flinkops_agent_step_duration_seconds_bucket", "step", "fetch", "le", "0.25"));
            assertEquals(2, s.value("flinkops_agent_step_duration_seconds_bucket", "step", "fetch", "le", "5.0"));
            assertEquals(1, s.value("flinkops_agent_step_duration_seconds_count", "step", "apply"));
            assertEquals(0, s.value("flinkops_agent_step_duration_seconds_count", "step", "record"));

            // One series per deployment and state: 1 for the state observed, 0 for the others.
            assertEquals(1, s.value("flinkops_deployment_state", "namespace", "flink-a", "deployment", "orders", "state", "RUNNING"));
            assertEquals(0, s.value("flinkops_deployment_state", "namespace", "flink-a", "deployment", "orders", "state", "FAILED"));
            assertEquals(1, s.value("flinkops_deployment_state", "namespace", "flink-a", "deployment", "clicks", "state", "FAILED"));
            assertEquals(Set.copyOf(Metrics.DEPLOYMENT_STATES), s.labelValues("flinkops_deployment_state", "state", "deployment", "orders"));

            // The agent's metrics carry the cluster; the JVM's are the client library's own, without it.
            for (Sample x : s.samples) {
                if (x.name.startsWith("flinkops_")) assertEquals(C, x.labels.get("cluster"), x.toString());
            }
            assertTrue(s.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0, "JVM metrics");
            assertTrue(s.samples.stream().anyMatch(x -> x.name.equals("jvm_threads_current")), "JVM metrics");
            assertTrue(s.samples.stream().anyMatch(x -> x.name.equals("process_cpu_seconds_total")), "process metrics");
            assertTrue(m.body().contains("# TYPE flinkops_agent_cycle_duration_seconds histogram\n"), m.body());
            assertTrue(m.body().contains("# HELP flinkops_agent_cycles_total Cycles run, by outcome.\n"), m.body());
        }
    }

    @Test
    void aScraperThatAsksForOpenMetricsGetsIt() throws Exception {
        Metrics metrics = twoCycles();
        try (HealthServer server = new HealthServer(new InetSocketAddress("127.0.0.1", 0), () -> true, () -> true, metrics.registry())) {
            HttpResponse<String> m = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.port() + "/metrics",
                    "application/openmetrics-text; version=1.0.0; charset=utf-8,text/plain;version=0.0.4;q=0.5");
            assertEquals(200, m.statusCode());
            assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text; version=1.0.0"), m.headers().toString());
            String body = m.body();
            assertTrue(body.endsWith("# EOF\n"), body);
            assertTrue(body.contains("# TYPE flinkops_agent_cycles counter\n"), body);
            assertTrue(body.contains("# UNIT flinkops_agent_cycle_duration_seconds seconds\n"), body);
            assertTrue(body.contains("# TYPE flinkops_agent_last_successful_revision info\n"), body);
            Scrape s = Scrape.parse(body);
            assertEquals(1, s.value("flinkops_agent_cycles_total", "outcome", "succeeded"));
            assertEquals(1, s.value("flinkops_agent_last_successful_revision_info", "revision", "c0ffee"));
        }
    }

    @Test
    void metricsAreReadOnlyAndCanBeSelectedByName() throws Exception {
        Metrics metrics = twoCycles();
        try (HealthServer server = new HealthServer(new InetSocketAddress("127.0.0.1", 0), () -> true, () -> true, metrics.registry())) {
            HttpClient http = HttpClient.newHttpClient();
            String url = "http://127.0.0.1:" + server.port() + "/metrics";
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            Scrape one = Scrape.parse(get(http, url + "?name[]=flinkops_agent_leader", null).body());
            assertEquals(Set.of("flinkops_agent_leader"), one.samples.stream().map(Sample::name).collect(Collectors.toSet()));
        }
    }

    @Test
    void eachAgentHasItsOwnRegistry() throws Exception {
        twoCycles();
        Metrics fresh = new Metrics("other");
        try (HealthServer server = new HealthServer(new InetSocketAddress("127.0.0.1", 0), () -> true, () -> true, fresh.registry())) {
            Scrape s = Scrape.parse(get(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.port() + "/metrics", null).body());
            for (Sample x : s.samples) {
                if (x.name.startsWith("flinkops_")) assertEquals("other", x.labels.get("cluster"), x.toString());
            }
            assertEquals(0, s.value("flinkops_agent_cycles_total", Map.of("cluster", "other", "outcome", "succeeded")));
            assertTrue(s.labelValues("flinkops_deployment_state", "deployment", "cluster", "other").isEmpty());
            assertFalse(s.samples.stream().anyMatch(x -> x.name.startsWith("flinkops_agent_last_successful_revision")), "no success yet");
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (accept != null) b.header("Accept", accept);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A scrape in the text format 0.0.4 or OpenMetrics, parsed: each sample line's name, labels and value. */
    record Scrape(List<Sample> samples) {
        static Scrape parse(String body) {
            List<Sample> samples = new ArrayList<>();
            for (String line : body.split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                int i = 0;
                while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') i++;
                String name = line.substring(0, i);
                assertTrue(name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), line);
                Map<String, String> labels = new TreeMap<>();
                if (line.charAt(i) == '{') {
                    i++;
                    while (line.charAt(i) != '}') {
                        int eq = line.indexOf('=', i);
                        String key = line.substring(i, eq);
                        assertEquals('"', line.charAt(eq + 1), line);
                        StringBuilder v = new StringBuilder();
                        int j = eq + 2;
                        for (; line.charAt(j) != '"'; j++) {
                            char ch = line.charAt(j);
                            if (ch == '\\') {
                                char n = line.charAt(++j);
                                v.append(n == 'n' ? '\n' : n);
                            } else {
                                v.append(ch);
                            }
                        }
                        labels.put(key, v.toString());
                        i = j + 1;
                        if (line.charAt(i) == ',') i++;
                    }
                    i++;
                }
                assertEquals(' ', line.charAt(i), line);
                String[] rest = line.substring(i + 1).split(" ");
                samples.add(new Sample(name, labels, parseValue(rest[0])));
            }
            return new Scrape(samples);
        }

        static double parseValue(String v) {
            return switch (v) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(v);
            };
        }

        /** The value of the one sample of {@code name} with the cluster {@value C} and exactly {@code labels}. */
        double value(String name, String... labels) {
            Map<String, String> want = new TreeMap<>();
            want.put("cluster", C);
            for (int i = 0; i < labels.length; i += 2) want.put(labels[i], labels[i + 1]);
            return value(name, want);
        }

        double value(String name, Map<String, String> labels) {
            List<Sample> found = samples.stream().filter(x -> x.name.equals(name) && x.labels.equals(new TreeMap<>(labels))).toList();
            assertEquals(1, found.size(), name + labels + " in\n" + samples.stream().filter(x -> x.name.equals(name)).map(Sample::toString).collect(Collectors.joining("\n")));
            return found.get(0).value;
        }

        /** The values of label {@code label} on the samples of {@code name} that have {@code otherLabel = otherValue}. */
        Set<String> labelValues(String name, String label, String otherLabel, String otherValue) {
            return samples.stream().filter(x -> x.name.equals(name) && otherValue.equals(x.labels.get(otherLabel)))
                    .map(x -> x.labels.get(label)).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
