package io.flinkops.operations;

import io.flinkops.source.SourceTree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A source tree with an edit laid over it: what the repo would be once the edit is written, checked before it is. */
final class EditedTree implements SourceTree {
    private final SourceTree base;
    private final Map<String, byte[]> edited = new TreeMap<>();

    EditedTree(SourceTree base, RepoEdit edit) {
        this.base = base;
        edit.changes().forEach(c -> edited.put(c.path(), c.after().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String label() {
        return base.label() + " with the edit";
    }

    @Override
    public Optional<String> commitId() {
        return base.commitId();
    }

    @Override
    public String gitPrefix() {
        return base.gitPrefix();
    }

    @Override
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(base.entries().stream().filter(e -> !edited.containsKey(e.path())).toList());
        edited.keySet().forEach(p -> entries.add(new Entry(p, false)));
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }

    @Override
    public Content read(String path, int maxBytes) {
        byte[] bytes = edited.get(path);
        return bytes != null ? new Bytes(bytes) : base.read(path, maxBytes);
    }

    @Override
    public Optional<String> linkTarget(String path) {
        return edited.containsKey(path) ? Optional.empty() : base.linkTarget(path);
    }
}
