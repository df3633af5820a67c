package io.flinkops.init;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a small config repo that validates: the starting point of `flinkops init`. */
public final class Scaffold {
    /** The files written, relative to the target directory. */
    public static final List<String> FILES = List.of(
            "flinkops.yaml",
            "global-defaults.yaml",
            "namespaces/example/namespace.yaml",
            "namespaces/example/targets.yaml",
            "namespaces/example/state-machine.yaml");

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
                try (InputStream in = Scaffold.class.getResourceAsStream(f)) {
                    if (in == null) throw new IllegalStateException("scaffold resource missing: " + f);
                    Files.write(target, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
