package io.flinkops.agent;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flinkops.agent.cycle.Backoff;
import io.flinkops.agent.cycle.Cycle;
import io.flinkops.agent.cycle.CycleState;
import io.flinkops.agent.cycle.CycleStep;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.Step;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.cycle.StepResult;
import io.flinkops.agent.kube.MockKube;
import io.flinkops.agent.server.HealthServer;
import io.flinkops.agent.server.Metrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.flinkops.agent.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The looping agent's life against the fabric8 mock API server: the real {@link AgentLoop}, {@link Leadership} and
 * Lease, with a cycle whose one step the test holds, so "in the middle of a cycle" is a state the test controls.
 * The Lease lasts 30 s in every test: a hand-over within a few seconds can only be a release.
 */
class AgentLifecycleTest {
    static final String NS = "flinkops-system";
    static final String LEASE = "flinkops-agent-prod-eu";
    static final Leadership.Timing TIMING = new Leadership.Timing(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMillis(200));

    /** The cycle's one step: counts its runs, and blocks until released (ignoring interrupts unless told otherwise). */
    static final class HeldStep implements CycleStep {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();
        final boolean interruptible;
        volatile CountDownLatch entered = new CountDownLatch(1);

        HeldStep(boolean interruptible) {
            this.interruptible = interruptible;
        }

        /** Never blocks: every cycle runs straight through. */
        static HeldStep open() {
            HeldStep s = new HeldStep(true);
            s.release.countDown();
            return s;
        }

        @Override
        public Step id() {
            return Step.APPLY;
        }

        @Override
        public StepResult run(CycleState state) throws StepFailure {
            runs.incrementAndGet();
            entered.countDown();
            while (true) {
                try {
                    if (release.await(50, TimeUnit.MILLISECONDS)) return StepResult.DONE;
                } catch (InterruptedException e) {
                    if (interruptible) {
                        Thread.currentThread().interrupt();
                        throw new StepFailure(Reason.API_ERROR, "interrupted");
                    }
                }
            }
        }
    }

    /** One agent replica: the real loop over a held step, its lifecycle, and what it logged. */
    static final class Replica implements AutoCloseable {
        final String identity;
        final HeldStep step;
        final AgentLoop loop;
        final AgentLifecycle lifecycle;
        final ByteArrayOutputStream logs = new ByteArrayOutputStream();
        final List<String> lost = new CopyOnWriteArrayList<>();
        final AtomicReference<Leadership> election = new AtomicReference<>();
        final AtomicReference<Object> result = new AtomicReference<>();
        final Thread thread;

        /** @param kube null: no leader election */
        Replica(MockKube kube, String identity, HeldStep step, Clock clock, Duration interval) {
            this.identity = identity;
            this.step = step;
            Metrics metrics = new Metrics("prod-eu");
            JsonLog log = JsonLog.to(new PrintStream(logs, true, StandardCharsets.UTF_8));
            Cycle cycle = new Cycle(List.of(step), new Backoff(1, Duration.ofMillis(1), Duration.ofMillis(1)), d -> { }, clock);
            // No fetch step: the loop never asks the (absent) repository whether the branch moved.
            loop = new AgentLoop(cycle, null, metrics, log, clock, interval, interval, interval);
            lifecycle = new AgentLifecycle(loop,
                    kube == null ? null : listener -> {
                        Leadership l = new Leadership(kube.client(), NS, LEASE, identity, TIMING, clock, listener);
                        election.set(l);
                        return l;
                    },
                    metrics, log, clock, Duration.ofMinutes(8), TIMING.electionLiveness(), () -> lost.add(identity));
            thread = new Thread(() -> {
                try {
                    result.set(lifecycle.run());
                } catch (Exception e) {
                    result.set(e);
                }
            }, "replica-" + identity);
            thread.start();
        }

        String log() {
            return logs.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws InterruptedException {
            step.release.countDown();
            lifecycle.shutdown(Duration.ofSeconds(5));
            thread.join(5_000);
        }
    }

