package io.flinkops.agent;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Leader election on a Kubernetes Lease (fabric8's {@link LeaderElector}), so that two replicas never apply at once.
 * On top of fabric8 it adds what the agent's lifecycle needs:
 * <ul>
 * <li>a heartbeat of the election loop ({@link #electionAlive}): every attempt to read the Lease, leading or standing
 * by, successful or not, counts, so a standby that keeps trying is live and one whose loop died is not;</li>
 * <li>a deliberate hand-over ({@link #stop}): the Lease is released (holder cleared, as client-go does; fabric8's own
 * release keeps the holder) so a standby takes it within its retry period instead of waiting for the lease to expire;
 * losing the Lease otherwise is reported to {@link Listener#lost}.</li>
 * </ul>
 */
public final class Leadership {
    /** Lease timing: a new leader takes over at most {@code lease} after the old one stopped renewing. */
    public record Timing(Duration lease, Duration renewDeadline, Duration retryPeriod) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(5));

        /**
         * How long the election loop may go without an attempt before the replica counts as dead: fabric8 tries every
         * retry period (up to 2.2 times that with its jitter), and each attempt is at most a request timeout long, so
         * four lease durations are many missed attempts, not one slow API server.
         */
        public Duration electionLiveness() {
            Duration byLease = lease.multipliedBy(4);
            Duration byRetry = retryPeriod.multipliedBy(10);
            return byLease.compareTo(byRetry) >= 0 ? byLease : byRetry;
        }
    }

    /** What happens to this replica's leadership. Called on fabric8's threads. */
    public interface Listener {
        /** This replica now holds the Lease. */
        void leading();

        /**
         * This replica held the Lease and lost it (a renewal failed or its deadline passed), not through {@link #stop}:
         * another replica may already apply.
         */
        void lost();

        /** The Lease names a new holder (null: released). */
        default void newLeader(String identity) {
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Clock clock;
    private final Lock lock;
    private final LeaderElector elector;
    private final AtomicLong attempts = new AtomicLong();
    private volatile Instant lastAttempt;
    private volatile boolean leading;
    private volatile boolean stopping;
    private CompletableFuture<?> running;

    public Leadership(KubernetesClient client, String namespace, String name, String identity, Timing timing, Clock clock, Listener listener) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.clock = clock;
        this.lastAttempt = clock.instant();
        this.lock = new Heartbeat(new LeaseLock(namespace, name, identity));
        var config = new LeaderElectionConfigBuilder()
                .withName(name)
                .withLock(lock)
                .withLeaseDuration(timing.lease())
                .withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retryPeriod())
                // On cancel (stop()), fabric8 clears the holder and sets a 1 s lease: the standby acquires on its next try.
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            leading = true;
                            listener.leading();
                        },
                        () -> {
                            leading = false;
                            // fabric8 calls this both when it released the Lease for stop() and when the Lease was lost.
                            if (!stopping) listener.lost();
                        },
                        listener::newLeader))
                .build();
        this.elector = client.leaderElector().withConfig(config).build();
    }

    /**
     * A bare fabric8 elector on the same Lease settings (release on cancel), without the heartbeat: for tests that only
     * need a replica holding or contending for the Lease.
     */
    public static LeaderElector elector(KubernetesClient client, String namespace, String name, String identity, Timing timing,
                                        Runnable onStartLeading, Runnable onStopLeading, java.util.function.Consumer<String> onNewLeader) {
        var config = new LeaderElectionConfigBuilder()
                .withName(name)
                .withLock(new LeaseLock(namespace, name, identity))
                .withLeaseDuration(timing.lease())
                .withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(onStartLeading, onStopLeading, onNewLeader))
                .build();
        return client.leaderElector().withConfig(config).build();
    }

    /**
     * This replica's Lease identity: {@code POD_NAME} when set (Kubernetes makes it unique), else the host name with a
     * random suffix. The host name alone is not unique: pods with {@code hostNetwork} share the node's, two processes
     * on one machine share it, and without {@code HOSTNAME} every replica would fall back to the same constant, and
     * two replicas with one identity both believe they hold the Lease.
     */
    public static String identity(Map<String, String> env) {
        String pod = env.get("POD_NAME");
        if (pod != null && !pod.isBlank()) return pod.trim();
        String host = env.get("HOSTNAME");
        if (host == null || host.isBlank()) host = localHostName();
        return host.trim() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String localHostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "flinkops-agent" : name;
        } catch (java.io.IOException | RuntimeException e) {
            return "flinkops-agent";
        }
    }

    public String identity() {
        return lock.identity();
    }

    /** Starts the election loop (non-blocking). */
    public synchronized void start() {
        if (running != null) throw new IllegalStateException("the election has started already");
        running = elector.start();
    }

    /** This replica holds the Lease, as far as the last attempt saw. */
    public boolean leading() {
        return leading;
    }

    /** The election loop attempted to read the Lease within {@code max} (by the clock given), whatever it found. */
    public boolean electionAlive(Duration max) {
        return Duration.between(lastAttempt, clock.instant()).compareTo(max) <= 0;
    }

    /** Attempts so far; for tests that wait for the next one. */
    long attempts() {
        return attempts.get();
    }

    /**
     * Stops the election and, when this replica holds the Lease, releases it: clears its holder, so that a standby
     * takes over on its next attempt. Returns whether the Lease was released by this call. Does not call
     * {@link Listener#lost}.
     */
    public boolean stop() {
        CompletableFuture<?> r;
        synchronized (this) {
            stopping = true;
            r = running;
        }
        if (r == null) return false;
        boolean held = holdsLease();
        // Stops the renewals. fabric8 then "releases" (releaseOnCancel) with a JSON merge patch that leaves the holder
        // out, since its serializer drops nulls: the holder stays and only the lease shrinks to 1 s.
        r.cancel(true);
        return held && clearHolder();
    }

    /**
     * Clears the holder, as client-go's release does, if it is still this replica. The merge patch carries the
     * resourceVersion read, so a replica that took the Lease in between is never cleared (the API server answers 409).
     */
    private boolean clearHolder() {
        var resource = client.leases().inNamespace(namespace).withName(name);
        for (int attempt = 1; ; attempt++) {
            try {
                Lease lease = resource.get();
                if (lease == null || lease.getSpec() == null || !Objects.equals(lease.getSpec().getHolderIdentity(), identity())) return false;
                resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"resourceVersion\":\"" + lease.getMetadata().getResourceVersion()
                        + "\"},\"spec\":{\"holderIdentity\":null,\"leaseDurationSeconds\":1}}");
                return !holdsLease();
            } catch (KubernetesClientException e) {
                // 409: fabric8's own release wrote in between; read again. Otherwise the 1 s lease it left expires soon.
                if (e.getCode() != 409 || attempt >= 3) return false;
            }
        }
    }

    private boolean holdsLease() {
        try {
            LeaderElectionRecord r = lock.get(client);
            return r != null && Objects.equals(r.getHolderIdentity(), lock.identity());
        } catch (KubernetesClientException e) {
            return false;
        }
    }

    /** The Lease lock, noting the time of every read: the election loop reads it on every attempt. */
    private final class Heartbeat implements Lock {
        private final Lock delegate;

        Heartbeat(Lock delegate) {
            this.delegate = delegate;
        }

        @Override
        public LeaderElectionRecord get(KubernetesClient client) {
            try {
                return delegate.get(client);
            } finally {
                lastAttempt = clock.instant();
                attempts.incrementAndGet();
            }
        }

        @Override
        public void create(KubernetesClient client, LeaderElectionRecord record) {
            delegate.create(client, record);
        }

        @Override
        public void update(KubernetesClient client, LeaderElectionRecord record) {
            delegate.update(client, record);
        }

        @Override
        public String identity() {
            return delegate.identity();
        }

        @Override
        public String describe() {
            return delegate.describe();
        }
    }
}
