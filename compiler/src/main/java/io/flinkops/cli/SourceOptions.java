package io.flinkops.cli;

import io.flinkops.source.ConfigRoot;
import io.flinkops.source.SourceException;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where to read the config repo from: the working tree (default), the staged index, or a revision. */
public final class SourceOptions {

    static final class Which {
        @Option(names = "--rev", paramLabel = "REV", description = "Read this Git revision (branch, tag, commit, HEAD~1…) from Git objects, without a checkout.")
        String revision;

        @Option(names = "--staged", description = "Read the staged index, as a pre-commit hook sees it.")
        boolean staged;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Which which;

    /** True when reading the staged index. */
    public boolean staged() {
        return which != null && which.staged;
    }

    /** The commit the staged index is based on (HEAD); empty before the first commit. */
    public java.util.Optional<SourceTree> stagedBase(Path dir) {
        try {
            return Sources.stagedBase(ConfigRoot.of(dir));
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The config repo at or above {@code dir} ({@link ConfigRoot}), from the working tree, the index or a revision. */
    public SourceTree open(Path dir) {
        dir = ConfigRoot.of(dir);
        try {
            if (which != null && which.revision != null) return Sources.revision(dir, which.revision);
            if (which != null && which.staged) return Sources.staged(dir);
            return Sources.workingTree(dir);
        } catch (SourceException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
