package io.flinkops.diff.live;

import io.flinkops.diff.Subject;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusBranch;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the status branch says runs now, for {@code flinkops diff}: the deployment status files of one status commit,
 * or why the live state is not known. Ages are counted to {@link #now}, taken once from a {@link Clock} so that one
 * report is consistent and tests can fix it.
 *
 * @param known        a status commit was read
 * @param ref          the ref that was read (or looked for)
 * @param statusCommit the status commit read; null when not known
 * @param now          the moment ages are counted to
 * @param unknownWhy   why the live state is not known ("no status branch …"); null when known
 * @param unreadable   status files that could not be parsed, with the reason
 */
public record LiveState(boolean known, String ref, String statusCommit, Instant now, String unknownWhy,
                        Map<String, DeploymentStatus> deployments, List<String> unreadable) {

    public LiveState {
        Objects.requireNonNull(now);
        deployments = Map.copyOf(deployments);
        unreadable = List.copyOf(unreadable);
    }

    /** The live state was not read, for the reason given ("--no-status was given"). */
    public static LiveState unknown(String why, Clock clock) {
        return new LiveState(false, null, null, clock.instant(), why, Map.of(), List.of());
    }

    /** Not known, and nobody asked: a diff made through the library without a status branch. */
    public static LiveState unknown() {
        return unknown("no status branch was given", Clock.systemUTC());
    }

    public static LiveState of(StatusBranch branch, String ref, Clock clock) {
        Map<String, DeploymentStatus> byName = branch.deployments().stream()
                .collect(Collectors.toMap(d -> key(d.namespace(), d.deployment()), Function.identity(), (a, b) -> a));
        return new LiveState(true, ref, branch.commit(), clock.instant(), null, byName, branch.unreadable());
    }

    /**
     * Reads the status branch {@code ref} of {@code repo} (as given, else {@code refs/heads/<ref>}, else
     * {@code refs/remotes/<remote>/<ref>}); not known when none exists.
     */
    public static LiveState read(Repository repo, String ref, String remote, Clock clock) throws IOException {
        Optional<StatusBranch> branch = StatusBranch.read(repo, ref, remote);
        if (branch.isEmpty()) {
            return unknown("there is no status branch `" + ref + "`, local or `" + remote + "/" + ref + "`", clock);
        }
        return of(branch.get(), ref, clock);
    }

    /** The agent's last observation of a Deployment; empty for a SessionCluster, or when its status file is missing. */
    public Optional<LiveJob> job(Subject subject) {
        if (subject.isSessionCluster()) return Optional.empty();
        return Optional.ofNullable(deployments.get(key(subject.namespace(), subject.name()))).map(s -> LiveJob.of(s, now));
    }

    private static String key(String namespace, String deployment) {
        return namespace + "/" + deployment;
    }
}
