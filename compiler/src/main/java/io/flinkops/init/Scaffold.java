package io.flinkops.init;

import io.flinkops.schema.SchemaFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small config repo that validates, with what a repo needs next to the YAML: a .gitignore, the pre-commit
 * hook (docs/pre-commit.md), the GitHub workflow (docs/ci.md), editor settings and the schemas they point at
 * (docs/editor-setup.md). The starting point of `flinkops init`; the dotfiles are the docs' own blocks (a test keeps
 * them in step).
 */
public final class Scaffold {
    /** The config files: resource name = file name. */
    private static final List<String> CONFIG = List.of(
            "flinkops.yaml",
            "global-defaults.yaml",
            "namespaces/example/namespace.yaml",
            "namespaces/example/targets.yaml",
            "namespaces/example/state-machine.yaml");

    /** File written → resource it comes from. */
    private static final Map<String, String> SOURCES = sources();

    /** The files written, relative to the target directory. */
    public static final List<String> FILES = List.copyOf(SOURCES.keySet());

    private static Map<String, String> sources() {
        Map<String, String> m = new LinkedHashMap<>();
        CONFIG.forEach(f -> m.put(f, f));
        m.put(".gitignore", "dotfiles/gitignore");
        m.put(".pre-commit-config.yaml", "dotfiles/pre-commit-config.yaml");
        m.put(".github/workflows/flinkops.yaml", "dotfiles/github-workflow.yaml");
        m.put(".vscode/settings.json", "dotfiles/vscode-settings.json");
        // The schemas the editor settings point at, as this flinkops version has them.
        for (String schema : SchemaFiles.ALL) m.put(".flinkops/schemas/" + schema, "/schemas/" + schema);
        return java.util.Collections.unmodifiableMap(m);
    }

    private Scaffold() {
    }

    /** The files that already exist in {@code dir} and would be overwritten. */
    public static List<String> conflicts(Path dir) {
        List<String> out = new ArrayList<>();
        for (String f : FILES) {
            if (Files.exists(dir.resolve(f))) out.add(f);
        }
        return out;
    }

    public static void write(Path dir) {
        try {
            for (String f : FILES) {
                Path target = dir.resolve(f);
                Files.createDirectories(target.getParent());
                try (InputStream in = Scaffold.class.getResourceAsStream(SOURCES.get(f))) {
                    if (in == null) throw new IllegalStateException("scaffold resource missing: " + f);
                    Files.write(target, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
