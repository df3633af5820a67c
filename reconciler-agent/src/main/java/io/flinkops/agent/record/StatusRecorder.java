package io.flinkops.agent.record;

import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The record step: writes this cycle's status files as one commit on the status branch, on top of the remote tip,
 * and pushes it. The tree is built in memory ({@link DirCache#newInCore()}) from the tip's tree, so every file the
 * agent does not write (other clusters' agents, people) is kept. A push rejected because the branch moved is retried
 * on the new tip (bounded); nothing is ever force-pushed, so nobody's commit is overwritten.
 *
 * <p>A status whose content is unchanged (every field but {@code observedAt}) keeps its old bytes, and a tree equal
 * to the tip's makes no commit: an idle agent does not commit every cycle.
 */
public final class StatusRecorder {
    private final ConfigRepo repo;
    private final String cluster;
    private final int maxAttempts;
    private final PersonIdent ident;
    /**
     * Deployment statuses read from the status branch, by blob id: content-addressed, so never stale. Each cycle then
     * parses only the files that changed since the last one, not every deployment's file. Kept to the tip's files.
     */
    private final Map<ObjectId, DeploymentStatus> parsed = new HashMap<>();
    /** Test hook: runs after the commit is built and before it is pushed (a concurrent pusher races here). */
    private volatile Runnable beforePush = () -> { };

    /** What the record step did. */
    public record Recorded(Optional<String> commit, List<String> changedPaths, int attempts) {
    }

    /**
     * What to record.
     *
     * @param deployments      the observed statuses; written (with the cluster filled in)
     * @param removeOwnMissing remove this cluster's deployment files that are not in {@code deployments} (only after a
     *                         valid build: the deployment left the desired set)
     */
    public record Update(String sourceCommit, Map<String, DeploymentStatus> deployments, boolean removeOwnMissing, AgentStatus agent) {
    }

    public StatusRecorder(ConfigRepo repo, String cluster, int maxAttempts) {
        this.repo = repo;
        this.cluster = cluster;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.ident = new PersonIdent("flinkops agent (" + cluster + ")", "flinkops-agent@" + cluster + ".invalid");
    }

    public void beforePush(Runnable hook) {
        this.beforePush = hook == null ? () -> { } : hook;
    }

    /** The agent status currently on the remote-tracking status branch, if any. */
    public Optional<AgentStatus> currentAgentStatus() {
        try {
            Ref r = repo.repository().exactRef(repo.statusTrackingRef());
            if (r == null) return Optional.empty();
            byte[] b = readFile(repo.repository(), r.getObjectId(), StatusFiles.agentPath(cluster));
            return b == null ? Optional.empty() : Optional.of(StatusFiles.readAgent(b));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public Recorded record(Update update, Instant now) throws StepFailure {
        Optional<ObjectId> tip = currentTrackingTip();
        StepFailure last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) tip = repo.fetchStatusBranch();
            try {
                Built built = build(update, tip, now);
                if (built.commit == null) return new Recorded(Optional.empty(), List.of(), attempt);
                if (!moveLocalBranch(built.commit)) {
                    last = new StepFailure(Reason.STATUS_REF_LOCKED, "Another writer holds the agent's local status branch. The agent retries.");
                    continue;
                }
                beforePush.run();
                RemoteRefUpdate.Status status = push();
                switch (status) {
                    case OK, UP_TO_DATE -> {
                        return new Recorded(Optional.of(built.commit.name()), built.changed, attempt);
                    }
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED, REJECTED_OTHER_REASON -> last = new StepFailure(Reason.STATUS_PUSH_REJECTED,
                            "The status branch `" + repo.statusBranch() + "` kept moving while the agent pushed (" + status + ", " + attempt + " attempts). "
                                    + "The agent retries next cycle; nothing was overwritten.");
                    default -> throw new StepFailure(Reason.STATUS_PUSH_FORBIDDEN, "Pushing to the status branch `" + repo.statusBranch() + "` of "
                            + repo.displayUrl() + " failed: " + status + ". Allow the agent to push to that branch (branch protection, permissions).");
                }
            } catch (IOException e) {
                throw new StepFailure(Reason.WORK_DIR_UNUSABLE, "Cannot write the status commit in the agent's Git repository: "
                        + repo.credentials().redact(e.getMessage()) + ". Check the agent's work directory volume.", e);
            }
        }
        throw last;
    }

    private Optional<ObjectId> currentTrackingTip() throws StepFailure {
        try {
            Ref r = repo.repository().exactRef(repo.statusTrackingRef());
            return r == null ? Optional.empty() : Optional.of(r.getObjectId());
        } catch (IOException e) {
            throw new StepFailure(Reason.WORK_DIR_UNUSABLE, "Cannot read the agent's Git repository: " + e.getMessage() + ".", e);
        }
    }

    private record Built(ObjectId commit, List<String> changed) {
    }

    private record Entry(FileMode mode, ObjectId id) {
    }

    private Built build(Update update, Optional<ObjectId> tip, Instant now) throws IOException {
        Repository db = repo.repository();
        TreeMap<String, Entry> files = new TreeMap<>();
        ObjectId tipTree = null;
        if (tip.isPresent()) {
            try (RevWalk walk = new RevWalk(db); TreeWalk tw = new TreeWalk(db)) {
                RevCommit c = walk.parseCommit(tip.get());
                tipTree = c.getTree().getId();
                tw.addTree(c.getTree());
                tw.setRecursive(true);
                while (tw.next()) files.put(tw.getPathString(), new Entry(tw.getFileMode(0), tw.getObjectId(0)));
            }
        }
        List<String> changed = new ArrayList<>();
        String stamp = now.toString();
        try (ObjectInserter ins = db.newObjectInserter()) {
            TreeMap<String, DeploymentStatus> wanted = new TreeMap<>();
            for (DeploymentStatus s : update.deployments().values()) {
                DeploymentStatus full = s.withCluster(cluster);
                if (full.sourceCommit() == null) full = full.withSourceCommit(update.sourceCommit());
                wanted.put(full.path(), full);
            }
            if (update.removeOwnMissing()) {
                for (String path : List.copyOf(files.keySet())) {
                    if (!StatusFiles.isDeploymentPath(path) || wanted.containsKey(path)) continue;
                    DeploymentStatus old = parseDeployment(db, files.get(path).id());
                    if (old != null && cluster.equals(old.cluster())) {
                        files.remove(path);
                        changed.add(path);
                    }
                }
            }
            for (var e : wanted.entrySet()) {
                Entry old = files.get(e.getKey());
                DeploymentStatus previous = old == null ? null : parseDeployment(db, old.id());
                DeploymentStatus next = previous == null ? e.getValue() : keepTransitionTimes(previous, e.getValue());
                if (previous != null && Objects.equals(previous.withObservedAt(null), next.withObservedAt(null))) continue;
                byte[] bytes = StatusFiles.toYaml(next.withObservedAt(stamp));
                files.put(e.getKey(), new Entry(FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, bytes)));
                changed.add(e.getKey());
            }
            if (update.agent() != null) {
                String path = StatusFiles.agentPath(cluster);
                Entry old = files.get(path);
                AgentStatus previous = null;
                if (old != null) {
                    try {
                        previous = StatusFiles.readAgent(db.open(old.id(), Constants.OBJ_BLOB).getCachedBytes(1 << 20));
                    } catch (IOException | RuntimeException ignored) {
                        // unreadable: overwrite it
                    }
                }
                AgentStatus next = update.agent();
                if (previous != null) {
                    // Unknown this cycle (null) means "as before".
                    next = next.withRevisions(
                            next.lastAttemptedRevision() != null ? next.lastAttemptedRevision() : previous.lastAttemptedRevision(),
                            next.lastAppliedRevision() != null ? next.lastAppliedRevision() : previous.lastAppliedRevision());
                }
                if (previous == null || !Objects.equals(previous.withObservedAt(null), next.withObservedAt(null))) {
                    files.put(path, new Entry(FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, StatusFiles.toYaml(next.withObservedAt(stamp)))));
                    changed.add(path);
                }
            }
            Set<ObjectId> current = new HashSet<>();
            for (Entry e : files.values()) current.add(e.id());
            parsed.keySet().retainAll(current);
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            for (var e : files.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(e.getValue().mode());
                entry.setObjectId(e.getValue().id());
                b.add(entry);
            }
            b.finish();
            ObjectId tree = dc.writeTree(ins);
            if (tree.equals(tipTree) || changed.isEmpty() && tip.isPresent()) {
                return new Built(null, List.of());
            }
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tree);
            tip.ifPresent(cb::setParentId);
            PersonIdent when = new PersonIdent(ident, now);
            cb.setAuthor(when);
            cb.setCommitter(when);
            String src = update.sourceCommit() == null ? "no source commit (the fetch failed)" : update.sourceCommit();
            cb.setMessage("flinkops status of cluster " + cluster + " for " + src + "\n\n"
                    + "Source-Commit: " + src + "\n"
                    + String.join("\n", changed.stream().map(p -> "Changed: " + p).toList()) + "\n");
            ObjectId commit = ins.insert(cb);
            ins.flush();
            return new Built(commit, List.copyOf(changed));
        }
    }

    /**
     * A condition whose status did not change since the branch's file keeps that file's {@code lastTransitionTime}:
     * the branch is the durable memory of transitions, so a restarted agent (or each {@code --once} process, which
     * observes afresh) does not move every transition time and commit an unchanged status.
     */
    static DeploymentStatus keepTransitionTimes(DeploymentStatus previous, DeploymentStatus next) {
        if (next.conditions() == null || previous.conditions() == null) return next;
        List<DeploymentStatus.Condition> conditions = new ArrayList<>();
        for (DeploymentStatus.Condition c : next.conditions()) {
            DeploymentStatus.Condition before = previous.conditions().stream()
                    .filter(p -> Objects.equals(p.type(), c.type()) && Objects.equals(p.status(), c.status()) && p.lastTransitionTime() != null)
                    .findFirst().orElse(null);
            conditions.add(before == null ? c : new DeploymentStatus.Condition(c.type(), c.status(), c.reason(), c.message(), before.lastTransitionTime()));
        }
        return new DeploymentStatus(next.namespace(), next.deployment(), next.sourceCommit(), next.desiredState(), next.state(), next.jobId(),
                conditions, next.lastSavepoint(), next.error(), next.observedAt(), next.cluster());
    }

    private DeploymentStatus parseDeployment(Repository db, ObjectId blob) {
        return parsed.computeIfAbsent(blob.copy(), id -> {
            try {
                return StatusFiles.readDeployment(db.open(id, Constants.OBJ_BLOB).getCachedBytes(1 << 20));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        });
    }

    private static byte[] readFile(Repository db, ObjectId commit, String path) throws IOException {
        try (RevWalk walk = new RevWalk(db)) {
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tw = TreeWalk.forPath(db, path, c.getTree())) {
                return tw == null ? null : db.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(1 << 20);
            }
        }
    }

    /** Compare-and-swap of the local status branch to {@code commit}. */
    private boolean moveLocalBranch(ObjectId commit) throws IOException {
        String local = Constants.R_HEADS + repo.statusBranch();
        Ref current = repo.repository().exactRef(local);
        RefUpdate u = repo.repository().updateRef(local);
        u.setExpectedOldObjectId(current == null ? ObjectId.zeroId() : current.getObjectId());
        u.setNewObjectId(commit);
        u.setRefLogMessage("flinkops status", false);
        RefUpdate.Result r = u.forceUpdate();
        return switch (r) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> true;
            default -> false;
        };
    }

    private RemoteRefUpdate.Status push() throws StepFailure {
        String ref = Constants.R_HEADS + repo.statusBranch();
        try {
            Iterable<PushResult> results = repo.credentials().configure(repo.git().push()
                    .setRemote(ConfigRepo.REMOTE)
                    .setRefSpecs(new RefSpec(ref + ":" + ref))).call();
            RemoteRefUpdate.Status status = null;
            for (PushResult r : results) {
                RemoteRefUpdate u = r.getRemoteUpdate(ref);
                if (u != null) status = u.getStatus();
            }
            if (status == null) {
                throw new StepFailure(Reason.GIT_UNREACHABLE, "The push of the status branch got no answer for " + ref + ". The agent retries.");
            }
            return status;
        } catch (GitAPIException | RuntimeException e) {
            throw new StepFailure(Reason.GIT_UNREACHABLE, "Cannot push the status branch to " + repo.displayUrl() + " ("
                    + repo.credentials().redact(String.valueOf(e.getMessage())) + "). The agent retries; check the Git server and the network if this persists.", e);
        }
    }
}
