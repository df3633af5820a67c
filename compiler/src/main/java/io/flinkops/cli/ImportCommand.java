package io.flinkops.cli;

import io.flinkops.diag.render.DiagnosticRenderer;
import io.flinkops.diag.render.TextRenderer;
import io.flinkops.importer.ImportOptions;
import io.flinkops.importer.Importer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "import", description = {
        "Turn VVP documents (REST responses and exports) and Flink Kubernetes Operator manifests (FlinkDeployment, "
                + "FlinkSessionJob) into a config repo that validates, and report what went where, every field without a VVP "
                + "equivalent, and a round trip: the imported repo rendered, compared with the input manifests.",
        "Nothing is written when the input is unusable; files of an existing repo are never overwritten without --force."})
final class ImportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "YAML or JSON files, or folders (read recursively).")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The config repo to write: a new one, or an existing one to add to.")
    Path out;

    @Option(names = "--namespace", paramLabel = "NS", description = "The flinkops (VVP) namespace to import into (default: a VVP document's "
            + "metadata.namespace, a manifest's Kubernetes namespace).")
    String namespace;

    @Option(names = "--target-namespace", paramLabel = "NS", defaultValue = ImportOptions.DEFAULT_NAMESPACE,
            description = "The Kubernetes namespace of manifests without metadata.namespace (default: ${DEFAULT-VALUE}).")
    String targetNamespace;

    @Option(names = "--kind", paramLabel = "KIND", description = "The kind of VVP documents without `kind` (REST responses): Deployment, "
            + "DeploymentTarget, SessionCluster, DeploymentDefaults, GlobalDeploymentDefaults, FlinkDeployment or FlinkSessionJob. "
            + "Default: told by their shape.")
    String kind;

    @Option(names = "--force", description = "Overwrite files of an existing config repo.")
    boolean force;

    @Option(names = "--dry-run", description = "Report what would be written, and write nothing.")
    boolean dryRun;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (Path input : inputs) {
            if (!Files.exists(input)) throw new UsageException("no such file or folder: " + input);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) throw new UsageException(out + " exists and is not a directory");
        if (namespace != null && !namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new UsageException("--namespace `" + namespace + "` is not a namespace name (lower-case letters, digits and '-')");
        }
        if (!targetNamespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") || targetNamespace.length() > 63) {
            throw new UsageException("--target-namespace `" + targetNamespace + "` is not a Kubernetes namespace name");
        }
        Optional<String> kindOption = Optional.empty();
        if (kind != null) {
            kindOption = Importer.kindOption(kind);
            if (kindOption.isEmpty()) throw new UsageException("--kind `" + kind + "` is not one of " + String.join(", ", Importer.KINDS));
        }
        Importer.Result result = new Importer().run(new ImportOptions(inputs, out, Optional.ofNullable(namespace), targetNamespace, kindOption, force));
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!result.usable()) {
            stderr.print(new TextRenderer().render(result.problems().sorted(), new DiagnosticRenderer.Context(result.inputLines(), "", Version.get())));
            stderr.println("flinkops: nothing was written to " + out + " because the input cannot be imported as it is.");
            stderr.flush();
            return ExitCode.CONFIG_ERRORS;
        }
        if (!result.problems().isEmpty()) {
            stderr.print(new TextRenderer().render(result.problems().sorted(), new DiagnosticRenderer.Context(result.inputLines(), "", Version.get())));
        }
        stdout.print(result.report().text());
        if (dryRun) {
            stdout.println("\nDry run: nothing written (" + result.files().size() + " files would be written to " + out + ").");
        } else {
            write(result.files());
            stdout.println("\nWrote " + result.files().size() + " files to " + out + ".");
        }
        stdout.flush();
        return result.report().validationErrors() > 0 ? ExitCode.CONFIG_ERRORS : ExitCode.OK;
    }

    private void write(Map<String, byte[]> files) {
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = out.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
        } catch (IOException e) {
            throw new UsageException("cannot write to " + out + ": " + e.getMessage());
        }
    }
}
