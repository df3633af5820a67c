package io.flinkops.agent.record;

import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record step: writes one cycle's {@link StatusUpdate} as one commit on the status branch, on top of the remote
 * tip, and pushes it. What to write is {@link StatusMerge}'s decision, how is {@link StatusCommits}' and
 * {@link StatusPush}'s. A push rejected because the branch moved is retried on the new tip (bounded); nothing is ever
 * force-pushed, so nobody's commit is overwritten. Nothing changed makes no commit: an idle agent does not commit
 * every cycle.
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

    public Recorded record(StatusUpdate update, Instant now) throws StepFailure {
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
                if (!commits.moveLocalBranch(commit.get())) {
                    last = new StepFailure(Reason.STATUS_REF_LOCKED, "Another writer holds the agent's local status branch. The agent retries.");
                    continue;
                }
                RemoteRefUpdate.Status status = push.push(Constants.R_HEADS + repo.statusBranch());
                switch (status) {
                    case OK, UP_TO_DATE -> {
                        return new Recorded(Optional.of(commit.get().name()), changes.changedPaths(), attempt);
                    }
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED, REJECTED_OTHER_REASON -> last = new StepFailure(Reason.STATUS_PUSH_REJECTED,
                            "The status branch `" + repo.statusBranch() + "` kept moving while the agent pushed (" + status + ", " + attempt + " attempts). "
                                    + "The agent retries next cycle; nothing was overwritten.");
                    default -> throw new StepFailure(Reason.STATUS_PUSH_FORBIDDEN, "Pushing to the status branch `" + repo.statusBranch() + "` of "
                            + repo.displayUrl() + " failed: " + status + ". Allow the agent to push to that branch (branch protection, permissions).");
                }
            }
        } catch (IOException e) {
            throw new StepFailure(Reason.WORK_DIR_UNUSABLE, "Cannot write the status commit in the agent's Git repository: "
                    + repo.credentials().redact(e.getMessage()) + ". Check the agent's work directory volume.", e);
        }
        throw last;
    }

    private String message(StatusUpdate update, StatusMerge.Changes changes) {
        String src = update.sourceCommit() == null ? "no source commit (the fetch failed)" : update.sourceCommit();
        return "flinkops status of cluster " + cluster + " for " + src + "\n\n"
                + "Source-Commit: " + src + "\n"
                + String.join("\n", changes.changedPaths().stream().map(p -> "Changed: " + p).toList()) + "\n";
    }
}
