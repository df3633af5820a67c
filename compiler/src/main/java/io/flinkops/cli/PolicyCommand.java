package io.flinkops.cli;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.cel.PolicyDeclaration;
import io.flinkops.cel.PolicyTests;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.render.TextRenderer;
import io.flinkops.source.SourceTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code flinkops policy test}: the repo's policies against their own test cases (docs/policies.md). */
@Command(name = "policy", description = "The repo's own policies (docs/policies.md).", subcommands = PolicyCommand.Test.class)
final class PolicyCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: use `flinkops policy test` (see --help).");
    }

    @Command(name = "test", description = "Run each policy's test cases (spec.policies[].tests in flinkops.yaml): PASS or FAIL per case, exit 1 when one fails.")
    static final class Test implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
        Path dir = Path.of(".");

        @Mixin
        SourceOptions source = new SourceOptions();

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            SourceTree tree = source.open(dir);
            Compilation compilation = new Compiler().compile(tree);
            // What keeps policies from being tested: flinkops.yaml's errors and the policies' own (FO952, policy files).
            io.flinkops.diag.Diagnostics problems = new io.flinkops.diag.Diagnostics();
            compilation.diagnostics().sorted().stream()
                    .filter(d -> d.code() == Code.POLICY_INVALID || d.location().file().equals("flinkops.yaml") && d.severity() == io.flinkops.diag.Severity.ERROR)
                    .forEach(problems::add);
            List<PolicyDeclaration> policies = PolicyDeclaration.of(compilation.plan().resolved().repository(), tree, problems);
            List<Diagnostic> invalid = problems.sorted().stream().filter(d -> d.severity() == io.flinkops.diag.Severity.ERROR).toList();
            if (!invalid.isEmpty()) err.print(new TextRenderer().render(invalid, new io.flinkops.diag.render.DiagnosticRenderer.Context(
                    new SourceTreeLines(tree), tree.gitPrefix(), Version.get(), io.flinkops.diag.render.Palette.NONE)));
            List<PolicyTests.Result> results = PolicyTests.run(policies);
            for (PolicyTests.Result r : results) {
                out.println((r.ok() ? "PASS  " : "FAIL  ") + r.policy() + ": " + r.test()
                        + (r.ok() ? "" : " (expected " + r.expected() + ", got " + r.outcome() + ")"));
            }
            long untested = policies.stream().filter(p -> p.tests().isEmpty()).count();
            long failed = results.stream().filter(r -> !r.ok()).count();
            out.println("-".repeat(60));
            out.println("PASS: " + (results.size() - failed) + "/" + results.size());
            if (failed > 0) out.println("FAIL: " + failed + "/" + results.size());
            if (untested > 0) out.println(untested + (untested == 1 ? " policy has" : " policies have") + " no tests.");
            out.flush();
            err.flush();
            return failed > 0 || !invalid.isEmpty() ? ExitCode.CONFIG_ERRORS : ExitCode.OK;
        }
    }
}
