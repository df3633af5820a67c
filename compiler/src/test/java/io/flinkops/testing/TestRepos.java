package io.flinkops.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

/** Builds config repos for tests: copies of fixture folders, and Git repositories with fixed identities. */
public final class TestRepos {
    public static final PersonIdent AUTHOR = new PersonIdent("flinkops test", "test@flinkops.io",
            Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private TestRepos() {
    }

    /** The flinkops checkout (set by surefire; falls back to the parent of the module directory). */
    public static Path projectRoot() {
        String prop = System.getProperty("flinkops.projectRoot");
        Path root = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    public static Path examplesRepo() {
        return projectRoot().resolve("examples/repo");
    }

    /**
     * Copies {@code base} then {@code overlay} into {@code target}. An overlay file named {@code X.delete}
     * removes X from the result.
     */
    public static void materialize(Path base, Path overlay, Path target) {
        copyTree(base, target);
        if (overlay != null && Files.isDirectory(overlay)) {
            copyTree(overlay, target);
            try (Stream<Path> files = Files.walk(target)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".delete")).toList()) {
                    String name = p.getFileName().toString();
                    Files.deleteIfExists(p.resolveSibling(name.substring(0, name.length() - ".delete".length())));
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path src : files.toList()) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.createDirectories(dst.getParent());
                    Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RevCommit commit(Git git, String message) throws Exception {
        return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
    }
}
