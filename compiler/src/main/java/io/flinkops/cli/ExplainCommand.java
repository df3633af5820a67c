package io.flinkops.cli;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Suggestions;
import io.flinkops.explain.Explainer;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.source.SourceTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "explain", description = "Show a deployment's effective spec (defaults merged) with the file and line of every value.")
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAMESPACE/DEPLOYMENT", description = "The deployment to explain.")
    String target;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    TerminalOptions terminal = new TerminalOptions();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    enum Format { text, json }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        int slash = target.indexOf('/');
        if (slash <= 0 || slash == target.length() - 1 || target.indexOf('/', slash + 1) >= 0) {
            throw new UsageException("expected NAMESPACE/DEPLOYMENT, got `" + target + "`");
        }
        String namespace = target.substring(0, slash);
        String name = target.substring(slash + 1);
        SourceTree tree = source.open(dir);
        Compilation compilation = new Compiler().compile(tree);
        ResolvedNamespace ns = compilation.repo().namespaces().get(namespace);
        if (ns == null) {
            throw new UsageException("no namespace `" + namespace + "` in " + dir + ". "
                    + Suggestions.didYouMean(namespace, compilation.repo().namespaces().keySet()));
        }
        Resolved<DeploymentSpec> deployment = ns.deployments().get(name);
        if (deployment == null) {
            throw new UsageException("no deployment `" + name + "` in namespace `" + namespace + "`. "
                    + Suggestions.didYouMean(name, List.copyOf(ns.deployments().keySet())));
        }
        PrintWriter out = spec.commandLine().getOut();
        // A Deployment that failed its schema has no plan: its effective spec is all there is to show.
        var plan = compilation.plan().of(deployment);
        out.print(format == Format.json ? plan.map(Explainer::json).orElseGet(() -> Explainer.json(deployment))
                : plan.map(p -> Explainer.text(p, tree.label(), terminal.palette()))
                        .orElseGet(() -> Explainer.text(deployment, tree.label(), terminal.palette())));
        out.flush();
        long errors = compilation.diagnostics().errorCount();
        if (errors > 0) {
            spec.commandLine().getErr().println("flinkops: the config repo has " + errors + " error(s); run `flinkops validate` to see them.");
        }
        return ExitCode.of(compilation.diagnostics());
    }
}
