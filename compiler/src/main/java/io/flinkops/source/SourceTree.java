package io.flinkops.source;

import java.util.List;
import java.util.Optional;

/**
 * The files of a config repo at one point in time: the working tree, the staged index or a Git
 * revision. Listing is cheap; contents are read on demand, so a large repo costs only what is read.
 * Paths are relative to the config repo's root, with forward slashes.
 */
public interface SourceTree {

    /** A file of the tree; {@code symlink} is true for a symbolic link, whatever it points at. */
    record Entry(String path, boolean symlink) {
    }

    /** What reading a file gave: its bytes, or why it was refused. */
    sealed interface Content permits Bytes, Refused {
    }

    record Bytes(byte[] bytes) implements Content {
    }

    record Refused(io.flinkops.diag.Code code, String message, String hint) implements Content {
    }

    /** For messages: "working tree", "staged index", "revision 1a2b3c4 (main~1)". */
    String label();

    /** The commit this tree is or is based on (HEAD for the working tree and index), if any. */
    Optional<String> commitId();

    /**
     * The config repo's folder inside its Git repository ("" at the top, or outside Git). Tools that
     * resolve paths from the Git root (GitHub annotations, SARIF) need it.
     */
    default String gitPrefix() {
        return "";
    }

    /** Every file, sorted by path. Ignored files (.gitignore) are not listed for the working tree. */
    List<Entry> entries();

    /** Reads one file, refusing files over {@code maxBytes}, symlinks that leave the repo, and unreadable files. */
    Content read(String path, int maxBytes);

    /**
     * For a symbolic link, the repo-relative path of the file it finally points at, if that is a file of
     * this tree; empty for anything else.
     */
    default Optional<String> linkTarget(String path) {
        return Optional.empty();
    }
}
