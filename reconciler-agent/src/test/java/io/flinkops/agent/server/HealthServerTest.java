package io.flinkops.agent.server;

import io.flinkops.agent.cycle.CycleReports;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.Step;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.cycle.StepReport;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

class HealthServerTest {

    @Test
    void servesHealthReadinessAndPrometheusText() throws Exception {
        Metrics metrics = new Metrics("prod-eu");
        metrics.record(CycleReports.fetched("c0ffee")
                .step(StepReport.ok(Step.APPLY, 1, Duration.ZERO, List.of())).applied(new ApplyResult(List.of("a", "b"), List.of(), List.of()))
                .step(StepReport.ok(Step.PRUNE, 1, Duration.ZERO, List.of())).pruned(new PruneResult(List.of("c"), List.of(), List.of()))
                .took(Duration.ofMillis(1500)), 1_000_000L);
        metrics.record(CycleReports.fetched(null)
                .step(StepReport.failed(Step.FETCH, 3, Duration.ZERO, new StepFailure(Reason.GIT_UNREACHABLE, "down")))
                .took(Duration.ofMillis(1500)), 2_000_000L);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer server = new HealthServer(new InetSocketAddress("127.0.0.1", 0), () -> true, ready::get, metrics::text)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            assertEquals(200, get(http, base + "/healthz").statusCode());
            assertEquals(503, get(http, base + "/readyz").statusCode());
            ready.set(true);
            assertEquals(200, get(http, base + "/readyz").statusCode());
            HttpResponse<String> m = get(http, base + "/metrics");
            assertEquals(200, m.statusCode());
            assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String body = m.body();
            assertTrue(body.contains("flinkops_agent_cycles_total{cluster=\"prod-eu\",outcome=\"succeeded\"} 1\n"), body);
            assertTrue(body.contains("flinkops_agent_cycles_total{cluster=\"prod-eu\",outcome=\"failed_retry_soon\"} 1\n"), body);
            assertTrue(body.contains("flinkops_agent_applied_objects_total{cluster=\"prod-eu\"} 2\n"), body);
            assertTrue(body.contains("flinkops_agent_pruned_objects_total{cluster=\"prod-eu\"} 1\n"), body);
            assertTrue(body.contains("flinkops_agent_errors_total{cluster=\"prod-eu\",recovery=\"retry_soon\"} 1\n"), body);
            assertTrue(body.contains("flinkops_agent_errors_by_reason_total{cluster=\"prod-eu\",reason=\"git_unreachable\"} 1\n"), body);
            assertTrue(body.contains("flinkops_agent_errors_by_reason_total{cluster=\"prod-eu\",reason=\"api_forbidden\"} 0\n"), body);
            assertTrue(body.contains("flinkops_agent_last_successful_revision_info{cluster=\"prod-eu\",revision=\"c0ffee\"} 1\n"), body);
            assertTrue(body.contains("flinkops_agent_cycle_duration_seconds_sum{cluster=\"prod-eu\"} 3\n"), body);
            assertTrue(body.contains("flinkops_agent_last_success_timestamp_seconds{cluster=\"prod-eu\"} 1000\n"), body);
            for (String line : body.split("\n")) {
                assertTrue(line.startsWith("#") || line.matches("[a-z_]+\\{[^}]*} [0-9.eE+-]+"), line);
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
