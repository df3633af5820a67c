package io.flinkops.cli;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.render.DiagnosticRenderer;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.render.RenderOutput;
import io.flinkops.source.SourceTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "render", description = "Write Kubernetes manifests for the Flink Kubernetes Operator, per cluster, with a kustomization.yaml.")
final class RenderCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output directory; replaced if an earlier render wrote it.")
    Path out;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Render only this cluster of flinkops.yaml.")
    String cluster;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SourceTree tree = source.open(dir);
        Compilation compilation = new Compiler().compile(tree, Optional.ofNullable(cluster));
        if (cluster != null && !compilation.repo().settings().clusterNames().contains(cluster)) {
            throw new UsageException("no cluster `" + cluster + "` in flinkops.yaml (clusters: "
                    + String.join(", ", compilation.repo().settings().clusterNames()) + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (compilation.output().isEmpty()) {
            err.print(new io.flinkops.diag.render.TextRenderer().render(compilation.diagnostics().sorted(),
                    new DiagnosticRenderer.Context(new SourceTreeLines(tree), tree.gitPrefix(), Version.get())));
            err.println("flinkops: nothing was written to " + this.out + " because the config repo has errors.");
            err.flush();
            return ExitCode.of(compilation.diagnostics());
        }
        RenderOutput output = compilation.output().get();
        try {
            ManifestWriter.write(output, this.out);
        } catch (ManifestWriter.OutputDirectoryException e) {
            throw new UsageException(e.getMessage());
        }
        long warnings = compilation.diagnostics().warningCount();
        output.clusters().forEach((name, objects) -> out.println("cluster " + name + ": " + objects.size() + " objects"));
        out.println("Wrote " + this.out + (warnings > 0 ? " (" + warnings + " warnings; see `flinkops validate`)" : "") + ".");
        out.flush();
        return ExitCode.OK;
    }

}