    static String holder(KubernetesClient client) {
        Lease lease = client.leases().inNamespace(NS).withName(LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    static void await(BooleanSupplier condition, Duration max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("not within " + max + ": " + what);
            Thread.sleep(20);
        }
    }

    /** Waits until the election loop has made {@code n} more attempts (reads of the Lease). */
    static void attempts(Leadership l, int n) throws InterruptedException {
        long target = l.attempts() + n;
        await(() -> l.attempts() >= target, Duration.ofSeconds(20), "election attempts");
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Timeout(60)
    void aStandbyStaysLiveHoweverLongAnotherReplicaLeads() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            var leader = Leadership.elector(kube.client(), NS, LEASE, "replica-a", TIMING, () -> { }, () -> { }, id -> { }).start();
            await(() -> "replica-a".equals(holder(kube.client())), Duration.ofSeconds(20), "replica-a leads");

            MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
            try (Replica b = new Replica(kube, "replica-b", HeldStep.open(), clock, Duration.ofMinutes(1));
                 HealthServer http = new HealthServer(new InetSocketAddress("127.0.0.1", 0), b.lifecycle::healthy, b.lifecycle::notReady,
                         () -> b.lifecycle.role().label(), new PrometheusRegistry())) {
                await(() -> b.election.get() != null, Duration.ofSeconds(10), "the election starts");
                Leadership election = b.election.get();
                // Before the fix a standby's liveness was its loop's progress: dead after about five minutes. Now it is
                // live as long as its election keeps trying, here for six hours of the test's clock.
                for (Duration step : List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(5))) {
                    clock.advance(step);
                    attempts(election, 1);
                    assertEquals(AgentLifecycle.Role.STANDBY, b.lifecycle.role());
                    assertTrue(b.lifecycle.healthy());
                    HttpResponse<String> healthz = get(http.port(), "/healthz");
                    assertEquals(200, healthz.statusCode());
                    assertEquals("ok (standby)\n", healthz.body());
                    HttpResponse<String> readyz = get(http.port(), "/readyz");
                    assertEquals(200, readyz.statusCode(), "a standby is ready");
                    assertEquals("ready (standby)\n", readyz.body());
                }
                assertEquals(0, b.step.runs.get(), "a standby runs no cycle");

                // An election loop that stopped trying is dead, and the probe says so.
                election.stop();
                // An attempt still in flight could note the advanced time: wait until no attempt comes any more.
                for (long seen = -1; seen != election.attempts(); Thread.sleep(TIMING.retryPeriod().multipliedBy(4).toMillis())) {
                    seen = election.attempts();
                }
                clock.advance(TIMING.electionLiveness().plusSeconds(1));
                assertFalse(b.lifecycle.healthy());
                HttpResponse<String> dead = get(http.port(), "/healthz");
                assertEquals(503, dead.statusCode());
                assertEquals("unhealthy (standby)\n", dead.body());
            }
            leader.cancel(true);
        }
    }

