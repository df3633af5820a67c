package io.flinkops.agent.record;

import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The record step: writes one cycle's {@link StatusUpdate} as one commit on the status branch, on top of the remote
 * tip, and pushes it. What to write is {@link StatusMerge}'s decision, how is {@link StatusCommits}' and
 * {@link StatusPush}'s. A push rejected because the branch moved is retried on the new tip (bounded); nothing is ever
 * force-pushed, so nobody's commit is overwritten. A push the server refuses (a protected branch, a hook, read-only
 * credentials) is not a race and is not retried: it needs a person ({@link Reason#STATUS_PUSH_FORBIDDEN}). Nothing
 * changed makes no commit: an idle agent does not commit every cycle.
 */
public final class StatusRecorder {
    private final ConfigRepo repo;
    private final String cluster;
    private final int maxAttempts;
    private final StatusMerge merge;
    private final StatusCommits commits;
    private final StatusPush push;

    /** What the record step did. */
    public record Recorded(Optional<String> commit, List<String> changedPaths, int attempts) {
    }

    public StatusRecorder(ConfigRepo repo, String cluster, int maxAttempts) {
        this(repo, cluster, maxAttempts, new GitStatusPush(repo));
    }

    /** @param push how the status branch reaches the remote */
    public StatusRecorder(ConfigRepo repo, String cluster, int maxAttempts, StatusPush push) {
        this.repo = repo;
        this.cluster = cluster;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.merge = new StatusMerge(cluster);
        this.commits = new StatusCommits(repo, cluster);
        this.push = push;
    }

    /** The agent status currently on the remote-tracking status branch, if any. */
    public Optional<AgentStatus> currentAgentStatus() {
        try {
            return commits.read(commits.trackingTip()).agent(StatusFiles.agentPath(cluster));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * This cluster's deployment statuses on the remote-tracking status branch (as the fetch step left it), keyed
     * {@code "<namespace>/<deployment>"} by their path; empty when the branch cannot be read (then nothing continues
     * from it, which is what a first run does too).
     */
    public Map<String, DeploymentStatus> currentDeploymentStatuses() {
        try {
            StatusCommits.TipTree tree = commits.read(commits.trackingTip());
            Map<String, DeploymentStatus> out = new TreeMap<>();
            for (String path : tree.paths()) {
                if (!StatusFiles.isDeploymentPath(path)) continue;
                String key = path.substring(StatusFiles.ROOT.length() + 1, path.length() - ".yaml".length());
                tree.deployment(path).filter(d -> cluster.equals(d.cluster())).ifPresent(d -> out.put(key, d));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    public Recorded record(StatusUpdate update, Instant now) throws StepFailure {
        repo.prepareWrite();
        StepFailure last = null;
        try {
            Optional<ObjectId> tip = commits.trackingTip();
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                if (attempt > 1) tip = repo.fetchStatusBranch();
                StatusCommits.TipTree tree = commits.read(tip);
                StatusMerge.Changes changes = merge.merge(tree, update, now);
                if (changes.isEmpty() && tip.isPresent()) return new Recorded(Optional.empty(), List.of(), attempt);
                Optional<ObjectId> commit = commits.commit(tree, changes, message(update, changes), now);
                if (commit.isEmpty()) return new Recorded(Optional.empty(), List.of(), attempt);
                RefUpdate.Result moved = commits.moveLocalBranch(commit.get());
                if (!StatusCommits.moved(moved)) {
                    // The agent is the only writer of its repository and removed stale locks: a ref that still does
                    // not move is damage, not a concurrent writer.
                    throw repo.repair("move the local status branch", "refs/heads/" + repo.statusBranch() + " cannot be moved (" + moved + ")");
                }
                StatusPush.Answer answer = push.push(Constants.R_HEADS + repo.statusBranch());
                String said = answer.status() + (answer.message() == null ? "" : ": " + answer.message());
                switch (answer.status()) {
                    case OK, UP_TO_DATE -> {
                        return new Recorded(Optional.of(commit.get().name()), changes.changedPaths(), attempt);
                    }
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> last = raced(said, attempt);
                    case REJECTED_OTHER_REASON -> {
                        if (!looksLikeRace(answer.message())) throw forbidden(repo, said);
                        last = raced(said, attempt);
                    }
                    default -> throw forbidden(repo, said);
                }
            }
        } catch (IOException e) {
            throw repo.localFailure("write the status commit", e);
        }
        throw last;
    }

    private StepFailure raced(String said, int attempts) {
        return new StepFailure(Reason.STATUS_PUSH_REJECTED, "The status branch `" + repo.statusBranch() + "` kept moving while the agent pushed ("
                + said + ", " + attempts + " attempts). The agent retries; nothing was overwritten.");
    }

    /**
     * Whether a push rejected for "another reason" lost a race rather than a permission: the server found the ref
     * moved between its advertisement and the update (git: "failed to update ref", "cannot lock ref ... is at X but
     * expected Y"; others: "non-fast-forward", "fetch first", "stale info"). Anything else (a hook or a protected
     * branch declined it, or the server gave no reason) needs a person.
     */
    static boolean looksLikeRace(String message) {
        if (message == null) return false;
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("declined") || m.contains("protected") || m.contains("denied") || m.contains("not allowed") || m.contains("permission")) return false;
        return m.contains("failed to update ref") || m.contains("cannot lock") || m.contains("failed to lock") || m.contains("non-fast-forward")
                || m.contains("fetch first") || m.contains("stale info") || m.contains("but expected");
    }

    /** The server will not take the agent's push to the status branch: what it said, and what a person can change. */
    static StepFailure forbidden(ConfigRepo repo, String said) {
        String b = repo.statusBranch();
        return new StepFailure(Reason.STATUS_PUSH_FORBIDDEN, "The Git server refused the agent's push to the status branch `" + b + "` of "
                + repo.displayUrl() + " (" + said + "). The agent needs write access to that branch only: unprotect `" + b
                + "` or allow the agent to push to it, grant the agent's token or deploy key write access, or give the agent a token with push rights. "
                + "Nothing was overwritten; the agent tries again next cycle.");
    }

    private String message(StatusUpdate update, StatusMerge.Changes changes) {
        String src = update.sourceCommit() == null ? "no source commit (the fetch failed)" : update.sourceCommit();
        return "flinkops status of cluster " + cluster + " for " + src + "\n\n"
                + "Source-Commit: " + src + "\n"
                + String.join("\n", changes.changedPaths().stream().map(p -> "Changed: " + p).toList()) + "\n";
    }
}
