package io.flinkops.diff;

import io.flinkops.diag.Diagnostic;
import io.flinkops.diff.format.JsonDiffRenderer;
import io.flinkops.diff.live.LiveState;
import io.flinkops.source.Sources;
import io.flinkops.status.StatusFiles;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.StatusBranchFixture;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The diff cases under compiler/src/test/resources/diff-cases: each is a Git repository of two commits, the base
 * ({@code _base} with the case's {@code base/} laid over it) and the head (the case's {@code head/} laid over the
 * base; an empty {@code X.delete} removes X). {@link #run} compares them through the library and through the CLI
 * and checks the golden files: {@code expected.json} (the JSON report) and {@code expected.txt} (diagnostics,
 * golden-case format), rewritten with {@code -Dflinkops.updateGolden=true}.
 *
 * <p>A case with a folder of status files under {@link #LIVE} (same name as the case; files laid out as on the
 * status branch, {@code status/<ns>/<deployment>.yaml}) also gets a status branch {@code flinkops/status}, committed
 * from that folder, and is weighed against it with the clock fixed at {@link #NOW}, or at the instant in the case's
 * {@code now} file (for a status branch observed later than that).
 */
final class DiffCases {
    static final Path ROOT = TestRepos.projectRoot().resolve("compiler/src/test/resources/diff-cases");
    static final Path LIVE = TestRepos.projectRoot().resolve("compiler/src/test/resources/io/flinkops/diff/live");
    static final boolean UPDATE = Boolean.getBoolean("flinkops.updateGolden");
    /** The moment the live cases are diffed at: ages in their goldens are counted to it. */
    static final Instant NOW = Instant.parse("2026-12-04T22:15:00Z");
    static final String STATUS_BRANCH = Constants.R_HEADS + StatusFiles.DEFAULT_BRANCH;

    /** What one case gave. {@code report} is null when the head revision has errors. */
    record Result(Path repo, DiffReport report, List<Diagnostic> headErrors, CliRun cli) {
        DeploymentChange entry(String name) {
            return report.changes().stream().filter(c -> c.deployment().equals(name) && !c.isSessionCluster()).findFirst()
                    .orElseThrow(() -> new AssertionError("no entry for " + name + " in " + report.changes()));
        }

        DeploymentChange cluster(String name) {
            return report.changes().stream().filter(c -> c.deployment().equals(name) && c.isSessionCluster()).findFirst()
                    .orElseThrow(() -> new AssertionError("no session cluster entry for " + name));
        }

        String reasons(String name) {
            return String.join("\n", entry(name).reasons());
        }
    }

    private DiffCases() {
    }

    /** Builds the case's repository under {@code tmp}: commit "base", then commit "head". */
    static Path repo(Path tmp, String name) throws Exception {
        Path repo = tmp.resolve(name);
        TestRepos.materialize(ROOT.resolve("_base"), ROOT.resolve(name).resolve("base"), repo);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            addAll(git);
            TestRepos.commit(git, "base");
            overlay(ROOT.resolve(name).resolve("head"), repo);
            addAll(git);
            TestRepos.commit(git, "head");
            if (Files.isDirectory(LIVE.resolve(name))) StatusBranchFixture.commit(git.getRepository(), LIVE.resolve(name), STATUS_BRANCH);
        }
        return repo;
    }

    /** The moment case {@code name} is diffed at. */
    static Instant now(String name) throws java.io.IOException {
        Path file = ROOT.resolve(name).resolve("now");
        return Files.exists(file) ? Instant.parse(Files.readString(file).strip()) : NOW;
    }

    /** The live state the library weighs a case against: its status branch, if it has one, at {@link #now}. */
    static LiveState live(Path repo) throws Exception {
        Clock clock = Clock.fixed(now(repo.getFileName().toString()), ZoneOffset.UTC);
        try (Git git = Git.open(repo.toFile())) {
            return LiveState.read(git.getRepository(), StatusFiles.DEFAULT_BRANCH, "origin", clock);
        }
    }

    /** Runs the case through the library (HEAD~1 → HEAD) and the CLI (--base HEAD~1, head = working tree). */
    static Result run(Path tmp, String name, String... cliOptions) throws Exception {
        Path repo = repo(tmp, name);
        Snapshot head = Snapshot.of(Sources.revision(repo, "HEAD"));
        String[] args = Stream.concat(Stream.of("diff", repo.toString(), "--base", "HEAD~1", "--format", "json", "--now", now(name).toString()),
                        Stream.of(cliOptions)).toArray(String[]::new);
        CliRun cli = CliRun.of(args);
        assertFalse(cli.showsStackTrace(), cli.err());
        if (!head.complete()) {
            List<Diagnostic> errors = head.compilation().diagnostics().sorted();
            golden(name, "expected.txt", lines(errors));
            return new Result(repo, null, errors, cli);
        }
        LiveState live = live(repo);
        DiffReport report = ImpactAnalysis.analyse(Snapshot.of(Sources.revision(repo, "HEAD~1")), head, live);
        String json = new JsonDiffRenderer().render(report);
        golden(name, "expected.json", json);
        if (!report.diagnostics().isEmpty() || Files.exists(ROOT.resolve(name).resolve("expected.txt"))) {
            golden(name, "expected.txt", lines(report.diagnostics()));
        }
        assertEquals(json, cli.out(), "the CLI prints the library's report (" + cli.err() + ")");
        // The same repository compiled again gives the same bytes.
        assertEquals(json, new JsonDiffRenderer().render(ImpactAnalysis.analyse(Snapshot.of(Sources.revision(repo, "HEAD~1")),
                Snapshot.of(Sources.workingTree(repo)), live)));
        return new Result(repo, report, List.of(), cli);
    }

    static String lines(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> d.location() + " " + d.severity().label() + " " + d.code().id() + " "
                        + (d.pointer().isEmpty() ? "-" : d.pointer()) + " " + d.message() + (d.hint().isEmpty() ? "" : " | " + d.hint()))
                .collect(Collectors.joining("\n", "", diagnostics.isEmpty() ? "" : "\n"));
    }

    private static void golden(String name, String file, String actual) throws IOException {
        Path expected = ROOT.resolve(name).resolve(file);
        if (UPDATE) Files.writeString(expected, actual, StandardCharsets.UTF_8);
        String want = Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8) : "<missing " + file + ">";
        assertEquals(want, actual, file + " of diff case " + name);
    }

    static void overlay(Path from, Path target) {
        if (!Files.isDirectory(from)) return;
        TestRepos.copyTree(from, target);
        try (Stream<Path> files = Files.walk(target)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".delete")).toList()) {
                String n = p.getFileName().toString();
                Files.deleteIfExists(p.resolveSibling(n.substring(0, n.length() - ".delete".length())));
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void addAll(Git git) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
    }

}
