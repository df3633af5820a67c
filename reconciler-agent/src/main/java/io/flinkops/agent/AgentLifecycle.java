package io.flinkops.agent;

import io.flinkops.agent.server.Metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A looping agent's life: stand by for the Lease, run cycles while leading, report liveness and readiness, and stop
 * on SIGTERM without leaving the Lease to expire.
 * <ul>
 * <li><b>Liveness</b> ({@link #healthy}) says whether restarting the process could help. A leader is live while its
 * loop makes progress. A standby is live while its election loop keeps trying, however long another replica leads:
 * restarting it would only make it stand by again. Without leader election the replica always leads.</li>
 * <li><b>Readiness</b> ({@link #ready}): a leader once a cycle has completed; a standby always.</li>
 * <li><b>Shutdown</b> ({@link #shutdown}, from the JVM's shutdown hook on SIGTERM): no new cycle starts and the wait
 * between cycles ends at once; a cycle in progress may finish within the grace period. Then the Lease is released
 * (holder cleared), so a standby leads within its retry period. A cycle that is still running after the grace
 * period is interrupted (it is safe to run again: apply is idempotent, record rebuilds on the tip); if it does not
 * end even then, the Lease is <em>not</em> released but left to expire, so that two replicas never apply at
 * once.</li>
 * <li><b>Lost Lease</b>: {@code onLost} runs at once (the agent halts the JVM, without shutdown hooks: it holds
 * nothing to release, and another replica may already apply).</li>
 * </ul>
 */
public final class AgentLifecycle {
    /** What runs cycles ({@link AgentLoop}). */
    public interface Loop {
        /** Runs cycles until {@code keepGoing} is false; reads it between cycles only. */
        void run(BooleanSupplier keepGoing) throws InterruptedException;

        /** Ends a wait between cycles at once. */
        void wake();

        /** The loop made progress within {@code max}. */
        boolean alive(Duration max);

        boolean completedOne();
    }

    /** What {@code /healthz} says this replica is. */
    public enum Role {
        LEADER, STANDBY, STOPPING;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How long an interrupted cycle may take to end before the Lease is left to expire instead of released. */
    static final Duration ABANDON_WAIT = Duration.ofSeconds(2);

    private final Loop loop;
    private final Leadership leadership;
    private final Metrics metrics;
    private final JsonLog log;
    private final Clock clock;
    private final Duration loopLiveness;
    private final Duration electionLiveness;
    private final Runnable onLost;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean leading;
    private volatile boolean stopping;
    private volatile boolean stopped;
    private volatile Instant leadingSince;
    private volatile Throwable failure;
    private Thread worker;

    /**
     * @param election         builds the election with this lifecycle as its listener; null: no election, this replica
     *                         always leads
     * @param loopLiveness     how long a leader's loop may go without progress before the replica counts as dead
     * @param electionLiveness how long a standby's election loop may go without an attempt ({@link Leadership.Timing#electionLiveness})
     * @param onLost           runs when the Lease is lost; must stop this replica from applying
     */
    public AgentLifecycle(Loop loop, Function<Leadership.Listener, Leadership> election, Metrics metrics, JsonLog log, Clock clock,
                          Duration loopLiveness, Duration electionLiveness, Runnable onLost) {
        this.loop = loop;
        this.metrics = metrics;
        this.log = log;
        this.clock = clock;
        this.loopLiveness = loopLiveness;
        this.electionLiveness = electionLiveness;
        this.onLost = onLost;
        this.leadership = election == null ? null : election.apply(new Listener());
    }

    /**
     * Runs until {@link #shutdown} has finished (returns true), or the loop ended on its own (returns false; rethrows
     * what ended it). Does not return when the Lease is lost and {@code onLost} halts the JVM.
     */
    public boolean run() throws Exception {
        synchronized (this) {
            // A SIGTERM that came before (while the agent waited for the API server): take no Lease on the way out.
            if (stopping) return true;
            if (leadership == null) {
                log.info("leader election is off: this replica runs cycles");
                startLeading();
            } else {
                log.info("standing by for the Lease", "identity", leadership.identity());
                leadership.start();
            }
        }
        done.await();
        if (failure instanceof Exception e) throw e;
        if (failure instanceof Error e) throw e;
        return stopped;
    }

    private final class Listener implements Leadership.Listener {
        @Override
        public void leading() {
            log.info("became leader", "identity", leadership.identity());
            startLeading();
        }

        @Override
        public void lost() {
            leading = false;
            metrics.leader(false);
            // Another replica may take over: stop at once; the pod restarts and stands by.
            log.warn("lost the Lease; exiting so that only the new leader applies", "identity", leadership.identity());
            onLost.run();
        }

        @Override
        public void newLeader(String identity) {
            if (identity != null && !identity.equals(leadership.identity())) log.info("the leader is " + identity);
        }
    }

    private synchronized void startLeading() {
        if (stopping) return; // shutdown() releases what was just acquired
        leadingSince = clock.instant();
        leading = true;
        metrics.leader(true);
        worker = new Thread(() -> {
            try {
                loop.run(() -> leading && !stopping);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure = e;
                log.error("the agent loop stopped on an error: " + e, "error", String.valueOf(e));
            } finally {
                // A loop that ends without shutdown() or a lost Lease ends the process (which then releases the Lease).
                if (!stopping && leading) done.countDown();
            }
        }, "flinkops-agent-loop");
        worker.start();
    }

    /**
     * Stops this replica: no new cycle, the current one gets {@code grace} to finish, then the Lease is released.
     * Idempotent; a second call waits for the first.
     */
    public void shutdown(Duration grace) {
        Thread w;
        synchronized (this) {
            if (stopping) {
                awaitDone();
                return;
            }
            stopping = true;
            w = worker;
        }
        log.info("stopping: no new cycle starts", "role", leading ? Role.LEADER.label() : Role.STANDBY.label(), "graceMs", grace.toMillis());
        loop.wake();
        boolean ended = w == null || join(w, grace);
        if (!ended) {
            log.warn("the cycle did not finish within the grace period; interrupting it (the next leader runs it again)", "graceMs", grace.toMillis());
            w.interrupt();
            ended = join(w, ABANDON_WAIT);
        }
        if (leadership != null) {
            if (ended) {
                boolean released = leadership.stop();
                log.info(released ? "released the Lease; a standby takes over now" : "stopped; this replica did not hold the Lease",
                        "identity", leadership.identity());
            } else {
                log.warn("the cycle did not stop; the Lease is left to expire, so that two replicas never apply at once",
                        "identity", leadership.identity());
            }
        }
        leading = false;
        metrics.leader(false);
        stopped = true;
        done.countDown();
    }

    private void awaitDone() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean join(Thread t, Duration max) {
        try {
            t.join(Math.max(1, max.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    /** Liveness: see the class comment. A replica that is stopping is live (it is on its way out anyway). */
    public boolean healthy() {
        if (stopping) return true;
        if (leading) {
            // Right after taking the Lease the loop's last progress may be old (it stood by): count from the takeover.
            Instant since = leadingSince;
            return loop.alive(loopLiveness) || (since != null && Duration.between(since, clock.instant()).compareTo(loopLiveness) <= 0);
        }
        return leadership == null || leadership.electionAlive(electionLiveness);
    }

    /** Readiness: a leader once a cycle has completed, a standby always. */
    public boolean ready() {
        return !leading || loop.completedOne();
    }

    /** Why this replica is not ready; empty when it is ({@link #ready}). */
    public Optional<String> notReady() {
        return ready() ? Optional.empty() : Optional.of("no cycle has completed yet");
    }

    public Role role() {
        return stopping ? Role.STOPPING : leading ? Role.LEADER : Role.STANDBY;
    }
}
