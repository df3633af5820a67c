package io.flinkops.cli;

import io.flinkops.diag.render.DiagnosticRenderer;
import io.flinkops.source.SourceTree;
import io.flinkops.yaml.YamlLimits;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Source lines for the text renderer, read from the same tree that was compiled. */
final class SourceTreeLines implements DiagnosticRenderer.SourceLines {
    private final SourceTree tree;
    private final Map<String, List<String>> cache = new HashMap<>();

    SourceTreeLines(SourceTree tree) {
        this.tree = tree;
    }

    @Override
    public String line(String file, int line) {
        List<String> lines = cache.computeIfAbsent(file, f -> {
            if (tree.read(f, YamlLimits.DEFAULT.maxFileBytes()) instanceof SourceTree.Bytes b) {
                return new String(b.bytes(), StandardCharsets.UTF_8).lines().toList();
            }
            return List.of();
        });
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
    }
}
