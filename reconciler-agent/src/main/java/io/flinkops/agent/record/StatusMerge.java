package io.flinkops.agent.record;

import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusFiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The status branch's merge policy, without Git: which files one cycle's {@link StatusUpdate} writes and removes on
 * top of the branch's tip. Every file the agent does not write (other clusters' agents, people) is kept.
 * <ul>
 * <li>A status whose content is unchanged (every field but {@code observedAt}) is not written, so it keeps its old
 * bytes and an idle agent makes no commit.</li>
 * <li>A condition whose status did not change keeps the tip's {@code lastTransitionTime}: the branch is the durable
 * memory of transitions, so a restarted agent (or each {@code --once} process) does not move them.</li>
 * <li>In the agent status, a revision unknown this cycle (null) means "as before".</li>
 * <li>With {@link StatusUpdate#removeOwnMissing()}, this cluster's deployment files that are not in the update are
 * removed; another cluster's, and files that do not read as a status, never are.</li>
 * </ul>
 */
public final class StatusMerge {
    private final String cluster;

    public StatusMerge(String cluster) {
        this.cluster = cluster;
    }

    /** The tip's files as the merge reads them; a file that does not read as a status is empty. */
    public interface Tip {
        /** Every path of the tip's tree. */
        Set<String> paths();

        Optional<DeploymentStatus> deployment(String path);

        Optional<AgentStatus> agent(String path);
    }

    /**
     * What to change on the tip.
     *
     * @param writes   path → new content: deployment files by path, then the agent's file
     * @param removals paths to remove, sorted
     */
    public record Changes(Map<String, byte[]> writes, Set<String> removals) {
        public Changes {
            writes = Collections.unmodifiableMap(new LinkedHashMap<>(writes));
            removals = Collections.unmodifiableSet(new TreeSet<>(removals));
        }

        public boolean isEmpty() {
            return writes.isEmpty() && removals.isEmpty();
        }

        /** Removed paths, then written ones: the commit message's list. */
        public List<String> changedPaths() {
            List<String> out = new ArrayList<>(removals);
            out.addAll(writes.keySet());
            return out;
        }
    }

    public Changes merge(Tip tip, StatusUpdate update, Instant now) {
        String stamp = now.toString();
        TreeMap<String, DeploymentStatus> wanted = new TreeMap<>();
        for (DeploymentStatus s : update.deployments().values()) {
            DeploymentStatus full = s.withCluster(cluster);
            if (full.sourceCommit() == null) full = full.withSourceCommit(update.sourceCommit());
            wanted.put(full.path(), full);
        }
        Set<String> removals = new TreeSet<>();
        if (update.removeOwnMissing()) {
            for (String path : tip.paths()) {
                if (!StatusFiles.isDeploymentPath(path) || wanted.containsKey(path)) continue;
                if (tip.deployment(path).filter(old -> cluster.equals(old.cluster())).isPresent()) removals.add(path);
            }
        }
        Map<String, byte[]> writes = new LinkedHashMap<>();
        for (var e : wanted.entrySet()) {
            Optional<DeploymentStatus> previous = tip.deployment(e.getKey());
            DeploymentStatus next = previous.map(p -> keepTransitionTimes(p, e.getValue())).orElse(e.getValue());
            changed(previous, next, s -> s.withObservedAt(null))
                    .ifPresent(s -> writes.put(e.getKey(), StatusFiles.toYaml(s.withObservedAt(stamp))));
        }
        if (update.agent() != null) {
            String path = StatusFiles.agentPath(cluster);
            Optional<AgentStatus> previous = tip.agent(path);
            AgentStatus next = previous.map(p -> keepRevisions(p, update.agent())).orElse(update.agent());
            changed(previous, next, s -> s.withObservedAt(null)).ifPresent(s -> writes.put(path, StatusFiles.toYaml(s.withObservedAt(stamp))));
        }
        return new Changes(writes, removals);
    }

    /** {@code next}, unless it equals {@code previous} but for {@code observedAt}. */
    private static <T> Optional<T> changed(Optional<T> previous, T next, UnaryOperator<T> timeless) {
        boolean same = previous.map(timeless).filter(p -> p.equals(timeless.apply(next))).isPresent();
        return same ? Optional.empty() : Optional.of(next);
    }

    /** Unknown this cycle (null) means "as before". */
    static AgentStatus keepRevisions(AgentStatus previous, AgentStatus next) {
        return next.withRevisions(
                next.lastAttemptedRevision() != null ? next.lastAttemptedRevision() : previous.lastAttemptedRevision(),
                next.lastAppliedRevision() != null ? next.lastAppliedRevision() : previous.lastAppliedRevision());
    }

    /** A condition whose status did not change since the branch's file keeps that file's {@code lastTransitionTime}. */
    static DeploymentStatus keepTransitionTimes(DeploymentStatus previous, DeploymentStatus next) {
        if (next.conditions() == null || previous.conditions() == null) return next;
        List<DeploymentStatus.Condition> conditions = new ArrayList<>();
        for (DeploymentStatus.Condition c : next.conditions()) {
            DeploymentStatus.Condition before = previous.conditions().stream()
                    .filter(p -> Objects.equals(p.type(), c.type()) && Objects.equals(p.status(), c.status()) && p.lastTransitionTime() != null)
                    .findFirst().orElse(null);
            conditions.add(before == null ? c : new DeploymentStatus.Condition(c.type(), c.status(), c.reason(), c.message(), before.lastTransitionTime()));
        }
        return next.withConditions(conditions);
    }
}
