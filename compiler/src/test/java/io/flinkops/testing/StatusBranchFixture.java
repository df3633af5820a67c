package io.flinkops.testing;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Commits a folder of status files ({@code status/<ns>/<deployment>.yaml}, {@code status/agents/<cluster>.yaml}, as an
 * agent writes them) as a status branch of a test repository, straight into Git objects: the working tree and HEAD
 * are left alone, as they are for a real status branch. A folder of files an agent wrote can so replace a hand-written
 * one without touching the tests.
 */
public final class StatusBranchFixture {
    private StatusBranchFixture() {
    }

    /** Commits every file below {@code folder} (paths relative to it) as the only commit of {@code ref} (e.g. refs/heads/flinkops/status). */
    public static ObjectId commit(Repository repo, Path folder, String ref) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Path f : files) {
                DirCacheEntry e = new DirCacheEntry(folder.relativize(f).toString().replace('\\', '/'));
                e.setFileMode(FileMode.REGULAR_FILE);
                e.setObjectId(inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(f)));
                builder.add(e);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setAuthor(TestRepos.AUTHOR);
            commit.setCommitter(TestRepos.AUTHOR);
            commit.setMessage("status\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(ref);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) throw new IOException("cannot write " + ref + ": " + result);
            return id;
        }
    }
}
