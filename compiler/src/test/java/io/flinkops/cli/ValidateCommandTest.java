package io.flinkops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidateCommandTest {
    static final Path BROKEN = TestRepos.projectRoot().resolve("compiler/src/test/resources/fixtures/broken-repo");

    @TempDir
    Path tmp;

    @Test
    void textFormatQuotesTheSourceLineWithACaret() {
        CliRun run = CliRun.of("validate", BROKEN.toString());
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        assertFalse(run.showsStackTrace());
        Approvals.verify(run.out());
    }

    @Test
    void sarifFormat() {
        CliRun run = CliRun.of("validate", BROKEN.toString(), "--format", "sarif");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        Approvals.verify(run.out().replace(Version.get(), "<version>"), new Options().forFile().withExtension(".sarif.json"));
    }

    @Test
    void githubFormat() {
        CliRun run = CliRun.of("validate", BROKEN.toString(), "--format", "github");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        Approvals.verify(run.out());
    }

    @Test
    void jsonFormatIsTheProductContract() throws Exception {
        CliRun run = CliRun.of("validate", BROKEN.toString(), "--format", "json");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode diagnostics = root.get("diagnostics");
        assertTrue(diagnostics.size() >= 4, run.out());
        for (JsonNode d : diagnostics) {
            for (String field : new String[] {"severity", "code", "file", "line", "column", "path", "message"}) {
                assertTrue(d.has(field), "diagnostic lacks " + field + ": " + d);
            }
            assertFalse(d.get("file").asText().startsWith("/"), "file must be relative to the repo root: " + d);
        }
        assertEquals(root.get("summary").get("errors").asInt(), (int) java.util.stream.StreamSupport.stream(diagnostics.spliterator(), false)
                .filter(d -> d.get("severity").asText().equals("error")).count());
        Approvals.verify(run.out(), new Options().forFile().withExtension(".json"));
    }

    static final Path MIGRATION = TestRepos.projectRoot().resolve("compiler/src/test/resources/fixtures/flink-2-migration");

    @Test
    void flinkVersionReportsWhatWouldBreakPerResource() {
        CliRun run = CliRun.of("validate", MIGRATION.toString(), "--flink-version", "2.0");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), "FO410 is an error: " + run.out() + run.err());
        Approvals.verify(run.out());
    }

    @Test
    void flinkVersionReportInJson() throws Exception {
        CliRun run = CliRun.of("validate", MIGRATION.toString(), "--flink-version", "2.0", "--format", "json");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertEquals("2.0", root.get("flinkVersion").asText());
        assertEquals(3, root.get("summary").get("checked").asInt());
        assertEquals(2, root.get("resources").size(), "already-2 runs 2.0 and is not affected");
        assertEquals("1.19", root.get("resources").get(1).get("currentFlinkVersion").asText());
        Approvals.verify(run.out(), new Options().forFile().withExtension(".json"));
    }

    @Test
    void flinkVersionWithNothingToReportExitsZero() {
        CliRun run = CliRun.of("validate", TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input").toString(),
                "--flink-version", "2.0");
        assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
        assertEquals("Flink 2.0 for every Deployment and SessionCluster (1): nothing would break.\n", run.out());
    }

    @Test
    void flinkVersionMustBeAMinorVersionInTextOrJson() {
        CliRun patch = CliRun.of("validate", MIGRATION.toString(), "--flink-version", "2.0.1");
        assertEquals(ExitCode.USAGE, patch.exitCode());
        assertTrue(patch.err().contains("minor version"), patch.err());
        CliRun sarif = CliRun.of("validate", MIGRATION.toString(), "--flink-version", "2.0", "--format", "sarif");
        assertEquals(ExitCode.USAGE, sarif.exitCode());
        assertFalse(sarif.showsStackTrace());
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        CliRun run = CliRun.of("validate", tmp.resolve("nope").toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("is not a directory"), run.err());
        assertFalse(run.showsStackTrace());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.of("validate", "--frobnicate");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertFalse(run.showsStackTrace());
    }

    @Test
    void revAndStagedTogetherIsAUsageError() {
        CliRun run = CliRun.of("validate", BROKEN.toString(), "--rev", "HEAD", "--staged");
        assertEquals(ExitCode.USAGE, run.exitCode());
    }

    @Test
    void revOutsideGitIsAUsageError() throws Exception {
        Path repo = tmp.resolve("plain");
        TestRepos.copyTree(BROKEN, repo);
        CliRun run = CliRun.of("validate", repo.toString(), "--rev", "HEAD");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("needs a Git repository"), run.err());
    }

    @Test
    void anUnknownRevisionIsAUsageError() throws Exception {
        Path repo = tmp.resolve("git");
        TestRepos.copyTree(BROKEN, repo);
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call()) {
            git.add().addFilepattern(".").call();
            TestRepos.commit(git, "init");
        }
        CliRun run = CliRun.of("validate", repo.toString(), "--rev", "no-such-branch");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("unknown revision `no-such-branch`"), run.err());
    }

    @Test
    void hostileFilesNeverProduceAStackTrace() throws Exception {
        Path repo = tmp.resolve("hostile");
        TestRepos.copyTree(BROKEN, repo);
        Path ns = repo.resolve("namespaces/team");
        Files.write(ns.resolve("random.yaml"), new java.util.Random(42).ints(4096, 1, 256).collect(
                java.io.ByteArrayOutputStream::new, (o, i) -> o.write(i), (a, b) -> a.write(b.toByteArray(), 0, b.size())).toByteArray());
        Files.writeString(ns.resolve("deep.yaml"), "a: ".repeat(1) + "[".repeat(5000) + "]".repeat(5000));
        Files.writeString(ns.resolve("tabs.yaml"), "kind: Deployment\n\tmetadata: {}\n");
        Files.writeString(ns.resolve("weird.yaml"), "? [complex, key]\n: value\n---\n!!binary aGVsbG8=\n---\n&a [*a]\n");
        Files.writeString(ns.resolve("empty.yaml"), "");
        Files.writeString(ns.resolve("numbers.yaml"), "kind: Deployment\nmetadata: {name: x}\nspec: {template: {spec: {parallelism: 99999999999999999999999}}}\n");
        for (String format : new String[] {"text", "json", "sarif", "github"}) {
            CliRun run = CliRun.of("validate", repo.toString(), "--format", format);
            assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.out() + run.err());
            assertFalse(run.showsStackTrace(), run.out() + run.err());
        }
    }

    // --- a config repo in a subfolder of its Git repository ----------------------------------------

    /** BROKEN committed as deploy/flink-config/ of a Git repository; returns the config repo's folder. */
    private Path brokenInSubfolder() throws Exception {
        Path work = tmp.resolve("monorepo");
        Path config = work.resolve("deploy/flink-config");
        TestRepos.copyTree(BROKEN, config);
        Files.writeString(work.resolve("README.md"), "The service's code, and its Flink config under deploy/.\n");
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            TestRepos.commit(git, "init");
        }
        return config;
    }

    @Test
    void githubAnnotationsInASubfolderNameFilesFromTheGitRoot() throws Exception {
        Path config = brokenInSubfolder();
        for (String[] source : new String[][] {{}, {"--staged", "--all"}, {"--rev", "HEAD"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("validate", config.toString(), "--format", "github"),
                    java.util.Arrays.stream(source)).toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
            for (String line : run.out().split("\n")) {
                assertTrue(line.startsWith("::error file=deploy/flink-config/namespaces/team/"), String.join(" ", source) + ": " + line);
            }
            if (source.length == 0) Approvals.verify(run.out());
        }
    }

    @Test
    void sarifInASubfolderNamesFilesFromTheGitRoot() throws Exception {
        CliRun run = CliRun.of("validate", brokenInSubfolder().toString(), "--format", "sarif");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        JsonNode results = new ObjectMapper().readTree(run.out()).get("runs").get(0).get("results");
        for (JsonNode r : results) {
            JsonNode location = r.get("locations").get(0).get("physicalLocation").get("artifactLocation");
            assertTrue(location.get("uri").asText().startsWith("deploy/flink-config/"), location.toString());
            assertEquals("%SRCROOT%", location.get("uriBaseId").asText());
        }
        Approvals.verify(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results),
                new Options().forFile().withExtension(".sarif-results.json"));
    }

    @Test
    void gitlabCodeQualityInASubfolderNamesFilesFromTheGitRoot() throws Exception {
        CliRun run = CliRun.of("validate", brokenInSubfolder().toString(), "--format", "gitlab");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        JsonNode issues = new ObjectMapper().readTree(run.out());
        java.util.Set<String> fingerprints = new java.util.HashSet<>();
        for (JsonNode issue : issues) {
            for (String field : new String[] {"description", "check_name", "fingerprint", "severity"}) {
                assertTrue(issue.get(field).isTextual(), field + ": " + issue);
            }
            assertTrue(fingerprints.add(issue.get("fingerprint").asText()), "fingerprints are unique: " + issue);
            assertTrue(issue.get("location").get("path").asText().startsWith("deploy/flink-config/"), issue.toString());
            assertTrue(issue.get("location").get("lines").get("begin").asInt() >= 1, issue.toString());
        }
        Approvals.verify(run.out(), new Options().forFile().withExtension(".codequality.json"));
    }

    // --- validate --staged: only what the staged changes can affect --------------------------------

    /** The examples committed to a Git repository (at its root, or in {@code subfolder}); returns the config folder. */
    private Path examplesInGit(String subfolder) throws Exception {
        Path work = tmp.resolve("examples-git");
        Path config = subfolder.isEmpty() ? work : work.resolve(subfolder);
        TestRepos.copyTree(TestRepos.examplesRepo(), config);
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            TestRepos.commit(git, "init");
        }
        return config;
    }

    private static void stage(Path config) throws Exception {
        try (var git = org.eclipse.jgit.api.Git.open(findWorkTree(config).toFile())) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
        }
    }

    private static Path findWorkTree(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(".git"))) return p;
        }
        throw new IllegalStateException("no Git work tree above " + dir);
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    @Test
    void stagedChecksOnlyTheNamespacesTheChangesReachAndSaysSo() throws Exception {
        Path config = examplesInGit("");
        Path churn = config.resolve("namespaces/analytics/deployments/churn-features.yaml");
        Files.writeString(churn, Files.readString(churn).replace("deploymentTargetName: analytics-prod", "deploymentTargetName: analytics-nowhere"));
        stage(config);

        CliRun run = CliRun.of("validate", config.toString(), "--staged");
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("namespaces/analytics/deployments/churn-features.yaml"), run.out());
        assertFalse(run.out().contains("namespaces/payments/"), "only the changed namespace is reported: " + run.out());
        assertEquals("Checked 1 of 3 namespaces (staged changes: namespaces/analytics/deployments/churn-features.yaml).", lastLine(run.out()));

        CliRun all = CliRun.of("validate", config.toString(), "--staged", "--all");
        assertEquals(ExitCode.CONFIG_ERRORS, all.exitCode());
        assertTrue(all.out().contains("namespaces/payments/"), "--all checks everything: " + all.out());
        assertEquals("Checked all 3 namespaces (--all).", lastLine(all.out()));

        // The working tree is not what --staged reads: an unstaged fix changes nothing.
        Files.writeString(churn, Files.readString(churn).replace("analytics-nowhere", "analytics-prod"));
        assertEquals(ExitCode.CONFIG_ERRORS, CliRun.of("validate", config.toString(), "--staged").exitCode());
        stage(config);
        CliRun fixed = CliRun.of("validate", config.toString(), "--staged");
        assertEquals(ExitCode.OK, fixed.exitCode(), fixed.out());
        assertEquals("Checked 0 of 3 namespaces (nothing staged).", lastLine(fixed.out()));
    }

    @Test
    void aStagedChangeToARepoWideFileChecksEverything() throws Exception {
        Path config = examplesInGit("deploy/flink");
        Path global = config.resolve("global-defaults.yaml");
        Files.writeString(global, Files.readString(global).replace("parallelism: 2", "parallelism: 3"));
        Files.writeString(config.getParent().getParent().resolve("unrelated.txt"), "outside the config repo\n");
        stage(config);
        CliRun run = CliRun.of("validate", config.toString(), "--staged");
        assertEquals("Checked all 3 namespaces (staged change to global-defaults.yaml).", lastLine(run.out()), run.out());
    }

    @Test
    void stagedBeforeTheFirstCommitChecksEverything() throws Exception {
        Path work = tmp.resolve("fresh");
        TestRepos.copyTree(TestRepos.examplesRepo(), work);
        try (var git = org.eclipse.jgit.api.Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
        }
        CliRun run = CliRun.of("validate", work.toString(), "--staged");
        assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
        assertEquals("Checked all 3 namespaces (no commit yet to compare the staged index with).", lastLine(run.out()));
    }

    @Test
    void stagedKeepsTheMachineFormatsUnchanged() throws Exception {
        Path config = examplesInGit("");
        Path fraud = config.resolve("namespaces/payments/deployments/fraud-scoring.yaml");
        Files.writeString(fraud, Files.readString(fraud).replace("parallelism: 6", "parallelism: six"));
        stage(config);
        CliRun json = CliRun.of("validate", config.toString(), "--staged", "--format", "json");
        assertEquals(ExitCode.CONFIG_ERRORS, json.exitCode());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertTrue(root.get("diagnostics").size() > 0);
        assertFalse(json.out().contains("Checked"), json.out());
        CliRun github = CliRun.of("validate", config.toString(), "--staged", "--format", "github");
        assertTrue(github.out().lines().allMatch(l -> l.startsWith("::")), github.out());
    }
}
