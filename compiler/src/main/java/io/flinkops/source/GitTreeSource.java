package io.flinkops.source;

import io.flinkops.diag.Code;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Files read straight from Git objects (a commit's tree or the index): no checkout, no work tree. */
final class GitTreeSource implements SourceTree {
    record Blob(ObjectId id, boolean symlink) {
    }

    /** Like the 40 hops Linux allows before ELOOP. */
    private static final int MAX_LINK_HOPS = 40;

    private final Repository repo;
    private final String prefix;
    private final String label;
    private final Optional<String> commitId;
    private final Map<String, Blob> blobs;
    private final List<Entry> entries;

    GitTreeSource(Repository repo, String prefix, String label, Optional<String> commitId, Map<String, Blob> sortedBlobs) {
        this.repo = repo;
        this.prefix = prefix;
        this.label = label;
        this.commitId = commitId;
        this.blobs = Map.copyOf(sortedBlobs);
        List<Entry> list = new ArrayList<>();
        sortedBlobs.forEach((path, blob) -> list.add(new Entry(path, blob.symlink())));
        this.entries = List.copyOf(list);
    }

    /** The files by path (for comparing two Git sources without reading them). */
    Map<String, Blob> blobs() {
        return blobs;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String gitPrefix() {
        return prefix;
    }

    @Override
    public Optional<String> commitId() {
        return commitId;
    }

    @Override
    public List<Entry> entries() {
        return entries;
    }

    @Override
    public Content read(String path, int maxBytes) {
        Blob blob = blobs.get(path);
        if (blob == null) {
            return new Refused(Code.UNREADABLE_FILE, "`" + path + "` is not in the " + label + ".", "");
        }
        try (ObjectReader reader = repo.newObjectReader()) {
            String current = path;
            for (int hops = 0; blob.symlink(); hops++) {
                String target = new String(reader.open(blob.id(), Constants.OBJ_BLOB).getCachedBytes(4096), StandardCharsets.UTF_8);
                String resolved = resolveLink(current, target);
                if (resolved == null) {
                    return WorkingTreeSource.escapes(path, target);
                }
                if (hops >= MAX_LINK_HOPS) {
                    return new Refused(Code.UNREADABLE_FILE, "Symbolic link `" + path + "` is part of a chain of more than " + MAX_LINK_HOPS + " links, or of a loop.",
                            "Link straight to the file.");
                }
                Blob next = blobs.get(resolved);
                if (next == null) {
                    String folder = resolved + "/";
                    boolean isFolder = resolved.isEmpty() || blobs.keySet().stream().anyMatch(p -> p.startsWith(folder));
                    return isFolder ? WorkingTreeSource.linkToFolder(path, target) : WorkingTreeSource.dangling(path, target);
                }
                blob = next;
                current = resolved;
            }
            ObjectLoader loader = reader.open(blob.id(), Constants.OBJ_BLOB);
            if (loader.getSize() > maxBytes) {
                return WorkingTreeSource.tooLarge(loader.getSize(), maxBytes);
            }
            return new Bytes(loader.getBytes(maxBytes));
        } catch (IOException | org.eclipse.jgit.errors.LargeObjectException e) {
            return new Refused(Code.UNREADABLE_FILE, "`" + path + "` cannot be read from the " + label + " (" + e.getMessage() + ").", "");
        }
    }

    @Override
    public Optional<String> linkTarget(String path) {
        Blob blob = blobs.get(path);
        if (blob == null || !blob.symlink()) return Optional.empty();
        try (ObjectReader reader = repo.newObjectReader()) {
            String current = path;
            for (int hops = 0; blob != null && blob.symlink() && hops <= MAX_LINK_HOPS; hops++) {
                String target = new String(reader.open(blob.id(), Constants.OBJ_BLOB).getCachedBytes(4096), StandardCharsets.UTF_8);
                current = resolveLink(current, target);
                if (current == null) return Optional.empty();
                blob = blobs.get(current);
            }
            return blob != null && !blob.symlink() ? Optional.of(current) : Optional.empty();
        } catch (IOException | org.eclipse.jgit.errors.LargeObjectException e) {
            return Optional.empty();
        }
    }

    /** The repo-relative path a link at {@code linkPath} with {@code target} names, or null if it leaves the repo. */
    static String resolveLink(String linkPath, String target) {
        if (target.startsWith("/") || target.matches("^[A-Za-z]:.*")) return null;
        Deque<String> parts = new ArrayDeque<>();
        String[] linkParts = linkPath.split("/");
        for (int i = 0; i < linkParts.length - 1; i++) parts.addLast(linkParts[i]);
        for (String p : target.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                if (parts.isEmpty()) return null;
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }
}
