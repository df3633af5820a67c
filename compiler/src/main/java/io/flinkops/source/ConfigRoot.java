package io.flinkops.source;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config repo a folder belongs to, found as git and pre-commit find theirs: the folder itself when it has a
 * {@code flinkops.yaml}, else the nearest parent that has one, not looking past the top of the Git work tree the
 * folder is in. So `flinkops validate` run in {@code namespaces/orders/} checks the whole repo instead of reporting
 * every file there as misplaced.
 */
public final class ConfigRoot {
    public static final String MARKER = "flinkops.yaml";

    private ConfigRoot() {
    }

    /** The config repo's root for {@code dir}; {@code dir} itself when no folder up to the Git root has the marker. */
    public static Path of(Path dir) {
        Path start = dir.toAbsolutePath().normalize();
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(MARKER))) return d.equals(start) ? dir : d;
            if (Files.exists(d.resolve(".git"))) break; // the top of this work tree: another repo's config is not ours
        }
        return dir;
    }
}
