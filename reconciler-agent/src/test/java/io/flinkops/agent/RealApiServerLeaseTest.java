package io.flinkops.agent;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkops.agent.testing.RealApiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Leader election ({@link Leadership}) on a real API server's Lease: two replicas, each with a client of its own, as
 * two pods. The API server's optimistic concurrency (resourceVersion) is what keeps them from both taking the Lease,
 * which the mock's CRUD mode does not enforce the same way.
 */
@ExtendWith(RealApiServer.class)
@Timeout(120)
class RealApiServerLeaseTest {
    static final String NAME = "flinkops-agent-prod-eu";

    @Test
    void theStandbyWaitsWhileTheLeaderRenews_andTakesOverWithinSecondsWhenTheLeaderReleases() throws Exception {
        String ns = RealApiServer.namespace("lease");
        // A lease far longer than the hand-over the test allows: a take-over within it proves the release.
        Leadership.Timing timing = new Leadership.Timing(Duration.ofSeconds(20), Duration.ofSeconds(15), Duration.ofMillis(500));
        List<String> events = new CopyOnWriteArrayList<>();
        try (KubernetesClient a = RealApiServer.newClient(); KubernetesClient b = RealApiServer.newClient()) {
            CompletableFuture<?> leaderA = Leadership.elector(a, ns, NAME, "replica-a", timing,
                    () -> events.add("a started"), () -> events.add("a stopped"), leader -> { }).start();
            awaitTrue(() -> events.contains("a started"), Duration.ofSeconds(30), "replica-a leads");
            CompletableFuture<?> leaderB = Leadership.elector(b, ns, NAME, "replica-b", timing,
                    () -> events.add("b started"), () -> events.add("b stopped"), leader -> { }).start();
            try {
                Lease lease = lease(a, ns);
                assertEquals("replica-a", lease.getSpec().getHolderIdentity());
                assertEquals(20, lease.getSpec().getLeaseDurationSeconds());
                var renewed = lease.getSpec().getRenewTime();

                // Several of the standby's retries, and several renewals: the standby must not take over.
                Thread.sleep(4_000);
                assertEquals(List.of("a started"), events);
                Lease later = lease(a, ns);
                assertEquals("replica-a", later.getSpec().getHolderIdentity());
                assertTrue(later.getSpec().getRenewTime().isAfter(renewed), "the leader renews: " + renewed + " → " + later.getSpec().getRenewTime());

                long stoppedAt = System.nanoTime();
                leaderA.cancel(true); // the leader stops, and releases the Lease
                awaitTrue(() -> events.contains("b started"), Duration.ofSeconds(15), "replica-b takes over");
                Duration handOver = Duration.ofNanos(System.nanoTime() - stoppedAt);
                assertTrue(handOver.compareTo(timing.lease()) < 0, "handed over in " + handOver + ", before the lease of " + timing.lease()
                        + " ran out: the leader released it");
                awaitTrue(() -> events.contains("a stopped"), Duration.ofSeconds(5), "replica-a was told it stopped leading");
                // fabric8 tells the old leader after it has released the Lease, so the order of these two callbacks
                // is not asserted: what counts is the Lease, which names one holder at a time.
                assertEquals(3, events.size(), events::toString);
                assertEquals("a started", events.get(0));
                Lease taken = lease(b, ns);
                assertEquals("replica-b", taken.getSpec().getHolderIdentity());
                assertTrue(taken.getSpec().getLeaseTransitions() >= 1, "a transition is recorded: " + taken.getSpec());
            } finally {
                leaderA.cancel(true);
                leaderB.cancel(true);
            }
        }
    }

    private static Lease lease(KubernetesClient client, String ns) {
        Lease lease = client.leases().inNamespace(ns).withName(NAME).get();
        assertNotNull(lease, "the Lease exists");
        return lease;
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within " + timeout);
            Thread.sleep(50);
        }
    }
}
