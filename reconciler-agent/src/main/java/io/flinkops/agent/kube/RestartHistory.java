package io.flinkops.agent.kube;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The job restarts the agent has seen, per deployment, over VVP's longest window (60 min). The operator's status has
 * no restart counter, so a restart is counted when an observation finds the job RESTARTING or FAILING after one that
 * did not (each entry counts once, however many cycles it stays there), or finds a new job id for the same spec
 * generation after the job had failed (the operator resubmitted it).
 * <p>
 * <b>Limitation:</b> the history lives in memory. After the agent restarts it starts empty, so JobFailing/JobUnstable
 * can turn False until new restarts are seen; restarts between two observations that the job recovered from are not
 * seen at all (observe more often than restarts happen to see them).
 */
final class RestartHistory {
    static final Duration FAILING_WINDOW = Duration.ofMinutes(10);
    static final Duration UNSTABLE_WINDOW = Duration.ofMinutes(60);
    static final int THRESHOLD = 3;
    private static final Set<String> RESTARTING = Set.of("RESTARTING", "FAILING");

    private record Last(String jobId, String state, Long generation) {
    }

    private final Map<String, Last> last = new HashMap<>();
    private final Map<String, Deque<Instant>> restarts = new HashMap<>();

    record Counts(int inFailingWindow, int inUnstableWindow) {
    }

    synchronized Counts observe(String key, String jobId, String jobState, Long generation, Instant now) {
        Last previous = last.put(key, new Last(jobId, jobState, generation));
        Deque<Instant> seen = restarts.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (previous != null) {
            boolean entered = jobState != null && RESTARTING.contains(jobState) && !RESTARTING.contains(previous.state());
            boolean resubmitted = jobId != null && previous.jobId() != null && !jobId.equals(previous.jobId())
                    && java.util.Objects.equals(generation, previous.generation())
                    && ("FAILED".equals(previous.state()) || RESTARTING.contains(previous.state()));
            if (entered || resubmitted) seen.addLast(now);
        }
        while (!seen.isEmpty() && seen.peekFirst().isBefore(now.minus(UNSTABLE_WINDOW))) seen.removeFirst();
        Instant failingFrom = now.minus(FAILING_WINDOW);
        int recent = (int) seen.stream().filter(t -> !t.isBefore(failingFrom)).count();
        return new Counts(recent, seen.size());
    }

    synchronized void retain(Set<String> keys) {
        last.keySet().retainAll(keys);
        restarts.keySet().retainAll(keys);
    }
}
