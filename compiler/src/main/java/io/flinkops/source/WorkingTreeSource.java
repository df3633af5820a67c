package io.flinkops.source;

import io.flinkops.diag.Code;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Files on disk. Inside a Git work tree the listing comes from JGit so that .gitignore is respected. */
final class WorkingTreeSource implements SourceTree {
    private final Path root;
    private final Repository repo;
    private final String prefix;
    private List<Entry> entries;

    WorkingTreeSource(Path root, Repository repo, String prefix) {
        this.root = root;
        this.repo = repo;
        this.prefix = prefix;
    }

    @Override
    public String label() {
        return "working tree";
    }

    @Override
    public String gitPrefix() {
        return prefix;
    }

    @Override
    public Optional<String> commitId() {
        if (repo == null) return Optional.empty();
        try {
            return Sources.headCommit(repo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized List<Entry> entries() {
        if (entries == null) {
            try {
                entries = repo != null ? listWithGit() : listPlain();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        return entries;
    }

    private List<Entry> listWithGit() throws IOException {
        List<Entry> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(new FileTreeIterator(repo));
            tw.setRecursive(false);
            if (!prefix.isEmpty()) tw.setFilter(PathFilter.create(prefix));
            while (tw.next()) {
                WorkingTreeIterator it = tw.getTree(0, WorkingTreeIterator.class);
                if (it.isEntryIgnored()) {
                    String p = tw.getPathString();
                    if (prefix.equals(p) || prefix.startsWith(p + "/")) {
                        // Git ignores the config repo's folder itself (a generated repo under build/, say): Git
                        // tracks nothing there, so the folder is read like one outside Git.
                        return listPlain();
                    }
                    continue;
                }
                if (tw.isSubtree()) {
                    tw.enterSubtree();
                    continue;
                }
                String rel = Sources.relative(tw.getPathString(), prefix);
                if (rel == null) continue;
                boolean link = Files.isSymbolicLink(root.resolve(rel));
                out.add(new Entry(rel, link));
            }
        }
        out.sort(Comparator.comparing(Entry::path));
        return List.copyOf(out);
    }

    private List<Entry> listPlain() throws IOException {
        List<Entry> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                out.add(new Entry(root.relativize(file).toString().replace(File.separatorChar, '/'), attrs.isSymbolicLink()));
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(Comparator.comparing(Entry::path));
        return List.copyOf(out);
    }

    @Override
    public Content read(String path, int maxBytes) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            // Paths come from the listing or from the repo's own files (logging profiles); never leave the repo.
            return new Refused(Code.UNREADABLE_FILE, "`" + path + "` is outside the config repo.",
                    "Use a path relative to the repo's root that stays inside it.");
        }
        try {
            if (Files.isSymbolicLink(file)) {
                Path link = Files.readSymbolicLink(file);
                // Checked on the link's text first, so that a link out of the repo is reported as such even
                // when its target does not exist on this machine (as for staged and revision sources).
                if (!file.getParent().resolve(link).normalize().startsWith(root)) {
                    return escapes(path, link.toString());
                }
                Path target;
                try {
                    target = file.toRealPath();
                } catch (IOException e) {
                    return dangling(path, link.toString());
                }
                if (!target.startsWith(root)) {
                    return escapes(path, link.toString());
                }
                if (Files.isDirectory(target)) {
                    return linkToFolder(path, link.toString());
                }
                if (!Files.isRegularFile(target)) {
                    return new Refused(Code.UNREADABLE_FILE, "Symbolic link `" + path + "` does not point at a regular file.", "Link to a file, or remove the link.");
                }
                file = target;
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return new Refused(Code.UNREADABLE_FILE, "`" + path + "` is not a regular file.", "Replace it with a file, or remove it.");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                return tooLarge(size, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                return bytes.length > maxBytes ? tooLarge(bytes.length, maxBytes) : new Bytes(bytes);
            }
        } catch (IOException e) {
            return new Refused(Code.UNREADABLE_FILE, "`" + path + "` cannot be read (" + describe(e) + ").", "Check the file's permissions.");
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "it no longer exists";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static Refused escapes(String path, String target) {
        return new Refused(Code.SYMLINK_ESCAPES_REPO, "Symbolic link `" + path + "` points outside the config repo, to `" + target + "`.",
                "Copy the file into the repo; flinkops reads only what the repo holds, so that a review sees every input.");
    }

    static Refused dangling(String path, String target) {
        return new Refused(Code.UNREADABLE_FILE, "Symbolic link `" + path + "` points at `" + target + "`, which does not exist.",
                "Fix the link, or remove it.");
    }

    static Refused linkToFolder(String path, String target) {
        return new Refused(Code.UNREADABLE_FILE, "Symbolic link `" + path + "` points at the folder `" + target + "`; flinkops follows links to files only.",
                "Replace the link with the files themselves.");
    }

    @Override
    public Optional<String> linkTarget(String path) {
        Path file = root.resolve(path).normalize();
        if (!Files.isSymbolicLink(file)) return Optional.empty();
        try {
            Path target = file.toRealPath();
            if (!target.startsWith(root) || !Files.isRegularFile(target)) return Optional.empty();
            return Optional.of(root.relativize(target).toString().replace(File.separatorChar, '/'));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Refused tooLarge(long size, int maxBytes) {
        return new Refused(Code.FILE_TOO_LARGE, "File is " + size + " bytes, over the limit of " + maxBytes + " bytes.",
                "Split it into several files; config files are small, so a file this big is usually generated output committed by mistake.");
    }
}
