package io.flinkops.status;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the status files of one commit of the status branch straight from Git objects (no checkout).
 *
 * @param commit      the status commit read
 * @param commitTime  its commit time, epoch seconds
 * @param deployments every {@code status/<namespace>/<deployment>.yaml}, sorted by namespace then deployment
 * @param agents      every {@code status/agents/<cluster>.yaml}, sorted by cluster
 * @param unreadable  files that could not be parsed, with the reason
 */
public record StatusBranch(String commit, long commitTime, List<DeploymentStatus> deployments, List<AgentStatus> agents,
                           List<String> unreadable) {

    private static final int MAX_FILE_BYTES = 1 << 20;

    /**
     * The status at {@code ref} of {@code repo}: tries {@code ref} as given, then {@code refs/heads/<ref>}, then
     * {@code refs/remotes/<remote>/<ref>}. Empty when none of them exists.
     */
    public static Optional<StatusBranch> read(Repository repo, String ref, String remote) throws IOException {
        for (String candidate : List.of(ref, Constants.R_HEADS + ref, Constants.R_REMOTES + remote + "/" + ref)) {
            var r = repo.exactRef(candidate);
            if (r != null && r.getObjectId() != null) return Optional.of(read(repo, r.getObjectId()));
        }
        return Optional.empty();
    }

    public static StatusBranch read(Repository repo, ObjectId commitId) throws IOException {
        List<DeploymentStatus> deployments = new ArrayList<>();
        List<AgentStatus> agents = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            RevCommit commit = walk.parseCommit(commitId);
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilter.create(StatusFiles.ROOT));
            while (tw.next()) {
                if (tw.getFileMode(0) != FileMode.REGULAR_FILE && tw.getFileMode(0) != FileMode.EXECUTABLE_FILE) continue;
                String path = tw.getPathString();
                boolean agent = StatusFiles.isAgentPath(path);
                if (!agent && !StatusFiles.isDeploymentPath(path)) continue;
                try {
                    byte[] bytes = repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(MAX_FILE_BYTES);
                    if (agent) agents.add(StatusFiles.readAgent(bytes));
                    else deployments.add(fill(StatusFiles.readDeployment(bytes), path));
                } catch (IOException | RuntimeException e) {
                    unreadable.add(path + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            deployments.sort(Comparator.comparing((DeploymentStatus d) -> String.valueOf(d.namespace()))
                    .thenComparing(d -> String.valueOf(d.deployment())));
            agents.sort(Comparator.comparing(a -> String.valueOf(a.cluster())));
            return new StatusBranch(commit.name(), commit.getCommitTime(), List.copyOf(deployments), List.copyOf(agents), List.copyOf(unreadable));
        }
    }

    /** Namespace and deployment from the path when the file leaves them out. */
    private static DeploymentStatus fill(DeploymentStatus s, String path) {
        String[] parts = path.substring(StatusFiles.ROOT.length() + 1, path.length() - ".yaml".length()).split("/");
        if (s.namespace() != null && s.deployment() != null) return s;
        return new DeploymentStatus(s.namespace() != null ? s.namespace() : parts[0], s.deployment() != null ? s.deployment() : parts[1],
                s.sourceCommit(), s.desiredState(), s.state(), s.jobId(), s.conditions(), s.lastSavepoint(), s.error(), s.observedAt(), s.cluster(), s.restarts(),
                s.savepoints(), s.operations(), s.lastCheckpoint());
    }
}
