package io.flinkops.importer;

import io.flinkops.diag.Code;
import io.flinkops.source.SourceTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A config repo in memory: the files an import would write, over the existing repo they are added to (if any). It
 * is compiled before anything is written, so the report can say whether the result validates and what it renders.
 */
final class MemoryTree implements SourceTree {
    private final SourceTree base;
    private final SortedMap<String, byte[]> files;

    /** @param base the existing repo, or null for a new one */
    MemoryTree(SourceTree base, SortedMap<String, byte[]> files) {
        this.base = base;
        this.files = new TreeMap<>(files);
    }

    @Override
    public String label() {
        return "imported config repo";
    }

    @Override
    public Optional<String> commitId() {
        return Optional.empty();
    }

    @Override
    public List<Entry> entries() {
        SortedMap<String, Entry> all = new TreeMap<>();
        if (base != null) base.entries().forEach(e -> all.put(e.path(), e));
        files.keySet().forEach(f -> all.put(f, new Entry(f, false)));
        return List.copyOf(new ArrayList<>(all.values()));
    }

    @Override
    public Content read(String path, int maxBytes) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            if (base != null) return base.read(path, maxBytes);
            return new Refused(Code.UNREADABLE_FILE, "no such file: " + path, "");
        }
        if (bytes.length > maxBytes) return new Refused(Code.FILE_TOO_LARGE, "File is " + bytes.length + " bytes.", "");
        return new Bytes(bytes);
    }

    @Override
    public Optional<String> linkTarget(String path) {
        return files.containsKey(path) || base == null ? Optional.empty() : base.linkTarget(path);
    }
}
