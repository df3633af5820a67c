package io.flinkops.agent;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkops.agent.kube.MockKube;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

@EnableKubernetesMockClient(crud = true)
class LeadershipTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    @Timeout(60)
    void twoReplicasNeverLeadAtOnceAndTheSecondTakesOverWhenTheFirstStops() throws Exception {
        Leadership.Timing timing = new Leadership.Timing(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));
        AtomicInteger leaders = new AtomicInteger();
        AtomicInteger maxLeaders = new AtomicInteger();
        List<String> started = new CopyOnWriteArrayList<>();
        CompletableFuture<?>[] running = new CompletableFuture<?>[2];
        String[] ids = {"replica-a", "replica-b"};
        for (int i = 0; i < 2; i++) {
            String id = ids[i];
            running[i] = Leadership.elector(client, "flinkops-system", "flinkops-agent-prod-eu", id, timing,
                    () -> {
                        started.add(id);
                        maxLeaders.accumulateAndGet(leaders.incrementAndGet(), Math::max);
                    },
                    leaders::decrementAndGet,
                    leader -> { }).start();
            if (i == 0) {
                while (started.isEmpty()) Thread.sleep(20); // the first replica leads
            }
        }
        Thread.sleep(3000); // several lease durations: the standby must not take over while the leader renews
        assertEquals(List.of("replica-a"), started);
        running[0].cancel(true); // the leader stops (and releases the Lease)
        long deadline = System.currentTimeMillis() + 20_000;
        while (started.size() < 2 && System.currentTimeMillis() < deadline) Thread.sleep(50);
        assertEquals(List.of("replica-a", "replica-b"), started);
        assertEquals(1, maxLeaders.get(), "never two leaders at once");
        assertTrue(client.leases().inNamespace("flinkops-system").withName("flinkops-agent-prod-eu").get() != null);
        running[1].cancel(true);
    }

    @Test
    void identitiesAreDistinctWithoutPodName() {
        // No POD_NAME, no HOSTNAME (a plain `java -jar`, or an image whose shell does not export HOSTNAME).
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) ids.add(Leadership.identity(Map.of()));
        assertEquals(50, ids.size(), ids.toString());
        // The same HOSTNAME (hostNetwork pods on one node, two processes on one machine) still gives two identities.
        String a = Leadership.identity(Map.of("HOSTNAME", "node-7"));
        String b = Leadership.identity(Map.of("HOSTNAME", "node-7"));
        assertNotEquals(a, b);
        assertTrue(a.matches("node-7-[0-9a-f]{8}"), a);
        // POD_NAME is unique by Kubernetes and readable in `kubectl get lease`: used as it is.
        assertEquals("flinkops-agent-7d9f-x2k4", Leadership.identity(Map.of("POD_NAME", "flinkops-agent-7d9f-x2k4", "HOSTNAME", "node-7")));
        assertNotEquals("", Leadership.identity(Map.of("POD_NAME", " ")).trim());
    }

    /** Two replicas started without POD_NAME or HOSTNAME, against one Lease: exactly one leads, and it is named in the Lease. */
    @Test
    @Timeout(60)
    void twoReplicasWithoutPodNameElectExactlyOneLeader() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            Leadership.Timing timing = new Leadership.Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMillis(200));
            AtomicInteger leaders = new AtomicInteger();
            List<Leadership> replicas = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 2; i++) {
                Leadership l = new Leadership(kube.client(), "flinkops-system", "flinkops-agent", Leadership.identity(Map.of()), timing,
                        Clock.systemUTC(), new Leadership.Listener() {
                    @Override
                    public void leading() {
                        leaders.incrementAndGet();
                    }

                    @Override
                    public void lost() {
                        leaders.decrementAndGet();
                    }
                });
                replicas.add(l);
            }
            assertNotEquals(replicas.get(0).identity(), replicas.get(1).identity());
            replicas.forEach(Leadership::start);
            long deadline = System.currentTimeMillis() + 20_000;
            while (leaders.get() == 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            // Both keep trying for several retry periods; neither may join the leader.
            long attempts = replicas.get(0).attempts() + replicas.get(1).attempts();
            while (replicas.get(0).attempts() + replicas.get(1).attempts() < attempts + 10 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(1, leaders.get());
            assertEquals(1, replicas.stream().filter(Leadership::leading).count());
            Leadership leader = replicas.stream().filter(Leadership::leading).findFirst().orElseThrow();
            Lease lease = kube.client().leases().inNamespace("flinkops-system").withName("flinkops-agent").get();
            assertEquals(leader.identity(), lease.getSpec().getHolderIdentity());
            replicas.forEach(Leadership::stop);
        }
    }

    /** A deliberate stop releases the Lease, so the standby leads within a retry period, far sooner than the lease expires. */
    @Test
    @Timeout(60)
    void stopReleasesTheLeaseAndTheStandbyLeadsAtOnce() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            Leadership.Timing timing = new Leadership.Timing(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMillis(200));
            List<String> events = new CopyOnWriteArrayList<>();
            Leadership a = replica(kube, "replica-a", timing, events);
            a.start();
            long deadline = System.currentTimeMillis() + 20_000;
            while (!a.leading() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertTrue(a.leading());
            Leadership b = replica(kube, "replica-b", timing, events);
            b.start();
            long attempts = b.attempts();
            while (b.attempts() < attempts + 2 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertFalse(b.leading(), "the Lease is held and not expired");

            long stoppedAt = System.nanoTime();
            assertTrue(a.stop(), "the Lease was held and is released");
            assertFalse(a.leading());
            while (!b.leading() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            Duration handOver = Duration.ofNanos(System.nanoTime() - stoppedAt);
            assertTrue(b.leading());
            assertTrue(handOver.compareTo(Duration.ofSeconds(10)) < 0, "handed over in " + handOver + ", the lease lasts 30 s");
            assertEquals("replica-b", kube.client().leases().inNamespace("flinkops-system").withName("flinkops-agent").get().getSpec().getHolderIdentity());
            assertEquals(List.of("replica-a leading", "replica-b leading"), events, "a deliberate stop is not reported as lost");
            assertTrue(b.stop());
            assertNull(kube.client().leases().inNamespace("flinkops-system").withName("flinkops-agent").get().getSpec().getHolderIdentity());
        }
    }

    private static Leadership replica(MockKube kube, String identity, Leadership.Timing timing, List<String> events) {
        return new Leadership(kube.client(), "flinkops-system", "flinkops-agent", identity, timing, Clock.systemUTC(), new Leadership.Listener() {
            @Override
            public void leading() {
                events.add(identity + " leading");
            }

            @Override
            public void lost() {
                events.add(identity + " lost");
            }
        });
    }
}
