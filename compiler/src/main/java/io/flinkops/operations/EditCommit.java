package io.flinkops.operations;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Commits an edit on a new branch, straight into Git objects: the working tree, the index and the checked-out branch
 * are left as they are, so a user's unfinished work is neither committed nor disturbed. The branch starts at HEAD;
 * the edit must have been computed against HEAD's files.
 */
public final class EditCommit {
    private EditCommit() {
    }

    /**
     * @param gitPrefix the config repo's folder inside the Git repository ("" at the top)
     * @return the new commit's id
     */
    public static String commit(Repository repo, String gitPrefix, RepoEdit edit, String branch, String message) throws IOException {
        String ref = Constants.R_HEADS + branch;
        if (!Repository.isValidRefName(ref)) throw new OperationRefused("`" + branch + "` is not a valid branch name");
        if (repo.exactRef(ref) != null) throw new OperationRefused("branch `" + branch + "` exists already; name another with --branch");
        ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
        if (head == null) throw new OperationRefused("the repository has no commit yet to branch from; commit the config repo first");
        try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
            RevCommit parent = walk.parseCommit(head);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parent.getTree());
            builder.finish();
            DirCacheEditor editor = index.editor();
            for (RepoEdit.FileChange change : edit.changes()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, change.after().getBytes(StandardCharsets.UTF_8));
                String path = gitPrefix.isEmpty() ? change.path() : gitPrefix + "/" + change.path();
                editor.add(new DirCacheEditor.PathEdit(path) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            commit.setParentId(parent);
            PersonIdent who = new PersonIdent(repo);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repo.updateRef(ref);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setRefLogMessage("flinkops: " + edit.summary(), false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW) throw new IOException("could not create branch " + branch + ": " + result);
            return id.name();
        }
    }
}
