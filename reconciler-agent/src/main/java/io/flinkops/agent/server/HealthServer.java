package io.flinkops.agent.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz} (liveness: the process and its loop are alive; a standby whose election keeps trying is alive),
 * {@code /readyz} (a cycle has completed, or this replica stands by for the Lease; a 503 says why not, such as an API
 * server it cannot reach) and {@code /metrics} (the Prometheus client's exposition of {@link Metrics#registry()}), on
 * the JDK's own HTTP server. Given a role, the bodies of {@code /healthz} and {@code /readyz} name it
 * ({@code ok (standby)}), for people; probes only read the status code.
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    public HealthServer(InetSocketAddress address, BooleanSupplier healthy, BooleanSupplier ready, PrometheusRegistry metrics) throws IOException {
        this(address, healthy, () -> ready.getAsBoolean() ? Optional.empty() : Optional.of("not ready"), metrics);
    }

    /** @param notReady why this replica is not ready (the body of a 503 from {@code /readyz}); empty when it is */
    public HealthServer(InetSocketAddress address, BooleanSupplier healthy, Supplier<Optional<String>> notReady, PrometheusRegistry metrics) throws IOException {
        this(address, healthy, notReady, () -> null, metrics);
    }

    /** @param role the replica's role for the bodies (leader, standby, stopping); null leaves it out */
    public HealthServer(InetSocketAddress address, BooleanSupplier healthy, Supplier<Optional<String>> notReady, Supplier<String> role,
                        PrometheusRegistry metrics) throws IOException {
        server = HttpServer.create(address, 0);
        server.createContext("/healthz", ex -> {
            boolean ok = healthy.getAsBoolean(); // read once: code and body agree
            respond(ex, ok ? 200 : 503, (ok ? "ok" : "unhealthy") + roleSuffix(role) + "\n", "text/plain");
        });
        server.createContext("/readyz", ex -> {
            Optional<String> why = notReady.get();
            String body = why.map(w -> w.startsWith("not ready") ? w : "not ready: " + w).orElse("ready");
            respond(ex, why.isPresent() ? 503 : 200, body + roleSuffix(role) + "\n", "text/plain");
        });
        // The client library's handler: it negotiates the format with the scraper's Accept header (OpenMetrics when
        // asked, else the text format 0.0.4; protobuf for native histograms), gzips when asked, and filters by name[].
        MetricsHandler exposition = new MetricsHandler(PrometheusProperties.get(), metrics);
        server.createContext("/metrics", ex -> {
            if ("GET".equals(ex.getRequestMethod()) || "HEAD".equals(ex.getRequestMethod())) exposition.handle(ex);
            else respond(ex, 405, "", "text/plain"); // as the other paths
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flinkops-agent-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    private static String roleSuffix(Supplier<String> role) {
        String r = role.get();
        return r == null ? "" : " (" + r + ")";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int code, String body, String type) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(code, -1);
                return;
            }
            ex.sendResponseHeaders(code, bytes.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