    @Test
    @Timeout(60)
    void aLeaderIsLiveWhileItsLoopProgresses() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        HeldStep step = new HeldStep(true);
        try (Replica r = new Replica(null, "solo", step, clock, Duration.ofMinutes(1))) {
            step.entered.await(10, TimeUnit.SECONDS);
            assertEquals(AgentLifecycle.Role.LEADER, r.lifecycle.role());
            assertTrue(r.lifecycle.healthy());
            assertFalse(r.lifecycle.ready(), "no cycle has completed yet");
            clock.advance(Duration.ofMinutes(9)); // a cycle stuck for longer than the loop's liveness window (8 min here)
            assertFalse(r.lifecycle.healthy());
            step.release.countDown();
            await(r.loop::completedOne, Duration.ofSeconds(10), "the cycle completes");
            assertTrue(r.lifecycle.healthy());
            assertTrue(r.lifecycle.ready());
        }
    }

    /**
     * SIGTERM in the middle of a cycle: the cycle finishes, no new one starts, the Lease is released, and the standby
     * leads within a second or so, not after the 30 s lease.
     */
    @Test
    @Timeout(60)
    void shutdownFinishesTheCycleReleasesTheLeaseAndTheStandbyLeadsAtOnce() throws Exception {
        try (MockKube kube = new MockKube(10_000);
             Replica a = new Replica(kube, "replica-a", new HeldStep(true), Clock.systemUTC(), Duration.ofMillis(1))) {
            assertTrue(a.step.entered.await(20, TimeUnit.SECONDS), "replica-a leads and is in a cycle");
            assertEquals("replica-a", holder(kube.client()));
            try (Replica b = new Replica(kube, "replica-b", HeldStep.open(), Clock.systemUTC(), Duration.ofHours(1))) {
                await(() -> b.election.get() != null, Duration.ofSeconds(10), "replica-b stands by");
                handOver(kube, a, b);
            }
        }
    }

    /** replica-a leads and is in a cycle, replica-b stands by: SIGTERM replica-a. */
    private static void handOver(MockKube kube, Replica a, Replica b) throws Exception {
        Thread sigterm = new Thread(() -> a.lifecycle.shutdown(Duration.ofSeconds(20)));
        sigterm.start();
        await(() -> a.lifecycle.role() == AgentLifecycle.Role.STOPPING, Duration.ofSeconds(5), "replica-a is stopping");
        attempts(b.election.get(), 3);
        assertEquals("replica-a", holder(kube.client()), "the Lease is kept while the cycle finishes");
        assertTrue(sigterm.isAlive());

        a.step.release.countDown(); // the cycle ends
        sigterm.join(10_000);
        assertFalse(sigterm.isAlive());
        long released = System.nanoTime();
        await(() -> b.lifecycle.role() == AgentLifecycle.Role.LEADER, Duration.ofSeconds(10), "replica-b leads");
        Duration handOver = Duration.ofNanos(System.nanoTime() - released);
        assertTrue(handOver.compareTo(Duration.ofSeconds(5)) < 0, "hand-over took " + handOver);
        assertEquals("replica-b", holder(kube.client()));
        await(() -> b.step.runs.get() == 1, Duration.ofSeconds(10), "replica-b runs its first cycle");

        a.thread.join(5_000);
        assertEquals(Boolean.TRUE, a.result.get(), "run() returns after a shutdown");
        assertEquals(1, a.step.runs.get(), "no cycle starts after SIGTERM, though the interval (1 ms) was due");
        assertEquals(List.of(), a.lost, "a release is not a lost Lease");
        assertTrue(a.log().contains("released the Lease; a standby takes over now"), a.log());
    }

    @Test
    @Timeout(60)
    void aCycleThatOutlivesTheGraceIsInterruptedThenTheLeaseIsReleased() throws Exception {
        try (MockKube kube = new MockKube(10_000);
             Replica a = new Replica(kube, "replica-a", new HeldStep(true), Clock.systemUTC(), Duration.ofHours(1))) {
            assertTrue(a.step.entered.await(20, TimeUnit.SECONDS));
            long start = System.nanoTime();
            a.lifecycle.shutdown(Duration.ofMillis(300));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
            assertNull(holder(kube.client()), "released: nobody holds the Lease");
            assertTrue(a.log().contains("interrupting it"), a.log());
            assertTrue(a.log().contains("released the Lease"), a.log());
        }
    }

    /** A cycle that does not stop even when interrupted might still write: the Lease is left to expire, not released. */
    @Test
    @Timeout(60)
    void aCycleThatDoesNotStopLeavesTheLeaseToExpire() throws Exception {
        try (MockKube kube = new MockKube(10_000);
             Replica a = new Replica(kube, "replica-a", new HeldStep(false), Clock.systemUTC(), Duration.ofHours(1))) {
            assertTrue(a.step.entered.await(20, TimeUnit.SECONDS));
            a.lifecycle.shutdown(Duration.ofMillis(300));
            assertEquals("replica-a", holder(kube.client()), "not released while the cycle may still apply");
            assertTrue(a.log().contains("the Lease is left to expire"), a.log());
            a.step.release.countDown();
            a.loop.wake();
            a.election.get().stop(); // the test's own cleanup: the process would exit here
        }
    }

    @Test
    @Timeout(60)
    void aLostLeaseStopsTheReplicaAtOnce() throws Exception {
        try (MockKube kube = new MockKube(10_000);
             Replica a = new Replica(kube, "replica-a", HeldStep.open(), Clock.systemUTC(), Duration.ofHours(1))) {
            await(() -> a.step.runs.get() == 1, Duration.ofSeconds(20), "replica-a leads and ran a cycle");
            // Another holder appears (this replica's renewals were too late, say) and its lease has not expired. The
            // edit carries the resourceVersion it read: retried when a renewal came in between (409).
            for (int attempt = 1; ; attempt++) {
                try {
                    kube.client().leases().inNamespace(NS).withName(LEASE).edit(l -> {
                        l.getSpec().setHolderIdentity("intruder");
                        l.getSpec().setRenewTime(ZonedDateTime.now());
                        l.getSpec().setLeaseDurationSeconds(30);
                        return l;
                    });
                    break;
                } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                    if (e.getCode() != 409 || attempt >= 20) throw e;
                }
            }
            await(() -> !a.lost.isEmpty(), Duration.ofSeconds(10), "the loss is noticed");
            assertEquals(List.of("replica-a"), a.lost);
            assertNotEquals(AgentLifecycle.Role.LEADER, a.lifecycle.role());
            assertEquals("intruder", holder(kube.client()), "nothing released what is not ours");
            assertTrue(a.log().contains("lost the Lease"), a.log());
        }
    }

    /** Without leader election SIGTERM ends the wait between cycles at once, even with an hour until the next poll. */
    @Test
    @Timeout(30)
    void withoutElectionShutdownEndsTheWaitBetweenCyclesAtOnce() throws Exception {
        try (Replica solo = new Replica(null, "solo", HeldStep.open(), Clock.systemUTC(), Duration.ofHours(1))) {
            await(solo.loop::completedOne, Duration.ofSeconds(10), "the first cycle");
            long start = System.nanoTime();
            solo.lifecycle.shutdown(Duration.ofSeconds(20));
            solo.thread.join(5_000);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
            assertEquals(Boolean.TRUE, solo.result.get());
            assertEquals(1, solo.step.runs.get());
        }
    }
}
