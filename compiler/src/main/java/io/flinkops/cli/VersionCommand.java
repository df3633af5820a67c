package io.flinkops.cli;

import io.flinkops.flinkoptions.FlinkOptionCatalog;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.RepositorySpec;
import io.flinkops.status.StatusFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "version", description = "Show flinkops' version, the Flink Kubernetes Operator releases it renders for, "
        + "and the Flink versions whose configuration options it knows.")
final class VersionCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    enum Format { text, json }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> catalogued = List.copyOf(FlinkOptionCatalog.load().versions());
        if (format == Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("version", Version.get());
            json.put("defaultOperatorVersion", RepositorySpec.DEFAULT_OPERATOR_VERSION);
            Map<String, List<String>> operators = new LinkedHashMap<>();
            FlinkVersions.NEWEST_BY_OPERATOR.keySet().forEach(op -> operators.put(op, FlinkVersions.supported(op)));
            json.put("operators", operators);
            json.put("flinkConfigurationOptions", catalogued);
            out.println(StatusFiles.toJson(json));
        } else {
            out.println("flinkops " + Version.get());
            out.println();
            out.println("Flink Kubernetes Operator releases (spec.operator.version in flinkops.yaml; default "
                    + RepositorySpec.DEFAULT_OPERATOR_VERSION + "), with the Flink versions each runs:");
            FlinkVersions.NEWEST_BY_OPERATOR.keySet().forEach(op -> {
                List<String> flink = FlinkVersions.supported(op);
                out.println("  " + op + (op.length() < 4 ? " " : "") + "  Flink " + flink.get(0) + " … " + flink.get(flink.size() - 1));
            });
            out.println();
            out.println("Flink configuration options known for Flink " + String.join(", ", catalogued) + ".");
        }
        out.flush();
        return ExitCode.OK;
    }
}
