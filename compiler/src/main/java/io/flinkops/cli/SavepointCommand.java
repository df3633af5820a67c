package io.flinkops.cli;

import io.flinkops.operations.DayTwoRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "savepoint", description = "Ask for a savepoint of a deployment now: writes a Savepoint document (docs/day-2.md).")
final class SavepointCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAMESPACE/DEPLOYMENT", description = "The deployment to take a savepoint of.")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Option(names = "--name", paramLabel = "NAME", description = "The Savepoint's name (default: <deployment>-<yyyyMMdd-HHmmss>).")
    String name;

    @Option(names = "--format", paramLabel = "FORMAT", description = "CANONICAL (default) or NATIVE (operator 1.10+).")
    Format format;

    enum Format { CANONICAL, NATIVE }

    @Mixin
    OperationOptions options = new OperationOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return options.run(target, "DEPLOYMENT", dir, (ns, n) -> new DayTwoRequest.TakeSavepoint(ns, n, Optional.ofNullable(name), options.reason(),
                Optional.ofNullable(format).map(Enum::name)), false, spec);
    }
}
