package io.flinkops.agent.kube;

import io.flinkops.status.DeploymentStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The job restarts seen, per deployment, over VVP's longest window (60 min). The operator's status has no restart
 * counter, so a restart is counted when an observation finds the job RESTARTING or FAILING after one that did not
 * (each entry counts once, however many cycles it stays there), or finds a new job id for the same spec generation
 * after the job had failed (the operator resubmitted it).
 * <p>
 * <b>Durable:</b> what this needs (the restart times, the last job state and generation; the job id is the status's
 * own) goes into each deployment's status file ({@link DeploymentStatus.Restarts}), and a deployment this process has
 * not observed yet is {@link #seed seeded} from the file on the status branch. So an agent restart, a new leader or
 * the next {@code --once} run continues the count instead of starting from nothing: no spurious JobFailing
 * True→False at a fail-over, and {@code --once} runs raise the conditions too. Within one process the memory here
 * wins over the branch (it also holds observations whose status push failed). The branch is as fresh as the last
 * status commit: restarts seen after it by a leader that then died are lost, and restarts between two observations
 * that the job recovered from are not seen at all (observe more often than restarts happen to see them).
 */
final class RestartHistory {
    static final Duration FAILING_WINDOW = Duration.ofMinutes(10);
    static final Duration UNSTABLE_WINDOW = Duration.ofMinutes(60);
    static final int THRESHOLD = 3;
    /** At most this many restart times are kept (and written): a crash loop must not grow the status file without bound. */
    static final int MAX_KEPT = 100;
    private static final Set<String> RESTARTING = Set.of("RESTARTING", "FAILING");

    private record Last(String jobId, String state, Long generation) {
    }

    private final Map<String, Last> last = new HashMap<>();
    private final Map<String, Deque<Instant>> restarts = new HashMap<>();

    /** @param capped the kept times are full: more restarts may have happened, the counts are lower bounds */
    record Counts(int inFailingWindow, int inUnstableWindow, boolean capped) {
    }

    /** Whether this process has observed {@code key} yet. */
    synchronized boolean knows(String key) {
        return last.containsKey(key);
    }

    /**
     * Starts {@code key}'s history from its recorded status, unless this process already has one. A status without
     * restart memory (written by an older agent) seeds nothing: the first observation then only sets the baseline.
     */
    synchronized void seed(String key, DeploymentStatus recorded) {
        if (last.containsKey(key) || recorded == null || recorded.restarts() == null) return;
        DeploymentStatus.Restarts r = recorded.restarts();
        last.put(key, new Last(recorded.jobId(), r.jobState(), r.generation()));
        Deque<Instant> seen = new ArrayDeque<>();
        for (String at : r.seen()) {
            try {
                seen.addLast(Instant.parse(at));
            } catch (DateTimeParseException | NullPointerException e) {
                // a hand-edited or damaged entry: skip it rather than lose the rest
            }
        }
        restarts.put(key, seen);
    }

    synchronized Counts observe(String key, String jobId, String jobState, Long generation, Instant now) {
        Last previous = last.put(key, new Last(jobId, jobState, generation));
        Deque<Instant> seen = restarts.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (previous != null) {
            boolean entered = restarting(jobState) && !restarting(previous.state());
            boolean resubmitted = jobId != null && previous.jobId() != null && !jobId.equals(previous.jobId())
                    && Objects.equals(generation, previous.generation())
                    && ("FAILED".equals(previous.state()) || restarting(previous.state()));
            if (entered || resubmitted) {
                boolean inOrder = seen.isEmpty() || !seen.peekLast().isAfter(now);
                seen.addLast(now);
                // A history seeded by a replica whose clock was ahead: keep the times sorted, the windows rely on it.
                if (!inOrder) {
                    List<Instant> sorted = seen.stream().sorted().toList();
                    seen.clear();
                    seen.addAll(sorted);
                }
            }
        }
        while (!seen.isEmpty() && seen.peekFirst().isBefore(now.minus(UNSTABLE_WINDOW))) seen.removeFirst();
        while (seen.size() > MAX_KEPT) seen.removeFirst();
        Instant failingFrom = now.minus(FAILING_WINDOW);
        int recent = (int) seen.stream().filter(t -> !t.isBefore(failingFrom)).count();
        return new Counts(recent, seen.size(), seen.size() >= MAX_KEPT);
    }

    /** Null-safe: Set.of(...).contains(null) throws, and a job without a reported state is common (not deployed yet). */
    private static boolean restarting(String jobState) {
        return jobState != null && RESTARTING.contains(jobState);
    }

    /** What {@link #seed} needs to continue {@code key}'s history in another process; null when never observed. */
    synchronized DeploymentStatus.Restarts record(String key) {
        Last l = last.get(key);
        if (l == null) return null;
        List<String> seen = restarts.getOrDefault(key, new ArrayDeque<>()).stream().map(Instant::toString).toList();
        return new DeploymentStatus.Restarts(seen, l.state(), l.generation());
    }

    synchronized void retain(Set<String> keys) {
        last.keySet().retainAll(keys);
        restarts.keySet().retainAll(keys);
    }
}
