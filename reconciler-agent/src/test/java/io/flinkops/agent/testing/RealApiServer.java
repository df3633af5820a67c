package io.flinkops.agent.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.KubeAPITestException;
import io.fabric8.kubeapitest.Utils;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.binary.OSInfo;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.flinkops.agent.kube.MockKube;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real kube-apiserver with etcd (fabric8's kube-api-test), for the {@code RealApiServer*Test} classes: one per JVM,
 * started by the first test that needs it and stopped when the test run ends, with the Flink operator's CRDs
 * (release-1.15.0, {@code operator-crds/}) installed and established. Each test works in a namespace of its own
 * ({@link #namespace}), so tests share the server without seeing each other's objects.
 * <p>
 * The mock API server ({@link MockKube}) merges where the API server applies, and knows nothing of field managers or
 * of the status subresource's rules; this server is what shows them. It needs the binaries {@code kube-apiserver},
 * {@code etcd} and {@code kubectl} (kube-api-test's readiness check runs {@code kubectl}) under
 * {@code ~/.kubeapitest/k8s/<version>-<os>-<arch>/}, laid out as kube-api-test itself downloads them. Where they
 * are missing every test is <b>skipped, and says why</b> (a JUnit assumption, and one line on stderr per class):
 * never passed. Nothing is downloaded unless {@code -Dflinkops.kubeApiTest.download=true}: kube-api-test's own
 * download has no timeout, so the suite first checks that GitHub answers within seconds, and bounds the download.
 * Where the binaries are there but the server does not start, the tests fail: that is a finding, not a skip.
 * <p>
 * Why not kube-api-test's {@code @EnableKubeAPIServer}: the annotation cannot switch to offline mode, so without the
 * binaries it would start a download with no timeout (and hang where GitHub cannot be reached) instead of skipping.
 * <p>
 * System properties (each also taken from {@code mvn -D…}, which Surefire passes on):
 * <ul>
 * <li>{@value #DOWNLOAD}: {@code true} lets kube-api-test download the binaries when they are missing;</li>
 * <li>{@value #VERSION}: the Kubernetes version to use or download (e.g. {@code 1.33.0}, {@code 1.33.*}); default
 * kube-api-test's environment variable {@code KUBE_API_TEST_API_SERVER_VERSION}, else the newest present (or
 * released);</li>
 * <li>{@value #DIR}: where the binaries are; default {@code KUBE_API_TEST_DIR}, else {@code ~/.kubeapitest};</li>
 * <li>{@value #REQUIRED}: {@code true} turns the skip into a failure (for a CI that provisions the binaries, so a
 * broken provisioning is not mistaken for an environment without them).</li>
 * </ul>
 */
public final class RealApiServer implements BeforeAllCallback, BeforeEachCallback {
    public static final String DOWNLOAD = "flinkops.kubeApiTest.download";
    public static final String VERSION = "flinkops.kubeApiTest.version";
    public static final String DIR = "flinkops.kubeApiTest.dir";
    public static final String REQUIRED = "flinkops.kubeApiTest.required";
    public static final String DOWNLOAD_TIMEOUT = "flinkops.kubeApiTest.downloadTimeoutSeconds";

    /** kube-api-test's index of envtest releases; what its download reads first. */
    static final String INDEX_URL = "https://raw.githubusercontent.com/kubernetes-sigs/controller-tools/HEAD/envtest-releases.yaml";
    private static final Duration REACHABILITY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CRD_TIMEOUT = Duration.ofSeconds(60);
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RealApiServer.class);
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    /** Whether the binaries are there, decided once per JVM, so every test reports the same reason. */
    private record Availability(boolean available, String reason) {
    }

    private static Availability availability;
    private static Running running;
    private static RuntimeException startFailure;

    @Override
    public void beforeAll(ExtensionContext context) {
        Availability a = availability();
        if (!a.available()) {
            if (Boolean.getBoolean(REQUIRED)) throw new IllegalStateException(a.reason() + " (-D" + REQUIRED + "=true: failing instead of skipping)");
            System.err.println("[WARNING] " + context.getRequiredTestClass().getSimpleName() + " SKIPPED: " + a.reason());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Availability a = availability();
        Assumptions.assumeTrue(a.available(), a::reason);
        // In the root store, so JUnit stops the server (AutoCloseable) once, when the whole run ends.
        context.getRoot().getStore(STORE).getOrComputeIfAbsent(Running.class, k -> start(), Running.class);
    }

    /** The shared client (cluster admin, no client-side retries, as the agent's). Only inside a test of this suite. */
    public static KubernetesClient client() {
        if (running == null) throw new IllegalStateException("no real API server: use @ExtendWith(RealApiServer.class)");
        return running.client;
    }

    /** A client of its own (another replica, another process), closed by the caller. */
    public static KubernetesClient newClient() {
        if (running == null) throw new IllegalStateException("no real API server: use @ExtendWith(RealApiServer.class)");
        return running.newClient();
    }

    /** Creates a namespace of this test's own, {@code flink-rt-<name>-<n>}, and returns its name. */
    public static String namespace(String name) {
        String ns = ("flink-rt-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + "-" + NAMESPACES.incrementAndGet());
        if (ns.length() > 63) throw new IllegalArgumentException("namespace name too long: " + ns);
        createNamespace(ns);
        return ns;
    }

    /** Creates the namespace unless it exists. */
    public static void createNamespace(String ns) {
        KubernetesClient c = client();
        if (c.namespaces().withName(ns).get() == null) {
            c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
    }

    private static synchronized Availability availability() {
        if (availability == null) availability = checkAvailability();
        return availability;
    }

    /**
     * kube-api-test's own lookup (its {@code BinaryManager} in offline mode: files only, no network), so this check
     * and the server agree on where the binaries are. Then, only when asked to, its download, bounded.
     */
    private static Availability checkAvailability() {
        KubeAPIServerConfig offline = config(true);
        String where = Path.of(offline.getKubeAPITestDir(), BinaryManager.BINARY_LIST_DIR).toString() + File.separator
                + offline.getApiServerVersion().orElse("<version>") + Utils.platformSuffix(new OSInfo());
        String missing;
        try {
            BinaryManager found = new BinaryManager(offline);
            found.initAndDownloadIfRequired();
            return new Availability(true, "binaries found in " + found.binaries().getApiServer().getParent());
        } catch (KubeAPITestException e) {
            missing = e.getMessage();
        }
        // kube-api-test's own words only when they say more than "not found" (a version folder lacking kubectl, say).
        String prefix = "no kube-apiserver/etcd/kubectl binaries found in " + where
                + (missing != null && missing.startsWith("Binaries cannot be found") ? "" : " (kube-api-test: " + missing + ")");
        String suffix = ". These tests need a real API server; the mock-based tests (ApplyTest, PruneTest, ObserveTest, "
                + "LeadershipTest) cover the same steps against the mock. See docs/agent.md, \"Testing against a real API server\".";
        if (!Boolean.getBoolean(DOWNLOAD)) {
            return new Availability(false, prefix + ", and downloading is off (-D" + DOWNLOAD + "=true lets kube-api-test "
                    + "download them from GitHub)" + suffix);
        }
        String unreachable = unreachable(INDEX_URL);
        if (unreachable != null) return new Availability(false, prefix + ", and the download failed: " + unreachable + suffix);
        long timeout = Long.getLong(DOWNLOAD_TIMEOUT, 600);
        // A daemon thread: a download that outlives its timeout is abandoned, and does not keep the JVM alive.
        CompletableFuture<Void> download = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                new BinaryManager(config(false)).initAndDownloadIfRequired();
                download.complete(null);
            } catch (Throwable e) {
                download.completeExceptionally(e);
            }
        }, "kube-api-test download");
        t.setDaemon(true);
        t.start();
        try {
            download.get(timeout, TimeUnit.SECONDS);
            BinaryManager found = new BinaryManager(offline);
            found.initAndDownloadIfRequired();
            return new Availability(true, "binaries downloaded to " + found.binaries().getApiServer().getParent());
        } catch (TimeoutException e) {
            return new Availability(false, prefix + ", and the download did not finish within " + timeout + " s (-D" + DOWNLOAD_TIMEOUT + ")" + suffix);
        } catch (ExecutionException e) {
            return new Availability(false, prefix + ", and the download failed: " + e.getCause() + suffix);
        } catch (KubeAPITestException e) {
            return new Availability(false, prefix + ", and after the download kube-api-test still finds none: " + e.getMessage() + suffix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Availability(false, prefix + ", and the download was interrupted" + suffix);
        }
    }

    /** Why {@code url} does not answer within {@link #REACHABILITY_TIMEOUT}, or null when it does. */
    private static String unreachable(String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(REACHABILITY_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(REACHABILITY_TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() < 400 ? null : url + " answered HTTP " + r.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while reaching " + url;
        } catch (Exception e) {
            return "cannot reach " + url + " within " + REACHABILITY_TIMEOUT.toSeconds() + " s: " + e;
        }
    }

    /**
     * Every setting explicit: kube-api-test 7.5.2 reads its boolean and integer settings from the environment with a
     * cast from String that throws, so leaving one to {@code KUBE_API_TEST_OFFLINE_MODE} (say) would crash here.
     */
    private static KubeAPIServerConfig config(boolean offline) {
        KubeAPIServerConfigBuilder b = KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(offline)
                .withWaitForEtcdHealthCheckOnStartup(true)
                // Two shared cores and other builds: the API server may take longer than the default minute. (It is
                // also how long a server whose etcd died at once takes to be reported: kube-api-test waits it out.)
                .withStartupTimeout(120_000);
        Optional.ofNullable(System.getProperty(DIR)).ifPresent(b::withTestDir);
        Optional.ofNullable(System.getProperty(VERSION)).ifPresent(b::withApiServerVersion);
        return b.build();
    }

    private static synchronized Running start() {
        if (startFailure != null) throw startFailure;
        if (running != null) return running;
        KubeAPIServer server = new KubeAPIServer(config(true));
        try {
            server.start();
        } catch (RuntimeException e) {
            try {
                server.stop();
            } catch (RuntimeException ignored) {
                // it did not start; stopping is best effort
            }
            startFailure = new IllegalStateException("kube-api-test found the binaries (" + availability().reason()
                    + ") but the API server did not start: " + e, e);
            throw startFailure;
        }
        Running r = new Running(server);
        try {
            r.installCrds();
        } catch (RuntimeException e) {
            r.close();
            startFailure = new IllegalStateException("the API server started, but the operator's CRDs could not be installed: " + e, e);
            throw startFailure;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(r::close, "kube-api-test stop")); // also on Ctrl-C
        running = r;
        return r;
    }

    /** The started server and its client. */
    private static final class Running implements AutoCloseable {
        private final KubeAPIServer server;
        private final Config config;
        private final KubernetesClient client;
        private boolean closed;

        Running(KubeAPIServer server) {
            this.server = server;
            // As the agent's Main.kubeConfig: timeouts explicit, the client's own retries off (a test sees each answer).
            this.config = new ConfigBuilder(Config.fromKubeconfig(server.getKubeConfigYaml()))
                    .withConnectionTimeout(10_000)
                    .withRequestTimeout(30_000)
                    .withRequestRetryBackoffLimit(0)
                    .build();
            this.client = newClient();
        }

        KubernetesClient newClient() {
            return new KubernetesClientBuilder().withConfig(config).build();
        }

        /**
         * Creates the operator's CRDs and waits until the API server serves them: Established (names accepted, the
         * REST endpoint installed), then a list of each kind answers. The agent uses explicit resource contexts (no
         * discovery), so that is all it needs.
         */
        void installCrds() {
            for (String file : MockKube.CRDS) {
                CustomResourceDefinition crd;
                try (InputStream in = RealApiServer.class.getResourceAsStream("/crds/" + file)) {
                    if (in == null) throw new IllegalStateException("missing test resource /crds/" + file);
                    crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
                client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                                && c.getStatus().getConditions().stream().anyMatch(k -> "Established".equals(k.getType()) && "True".equals(k.getStatus())),
                                CRD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                var version = crd.getSpec().getVersions().stream().filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst().orElseThrow();
                ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(crd.getSpec().getGroup())
                        .withVersion(version.getName()).withKind(crd.getSpec().getNames().getKind())
                        .withPlural(crd.getSpec().getNames().getPlural()).withNamespaced(true).build();
                Instant deadline = Instant.now().plus(CRD_TIMEOUT);
                while (true) {
                    try {
                        client.genericKubernetesResources(context).inNamespace("default").list();
                        break;
                    } catch (KubernetesClientException e) {
                        if (e.getCode() != 404 || Instant.now().isAfter(deadline)) throw e;
                        sleep();
                    }
                }
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            try {
                client.close();
            } finally {
                server.stop(); // stops both processes and deletes etcd's data
            }
        }
    }
}
