package io.flinkops.cli;

import io.flinkops.operations.DayTwoRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "restart", description = "Restart a deployment or a session cluster once: sets flinkops.io/restart (docs/day-2.md).")
final class RestartCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAMESPACE/NAME", description = "The Deployment or SessionCluster to restart.")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Mixin
    OperationOptions options = new OperationOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return options.run(target, "NAME", dir, (ns, n) -> new DayTwoRequest.Restart(ns, n, options.reason()), false, spec);
    }
}
