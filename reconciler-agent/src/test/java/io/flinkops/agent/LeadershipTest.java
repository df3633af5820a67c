package io.flinkops.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
