package io.flinkops.agent.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.CorruptPackIndexException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.PackInvalidException;
import org.eclipse.jgit.errors.PackMismatchException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent's work directory, treated as what it is: a cache of the remote. The private Git repository in it holds
 * nothing that the remote cannot give back (the status branch is always rebuilt on the remote's tip), so the work
 * directory can be an {@code emptyDir}, and whatever a kill -9 or a full disk leaves in it is repaired, or the
 * repository is deleted and fetched again.
 *
 * <p><b>The agent is the only writer of its work directory.</b> {@link #claim} takes an OS-level lock
 * ({@value #OWNER_LOCK}) for the life of the process, so a second agent process pointed at the same directory stops at
 * startup instead of racing this one; and within the process every Git operation on the repository runs on the
 * agent's one loop thread (the compile thread only reads objects; JGit's automatic gc is kept off background threads,
 * see {@code ConfigRepo}). So a Git lock file ({@code *.lock}) that exists
 * before an operation starts cannot belong to a live writer: it was left by a process that died holding it, and
 * {@link #removeStaleLocks} deletes it. Without that, a stale {@code refs/remotes/origin/main.lock} makes every fetch
 * leave the tracking ref where it was (and the agent apply the old commit), and a stale status-branch lock freezes the
 * status branch for ever.
 */
final class WorkDir implements AutoCloseable {
    /** The OS lock that makes this process the only writer of the work directory; outside {@code .git}, so it survives a re-create. */
    static final String OWNER_LOCK = ".flinkops-agent.lock";
    private static final Pattern LOOSE_DIR = Pattern.compile("[0-9a-f]{2}");
    /** Process-wide: one OS lock per directory, shared by the repositories this process opens on it (tests open several). */
    private static final Map<Path, Owner> OWNERS = new HashMap<>();

    private static final class Owner {
        final FileChannel channel;
        final FileLock lock;
        int users;

        Owner(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }

    final Path dir;
    final Path gitDir;
    private boolean closed;

    private WorkDir(Path dir) {
        this.dir = dir;
        this.gitDir = dir.resolve(Constants.DOT_GIT);
    }

    /** Creates {@code dir} if needed and takes the OS lock that makes this process its only writer. */
    static WorkDir claim(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path real = dir.toRealPath();
        synchronized (OWNERS) {
            Owner owner = OWNERS.get(real);
            if (owner == null) {
                FileChannel channel = FileChannel.open(real.resolve(OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
                if (lock == null) {
                    channel.close();
                    throw new IOException("the work directory " + real + " is in use by another flinkops agent process (it holds "
                            + OWNER_LOCK + "). Give each agent its own work directory (an emptyDir per pod)");
                }
                owner = new Owner(channel, lock);
                OWNERS.put(real, owner);
            }
            owner.users++;
        }
        return new WorkDir(real);
    }

    /**
     * Deletes every Git lock file ({@code *.lock}) of the repository: refs, {@code packed-refs}, {@code config},
     * {@code HEAD}, {@code index}, {@code shallow}. Safe only because this process is the repository's only writer
     * and calls it between operations (see the class comment). The object store has no lock files and is skipped.
     *
     * @return the lock files removed, relative to {@code .git}
     */
    List<String> removeStaleLocks() throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(gitDir)) return removed;
        Path objects = gitDir.resolve("objects");
        Files.walkFileTree(gitDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.equals(objects) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() && f.getFileName().toString().endsWith(".lock")) {
                    Files.deleteIfExists(f);
                    removed.add(gitDir.relativize(f).toString());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE; // gone meanwhile, or unreadable: the operation that needs it will say so
            }
        });
        return removed;
    }

    /**
     * What is wrong with {@code repo}, if anything: a ref that cannot be read or whose commit (and its tree) cannot be
     * read, or a loose object of zero bytes (a crash after the file was created and before its content reached the
     * disk). Cheap: the refs' tips, and one directory listing per loose-object folder.
     */
    Optional<String> damage(Repository repo) {
        try {
            if (repo.exactRef(Constants.HEAD) == null) return Optional.of("HEAD cannot be read");
            try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader()) {
                for (Ref ref : repo.getRefDatabase().getRefs()) {
                    if (ref.isSymbolic() || ref.getObjectId() == null) continue;
                    try {
                        RevObject o = walk.parseAny(ref.getObjectId());
                        if (o instanceof RevCommit c) reader.open(c.getTree()).getCachedBytes();
                    } catch (IOException | RuntimeException e) {
                        return Optional.of("the commit of " + ref.getName() + " (" + ref.getObjectId().name() + ") cannot be read (" + describe(e) + ")");
                    }
                }
            }
            Optional<String> empty = emptyLooseObject();
            if (empty.isPresent()) return empty;
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(describe(e));
        }
    }

    private Optional<String> emptyLooseObject() throws IOException {
        Path objects = gitDir.resolve("objects");
        if (!Files.isDirectory(objects)) return Optional.empty();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(objects, p -> LOOSE_DIR.matcher(p.getFileName().toString()).matches())) {
            for (Path d : dirs) {
                try (Stream<Path> files = Files.list(d)) {
                    Optional<Path> empty = files.filter(f -> {
                        try {
                            return Files.isRegularFile(f) && Files.size(f) == 0;
                        } catch (IOException e) {
                            return true;
                        }
                    }).findFirst();
                    if (empty.isPresent()) return Optional.of("loose object " + d.getFileName() + empty.get().getFileName() + " is empty");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code e} comes from the local repository rather than the remote: a corrupt, truncated or missing object,
     * an invalid pack, a lock that cannot be taken, or any I/O error thrown by JGit's object and ref storage (a
     * truncated loose object reads as an {@link java.io.EOFException} "Short read of block", which a broken
     * connection also throws: where it was thrown tells them apart).
     */
    static boolean isLocalDamage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CorruptObjectException || t instanceof MissingObjectException || t instanceof PackInvalidException
                    || t instanceof PackMismatchException || t instanceof CorruptPackIndexException || t instanceof LockFailedException
                    || t instanceof java.util.zip.DataFormatException || t instanceof java.util.zip.ZipException) {
                return true;
            }
            if (t instanceof IOException && thrownByLocalStorage(t)) return true;
        }
        return false;
    }

    private static boolean thrownByLocalStorage(Throwable t) {
        for (StackTraceElement f : t.getStackTrace()) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("org.eclipse.jgit.util.")) continue;
            return c.startsWith("org.eclipse.jgit.internal.storage.");
        }
        return false;
    }

    static String describe(Throwable e) {
        String msg = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) msg = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return msg == null ? e.getClass().getSimpleName() : msg.strip();
    }

    /** Whether the repository exists at all (a first start has none). */
    boolean hasRepository() {
        return Files.exists(gitDir);
    }

    /** Deletes the repository ({@code .git}, whatever it is now); the work directory and its owner lock stay. */
    void wipe() throws IOException {
        if (!Files.exists(gitDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        if (!Files.isDirectory(gitDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(gitDir);
            return;
        }
        // Tolerant of files that vanish meanwhile (a temporary file JGit removes as it closes): gone is what we want.
        Files.walkFileTree(gitDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) throw e;
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A new, empty repository (its work tree stays empty: nothing is ever checked out). */
    Git init() throws IOException {
        try {
            return Git.init().setDirectory(dir.toFile()).setInitialBranch("flinkops-agent-unused").call();
        } catch (GitAPIException e) {
            throw new IOException("cannot create a Git repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Releases this process's claim (the OS lock goes when the last repository on the directory closes). */
    @Override
    public void close() {
        synchronized (OWNERS) {
            if (closed) return;
            closed = true;
            Owner owner = OWNERS.get(dir);
            if (owner == null || --owner.users > 0) return;
            OWNERS.remove(dir);
            try {
                owner.lock.release();
                owner.channel.close();
            } catch (IOException ignored) {
                // the process is letting go of the directory; the OS drops the lock with the channel anyway
            }
        }
    }
}
