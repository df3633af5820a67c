package io.flinkops.source;

/**
 * A file that differs between two trees of the same config repo (a commit and the staged index, say).
 *
 * @param path    repo-relative, as in {@link SourceTree.Entry}
 * @param symlink the file is a symbolic link in either tree
 */
public record Change(String path, Type type, boolean symlink) {

    public enum Type { ADDED, MODIFIED, DELETED }
}
