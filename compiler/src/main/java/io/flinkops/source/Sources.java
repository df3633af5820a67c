package io.flinkops.source;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** Opens the three kinds of source: working tree, staged index, Git revision. */
public final class Sources {
    private Sources() {
    }

    /** The working tree at {@code dir}; inside a Git work tree, files ignored by .gitignore are skipped. */
    public static SourceTree workingTree(Path dir) throws SourceException {
        Path root = checkDirectory(dir);
        Optional<GitLocation> git = findGit(root);
        return new WorkingTreeSource(root, git.map(GitLocation::repository).orElse(null), git.map(GitLocation::prefix).orElse(""));
    }

    /** The staged index of the Git repository containing {@code dir}, as a pre-commit hook sees it. */
    public static SourceTree staged(Path dir) throws SourceException {
        Path root = checkDirectory(dir);
        GitLocation git = findGit(root).orElseThrow(() -> new SourceException("--staged needs a Git repository, and " + root + " is not inside one"));
        Repository repo = git.repository();
        Map<String, GitTreeSource.Blob> blobs = new TreeMap<>();
        try {
            DirCache index = repo.readDirCache();
            for (int i = 0; i < index.getEntryCount(); i++) {
                DirCacheEntry e = index.getEntry(i);
                if (e.getStage() != DirCacheEntry.STAGE_0 && e.getStage() != DirCacheEntry.STAGE_2) continue;
                String rel = relative(e.getPathString(), git.prefix());
                if (rel == null) continue;
                FileMode mode = e.getFileMode();
                if (mode == FileMode.GITLINK || mode == FileMode.TREE) continue;
                blobs.put(rel, new GitTreeSource.Blob(e.getObjectId(), mode == FileMode.SYMLINK));
            }
            return new GitTreeSource(repo, git.prefix(), "staged index", headCommit(repo), blobs);
        } catch (IOException e) {
            throw new SourceException("cannot read the Git index of " + repo.getWorkTree() + ": " + e.getMessage(), e);
        }
    }

