package io.flinkops.cli;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.render.DiagnosticRenderer;
import io.flinkops.emit.EmitOptions;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.render.RenderOutput;
import io.flinkops.source.SourceTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "render", description = "Write Kubernetes manifests for the Flink Kubernetes Operator, per cluster, with a kustomization.yaml.")
final class RenderCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = "--out", required = true, paramLabel = "OUT",
            description = "Output directory; replaced if an earlier render wrote it. `-` writes one cluster's objects to standard output "
                    + "as one YAML stream (as `kustomize build` does), for an Argo CD plugin or a pipe.")
    Path out;

    @Option(names = "--namespace-objects", description = "Also write a Namespace object for every Kubernetes namespace of a cluster "
            + "(marked so that Argo CD and Flux never prune it; see docs/gitops.md).")
    boolean namespaceObjects;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Render only this cluster of flinkops.yaml.")
    String cluster;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private boolean toStandardOutput() {
        return out.toString().equals("-");
    }

    /** The one cluster a stream holds: {@code --cluster}, or the repo's only cluster. */
    private String streamedCluster(Compilation compilation) {
        if (cluster != null) return cluster;
        List<String> clusters = compilation.repo().settings().clusterNames();
        if (clusters.size() == 1) return clusters.get(0);
        throw new UsageException("--out - writes the objects of one cluster, and flinkops.yaml has " + clusters.size()
                + " (" + String.join(", ", clusters) + "): name one with --cluster");
    }

    @Override
    public Integer call() {
        SourceTree tree = source.open(dir);
        Compilation compilation = new Compiler().compile(tree, Optional.ofNullable(cluster));
        if (cluster != null && !compilation.repo().settings().clusterNames().contains(cluster)) {
            throw new UsageException("no cluster `" + cluster + "` in flinkops.yaml (clusters: "
                    + String.join(", ", compilation.repo().settings().clusterNames()) + ")");
        }
        String streamed = toStandardOutput() ? streamedCluster(compilation) : null;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (compilation.output().isEmpty()) {
            err.print(new io.flinkops.diag.render.TextRenderer().render(compilation.diagnostics().sorted(),
                    new DiagnosticRenderer.Context(new SourceTreeLines(tree), tree.gitPrefix(), Version.get())));
            err.println("flinkops: nothing was written to " + (streamed != null ? "standard output" : this.out) + " because the config repo has errors.");
            err.flush();
            return ExitCode.of(compilation.diagnostics());
        }
        RenderOutput output = compilation.output().get();
        EmitOptions options = new EmitOptions(namespaceObjects);
        if (streamed != null) {
            // Only the stream goes to standard output, so that it can be piped; everything else to standard error.
            out.print(ManifestWriter.stream(output, streamed, options));
            out.flush();
            long warnings = compilation.diagnostics().warningCount();
            if (warnings > 0) err.println("flinkops: " + warnings + " warnings; see `flinkops validate`.");
            err.flush();
            return ExitCode.OK;
        }
        try {
            ManifestWriter.write(output, this.out, options);
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
