package io.flinkops.operations;

import java.util.List;
import java.util.Optional;

/**
 * What an operation changes in the config repo: new files and edited ones, each with its whole text before and after,
 * so that the edit can be shown as a diff, validated before anything is written, written, or committed.
 *
 * @param summary one line saying what the edit asks for, for the user and the commit message
 * @param changes the files, in the order they are shown
 */
public record RepoEdit(String summary, List<FileChange> changes) {

    public RepoEdit {
        changes = List.copyOf(changes);
    }

    /**
     * @param path   repo-relative, forward slashes
     * @param before the file's text before the edit; empty for a new file
     * @param after  its text after
     */
    public record FileChange(String path, Optional<String> before, String after) {
    }
}