    /** Revision {@code rev} (any Git revision expression) of the repository containing {@code dir}, read from Git objects. */
    public static SourceTree revision(Path dir, String rev) throws SourceException {
        Path root = checkDirectory(dir);
        GitLocation git = findGit(root).orElseThrow(() -> new SourceException("--rev needs a Git repository, and " + root + " is not inside one"));
        Repository repo = git.repository();
        try {
            ObjectId id;
            try {
                id = repo.resolve(rev + "^{commit}");
            } catch (RevisionSyntaxException e) {
                id = null;
            }
            if (id == null) {
                throw new SourceException("unknown revision `" + rev + "` in " + repo.getWorkTree());
            }
            Map<String, GitTreeSource.Blob> blobs = new TreeMap<>();
            try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
                RevCommit commit = walk.parseCommit(id);
                tw.addTree(commit.getTree());
                tw.setRecursive(true);
                if (!git.prefix().isEmpty()) tw.setFilter(PathFilter.create(git.prefix()));
                while (tw.next()) {
                    FileMode mode = tw.getFileMode(0);
                    if (mode == FileMode.GITLINK) continue;
                    String rel = relative(tw.getPathString(), git.prefix());
                    if (rel == null) continue;
                    blobs.put(rel, new GitTreeSource.Blob(tw.getObjectId(0), mode == FileMode.SYMLINK));
                }
            }
            String label = "revision " + id.abbreviate(7).name() + (rev.equals(id.name()) ? "" : " (" + rev + ")");
            return new GitTreeSource(repo, git.prefix(), label, Optional.of(id.name()), blobs);
        } catch (IOException e) {
            throw new SourceException("cannot read revision `" + rev + "`: " + e.getMessage(), e);
        }
    }

    /**
     * The commit the staged index of {@code dir}'s repository is based on (HEAD), read from Git objects; empty
     * before the first commit, when there is nothing to compare the index with.
     */
    public static Optional<SourceTree> stagedBase(Path dir) throws SourceException {
        Path root = checkDirectory(dir);
        GitLocation git = findGit(root).orElseThrow(() -> new SourceException("--staged needs a Git repository, and " + root + " is not inside one"));
        try {
            if (headCommit(git.repository()).isEmpty()) return Optional.empty();
        } catch (IOException e) {
            throw new SourceException("cannot read HEAD of " + git.repository().getWorkTree() + ": " + e.getMessage(), e);
        }
        return Optional.of(revision(dir, Constants.HEAD));
    }

    /**
     * The files that differ between {@code base} and {@code head}, sorted by path. Two Git sources (a revision,
     * the staged index) are compared by object id without reading any file; other sources by their bytes.
     */
    public static List<Change> changes(SourceTree base, SourceTree head) {
        if (base instanceof GitTreeSource b && head instanceof GitTreeSource h) {
            return changes(b.blobs(), h.blobs(), GitTreeSource.Blob::symlink);
        }
        Map<String, SourceTree.Entry> before = new TreeMap<>();
        base.entries().forEach(e -> before.put(e.path(), e));
        Map<String, SourceTree.Entry> after = new TreeMap<>();
        head.entries().forEach(e -> after.put(e.path(), e));
        List<Change> out = new ArrayList<>();
        for (String path : union(before.keySet(), after.keySet())) {
            SourceTree.Entry b = before.get(path);
            SourceTree.Entry a = after.get(path);
            boolean symlink = (b != null && b.symlink()) || (a != null && a.symlink());
            if (b == null) {
                out.add(new Change(path, Change.Type.ADDED, symlink));
            } else if (a == null) {
                out.add(new Change(path, Change.Type.DELETED, symlink));
            } else if (b.symlink() != a.symlink() || !sameContent(base.read(path, Integer.MAX_VALUE - 8), head.read(path, Integer.MAX_VALUE - 8))) {
                out.add(new Change(path, Change.Type.MODIFIED, symlink));
            }
        }
        return List.copyOf(out);
    }

    private static <B> List<Change> changes(Map<String, B> before, Map<String, B> after, java.util.function.Predicate<B> isLink) {
        List<Change> out = new ArrayList<>();
        for (String path : union(before.keySet(), after.keySet())) {
            B b = before.get(path);
            B a = after.get(path);
            boolean symlink = (b != null && isLink.test(b)) || (a != null && isLink.test(a));
            if (b == null) out.add(new Change(path, Change.Type.ADDED, symlink));
            else if (a == null) out.add(new Change(path, Change.Type.DELETED, symlink));
            else if (!a.equals(b)) out.add(new Change(path, Change.Type.MODIFIED, symlink));
        }
        return List.copyOf(out);
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static boolean sameContent(SourceTree.Content a, SourceTree.Content b) {
        if (a instanceof SourceTree.Bytes x && b instanceof SourceTree.Bytes y) return Arrays.equals(x.bytes(), y.bytes());
        return a.equals(b); // two refusals with the same reason
    }

    record GitLocation(Repository repository, String prefix) {
    }

    private static Path checkDirectory(Path dir) throws SourceException {
        if (!Files.isDirectory(dir)) {
            throw new SourceException(dir + " is not a directory");
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw new SourceException("cannot open " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The enclosing Git work tree and the config root's path inside it ("" at the top). */
    static Optional<GitLocation> findGit(Path root) throws SourceException {
        GitSystemConfig.locateWithoutRunningGit();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(root.toFile());
        if (builder.getGitDir() == null) return Optional.empty();
        try {
            Repository repo = builder.setMustExist(true).build();
            if (repo.isBare()) return Optional.empty();
            File workTree = repo.getWorkTree();
            Path top = workTree.toPath().toRealPath();
            String prefix = top.relativize(root).toString().replace(File.separatorChar, '/');
            return Optional.of(new GitLocation(repo, prefix));
        } catch (IOException e) {
            throw new SourceException("cannot open the Git repository at " + builder.getGitDir() + ": " + e.getMessage(), e);
        }
    }

    /** {@code path} relative to {@code prefix}, or null when it lies outside. */
    static String relative(String path, String prefix) {
        if (prefix.isEmpty()) return path;
        return path.startsWith(prefix + "/") ? path.substring(prefix.length() + 1) : null;
    }

    static Optional<String> headCommit(Repository repo) throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
        return Optional.ofNullable(head).map(ObjectId::name);
    }
}
