package io.flinkops.agent.record;

import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusFiles;
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
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The status branch in the agent's own Git repository, as plumbing: reads the tip's tree, writes a commit on top of
 * it from a {@link StatusMerge.Changes} (built in memory with {@link DirCache#newInCore()}, so every other file keeps
 * its mode and blob), and moves the local branch with compare-and-swap. Never checks anything out.
 */
final class StatusCommits {
    private static final int MAX_FILE_BYTES = 1 << 20;

    private final ConfigRepo repo;
    private final PersonIdent ident;
    /**
     * Deployment statuses read from the status branch, by blob id: content-addressed, so never stale. Each cycle then
     * parses only the files that changed since the last one, not every deployment's file. Kept to the tip's files.
     */
    private final Map<ObjectId, Optional<DeploymentStatus>> parsed = new HashMap<>();

    StatusCommits(ConfigRepo repo, String cluster) {
        this.repo = repo;
        this.ident = new PersonIdent("flinkops agent (" + cluster + ")", "flinkops-agent@" + cluster + ".invalid");
    }

    private record Entry(FileMode mode, ObjectId id) {
    }

    /** The tip's tree (empty when the branch does not exist yet), read as the merge reads it. */
    final class TipTree implements StatusMerge.Tip {
        private final Optional<ObjectId> commit;
        private final ObjectId tree;
        private final TreeMap<String, Entry> files;

        private TipTree(Optional<ObjectId> commit, ObjectId tree, TreeMap<String, Entry> files) {
            this.commit = commit;
            this.tree = tree;
            this.files = files;
        }

        Optional<ObjectId> commit() {
            return commit;
        }

        @Override
        public Set<String> paths() {
            return files.navigableKeySet();
        }

        @Override
        public Optional<DeploymentStatus> deployment(String path) {
            Entry e = files.get(path);
            return e == null ? Optional.empty() : parsed.computeIfAbsent(e.id().copy(), id -> parse(id, StatusFiles::readDeployment));
        }

        @Override
        public Optional<AgentStatus> agent(String path) {
            Entry e = files.get(path);
            return e == null ? Optional.empty() : parse(e.id(), StatusFiles::readAgent);
        }
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] bytes) throws IOException;
    }

    private <T> Optional<T> parse(ObjectId blob, Parser<T> parser) {
        try {
            return Optional.ofNullable(parser.parse(repo.repository().open(blob, Constants.OBJ_BLOB).getCachedBytes(MAX_FILE_BYTES)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: as if it were not a status
        }
    }

    /** The remote-tracking status branch's tip, as last fetched. */
    Optional<ObjectId> trackingTip() throws IOException {
        Ref r = repo.repository().exactRef(repo.statusTrackingRef());
        return r == null ? Optional.empty() : Optional.of(r.getObjectId());
    }

    TipTree read(Optional<ObjectId> tip) throws IOException {
        TreeMap<String, Entry> files = new TreeMap<>();
        ObjectId tree = null;
        if (tip.isPresent()) {
            Repository db = repo.repository();
            try (RevWalk walk = new RevWalk(db); TreeWalk tw = new TreeWalk(db)) {
                RevCommit c = walk.parseCommit(tip.get());
                tree = c.getTree().getId();
                tw.addTree(c.getTree());
                tw.setRecursive(true);
                while (tw.next()) files.put(tw.getPathString(), new Entry(tw.getFileMode(0), tw.getObjectId(0)));
            }
        }
        parsed.keySet().retainAll(files.values().stream().map(Entry::id).collect(Collectors.toSet()));
        return new TipTree(tip, tree, files);
    }

    /** A commit of {@code changes} on top of {@code tip}; empty when its tree would equal the tip's. */
    Optional<ObjectId> commit(TipTree tip, StatusMerge.Changes changes, String message, Instant now) throws IOException {
        TreeMap<String, Entry> files = new TreeMap<>(tip.files);
        try (ObjectInserter ins = repo.repository().newObjectInserter()) {
            changes.removals().forEach(files::remove);
            for (var w : changes.writes().entrySet()) {
                files.put(w.getKey(), new Entry(FileMode.REGULAR_FILE, ins.insert(Constants.OBJ_BLOB, w.getValue())));
            }
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
            if (tree.equals(tip.tree)) return Optional.empty();
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tree);
            tip.commit().ifPresent(cb::setParentId);
            PersonIdent when = new PersonIdent(ident, now);
            cb.setAuthor(when);
            cb.setCommitter(when);
            cb.setMessage(message);
            ObjectId commit = ins.insert(cb);
            ins.flush();
            return Optional.of(commit);
        }
    }

    /** Compare-and-swap of the local status branch to {@code commit}; see {@link #moved}. */
    RefUpdate.Result moveLocalBranch(ObjectId commit) throws IOException {
        String local = Constants.R_HEADS + repo.statusBranch();
        Ref current = repo.repository().exactRef(local);
        RefUpdate u = repo.repository().updateRef(local);
        u.setExpectedOldObjectId(current == null ? ObjectId.zeroId() : current.getObjectId());
        u.setNewObjectId(commit);
        u.setRefLogMessage("flinkops status", false);
        return u.forceUpdate();
    }

    /** Whether the local branch now names the commit. */
    static boolean moved(RefUpdate.Result result) {
        return switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> true;
            default -> false;
        };
    }
}
