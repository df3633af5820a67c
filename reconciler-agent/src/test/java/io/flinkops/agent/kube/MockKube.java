package io.flinkops.agent.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * A fabric8 mock API server in CRUD mode for tests: bound to 127.0.0.1 on a free port, the Flink operator's CRDs
 * (release-1.15.0, from {@code operator-crds/} at the top of the project) registered so {@code status} is a subresource, server-side apply
 * accepted ({@link ApplyPatchCrudDispatcher}), and faults injectable per request ({@link #faults()}). Use it in
 * try-with-resources so the server stops also when the test fails.
 * <p>
 * {@link #client()} does not retry (so an injected fault reaches the code under test) and times out after
 * {@code requestTimeoutMillis}.
 */
public final class MockKube implements AutoCloseable {
    public static final List<String> CRDS = List.of("flinkdeployments.flink.apache.org-v1.yml", "flinksessionjobs.flink.apache.org-v1.yml",
            "flinkstatesnapshots.flink.apache.org-v1.yml");

    /** Held so the setting is not collected: the mock logs every request at INFO through java.util.logging. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final ApplyPatchCrudDispatcher crud = new ApplyPatchCrudDispatcher();
    private final FaultInjector faults = new FaultInjector(crud);
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    public MockKube() {
        this(2_000);
    }

    @SuppressWarnings("deprecation") // the mock's Context wants a plain ObjectMapper; fabric8's own is the fitting one
    public MockKube(int requestTimeoutMillis) {
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(), faults, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The CRDs are large: register them with a patient client, whatever timeout the test wants.
        try (KubernetesClient setup = newClient(30_000)) {
            for (String crd : CRDS) {
                try (InputStream in = MockKube.class.getResourceAsStream("/crds/" + crd)) {
                    if (in == null) throw new IllegalStateException("missing test resource /crds/" + crd);
                    CustomResourceDefinition definition = Serialization.unmarshal(in, CustomResourceDefinition.class);
                    setup.apiextensions().v1().customResourceDefinitions().resource(definition).create();
                }
            }
        } catch (IOException | RuntimeException e) {
            server.destroy();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        client = newClient(requestTimeoutMillis);
    }

    /** A new client for this server: no retries, the given request timeout. */
    public KubernetesClient newClient(int requestTimeoutMillis) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getPort())
                .withNamespace("default")
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout(requestTimeoutMillis)
                .withConnectionTimeout(requestTimeoutMillis)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public KubernetesClient client() {
        return client;
    }

    public FaultInjector faults() {
        return faults;
    }

    public ApplyPatchCrudDispatcher crud() {
        return crud;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.destroy();
        }
    }
}
