package io.flinkops.cli;

import io.flinkops.init.Scaffold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "init", description = "Create a config repo that validates, to start from.")
final class InitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "Where to create it (created if missing).")
    Path dir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(dir + " exists and is not a directory");
        }
        List<String> conflicts = Scaffold.conflicts(dir);
        if (!conflicts.isEmpty()) {
            throw new UsageException("refusing to overwrite " + String.join(", ", conflicts) + " in " + dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Scaffold.write(dir);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created a config repo in " + dir + ":");
        Scaffold.FILES.forEach(f -> out.println("  " + f));
        out.println("Next: flinkops validate " + dir + ", then commit it: cd " + dir + " && git init && git add -A && git commit -m \"flinkops config repo\"");
        out.println("      and `pre-commit install` to check each commit (.pre-commit-config.yaml; docs/pre-commit.md).");
        return ExitCode.OK;
    }
}
