package io.flinkops.cli;

import io.flinkops.diag.render.DiagnosticRenderer;
import io.flinkops.diag.render.TextRenderer;
import io.flinkops.diff.DiffReport;
import io.flinkops.diff.ImpactAnalysis;
import io.flinkops.diff.Snapshot;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.format.DiffRenderer;
import io.flinkops.diff.live.LiveState;
import io.flinkops.source.SourceException;
import io.flinkops.source.SourceTree;
import io.flinkops.source.ConfigRoot;
import io.flinkops.source.Sources;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

@Command(name = "diff", description = {
        "What a change does to the running system: per deployment and session cluster, whether it is added, removed or changed,",
        "whether the running job restarts, with which upgrade mode, and whether Flink state can be lost; with the status branch,",
        "what runs now (observed state, last savepoint and checkpoint) and what the change does to it.",
        "Exit 0, or 1 when the head revision has errors, the operator would refuse the change, or --fail-on is met."})
final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Option(names = "--base", required = true, paramLabel = "REV", description = "The revision to compare with (branch, tag, commit, HEAD~1…), read from Git objects.")
    String base;

    @Option(names = "--head", paramLabel = "REV", description = "The changed revision (default: the working tree).")
    String head;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), markdown (a pull-request comment) or json.")
    OutputFormat format = OutputFormat.text;

    @Option(names = "--status-ref", paramLabel = "REF", description = {
            "The status branch the agents write, to weigh the change against what runs now (default: ${DEFAULT-VALUE}:",
            "the local branch, else REMOTE's; without it the live state is not known)."})
    String statusRef = StatusFiles.DEFAULT_BRANCH;

    @Option(names = "--remote", paramLabel = "REMOTE", description = "Read refs/remotes/REMOTE/<status ref> when there is no local branch (default: ${DEFAULT-VALUE}).")
    String remote = "origin";

    @Option(names = "--no-status", description = "Do not read the status branch: the report is made from Git alone.")
    boolean noStatus;

    /** For tests: the instant ages are counted to (ISO-8601). */
    @Option(names = "--now", hidden = true)
    String now;

    @picocli.CommandLine.Mixin
    TerminalOptions terminal = new TerminalOptions();

    @Option(names = "--fail-on", paramLabel = "RISK", description = "Exit 1 when a deployment's state risk is at least RISK: possible or loss.")
    FailOn failOn;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    enum OutputFormat { text, markdown, json }

    enum FailOn {
        possible(StateRisk.POSSIBLE), loss(StateRisk.LOSS);

        final StateRisk risk;

        FailOn(StateRisk risk) {
            this.risk = risk;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceTree headTree = open("--head", head);
        SourceTree baseTree = open("--base", base);

        // The base compiles alongside the head (they share nothing); it is not needed if the head has errors.
        CompletableFuture<Snapshot> baseCompilation = CompletableFuture.supplyAsync(() -> Snapshot.of(baseTree));
        Snapshot headSnapshot = Snapshot.of(headTree);
        if (!headSnapshot.complete()) {
            err.print(new TextRenderer().render(headSnapshot.compilation().diagnostics().sorted(), context(headTree)));
            err.println("flinkops: the " + headTree.label() + " has errors, so it cannot be compared; fix them first (`flinkops validate`).");
            err.flush();
            return ExitCode.of(headSnapshot.compilation().diagnostics());
        }
        Snapshot baseSnapshot = await(baseCompilation);
        if (!baseSnapshot.complete()) {
            long errors = baseSnapshot.compilation().diagnostics().errorCount();
            err.println("flinkops: note: the base " + baseTree.label() + " has " + errors + (errors == 1 ? " error" : " errors")
                    + "; it is compared as far as it renders (`flinkops validate --rev " + base + "` shows them).");
        }
        DiffReport report = ImpactAnalysis.analyse(baseSnapshot, headSnapshot, live());
        out.print(DiffRenderer.forFormat(format.name(), terminal.palette()).render(report));
        out.flush();
        if (!report.diagnostics().isEmpty()) {
            err.print(new TextRenderer().render(report.diagnostics(), context(headTree)));
        }
        int code = ExitCode.OK;
        if (report.hasErrors()) {
            err.println("flinkops: the operator would refuse this change (see above).");
            code = ExitCode.CONFIG_ERRORS;
        } else if (failOn != null && report.reaches(failOn.risk)) {
            long n = report.changes().stream().filter(c -> c.stateRisk().atLeast(failOn.risk)).count();
            err.println("flinkops: " + n + (n == 1 ? " deployment has" : " deployments have") + " state risk `" + failOn.risk.id()
                    + "` or higher (--fail-on " + failOn.name() + ").");
            code = ExitCode.CONFIG_ERRORS;
        }
        err.flush();
        return code;
    }

    /** What the status branch says runs now; a status branch that cannot be read is reported and left out. */
    private LiveState live() {
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
        if (noStatus) return LiveState.unknown("`--no-status` was given", clock);
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) return LiveState.unknown("not a Git repository", clock);
        try (Repository repo = builder.setMustExist(true).build()) {
            return LiveState.read(repo, statusRef, remote, clock);
        } catch (IOException | RuntimeException e) {
            return LiveState.unknown("status branch `" + statusRef + "` cannot be read: " + e.getMessage(), clock);
        }
    }

    private SourceTree open(String option, String revision) {
        try {
            Path root = ConfigRoot.of(dir);
            return revision == null ? Sources.workingTree(root) : Sources.revision(root, revision);
        } catch (SourceException e) {
            throw new UsageException(e.getMessage().replace("--rev needs", option + " needs"));
        }
    }

    private static DiagnosticRenderer.Context context(SourceTree tree) {
        return new DiagnosticRenderer.Context(new SourceTreeLines(tree), tree.gitPrefix(), Version.get());
    }

    /** The result of a compilation started with {@link CompletableFuture#supplyAsync}, failing as it would have failed here. */
    private static Snapshot await(CompletableFuture<Snapshot> compilation) {
        try {
            return compilation.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }
}
