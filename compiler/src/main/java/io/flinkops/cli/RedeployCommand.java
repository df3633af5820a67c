package io.flinkops.cli;

import io.flinkops.operations.DayTwoRequest;
import io.flinkops.operations.OperationEditor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "redeploy", description = "Restart a deployment from a given savepoint, discarding the state after it (docs/day-2.md).")
final class RedeployCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAMESPACE/DEPLOYMENT", description = "The deployment to redeploy.")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Option(names = "--from-savepoint", required = true, paramLabel = "LOCATION|NAME|latest",
            description = "A savepoint location (s3://…), the name of a Savepoint of the deployment, or `latest` (the newest completed "
                    + "savepoint the status branch records).")
    String from;

    @Mixin
    OperationOptions options = new OperationOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return options.run(target, "DEPLOYMENT", dir, (ns, n) -> new DayTwoRequest.Redeploy(ns, n, from, options.reason()),
                OperationEditor.LATEST.equals(from.strip()), spec);
    }
}
