package io.flinkops.render;

import io.flinkops.Compiler;
import io.flinkops.diff.DeploymentChange;
import io.flinkops.diff.DiffReport;
import io.flinkops.diff.ImpactAnalysis;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A GitOps tool (Argo CD, Flux) syncs the rendered files and calls every changed file a change: rendering two commits
 * that leave a deployment's inputs alone must give byte-identical files for it, and a change must change exactly the
 * files of what it reaches. Commits of a real Git repository of examples/repo, rendered as `flinkops render` does.
 */
class NoChurnTest {
    private static final String SQL_DEPLOYMENT = "namespaces/platform-sql/deployments/orders-revenue-per-minute.yaml";

    @TempDir
    Path tmp;
    Path repo;
    Git git;

    @BeforeEach
    void commitTheExamples() throws Exception {
        repo = tmp.resolve("repo");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        git.add().addFilepattern(".").call();
        TestRepos.commit(git, "examples");
    }

    private SortedMap<String, String> renderHead() throws Exception {
        return ManifestWriter.files(new Compiler().compile(Sources.revision(repo, "HEAD")).output().orElseThrow());
    }

    private void commitChange(String file, String text) throws Exception {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        git.add().addFilepattern(file).call();
        TestRepos.commit(git, "change " + file);
    }

    /** The paths whose content differs between two renders, or that only one has. */
    private static SortedSet<String> changedFiles(SortedMap<String, String> a, SortedMap<String, String> b) {
        SortedSet<String> out = new TreeSet<>();
        a.forEach((path, text) -> { if (!text.equals(b.get(path))) out.add(path); });
        b.keySet().forEach(path -> { if (!a.containsKey(path)) out.add(path); });
        return out;
    }

    @Test
    void aCommitThatChangesOnlyAReadmeRendersTheSameBytes() throws Exception {
        SortedMap<String, String> before = renderHead();
        commitChange("README.md", "# Flink jobs of ACME\n\nNow with a README.\n");
        commitChange("namespaces/analytics/NOTES.md", "Ask #analytics before suspending anything.\n");
        assertEquals(before, renderHead());
        assertFalse(String.join("\n", before.values()).contains(Ownership.SOURCE_COMMIT), "no rendered object names a commit");
    }

    @Test
    void aDirtyWorkingTreeRendersWhatItHoldsNotHeadsId() throws Exception {
        SortedMap<String, String> head = renderHead();
        Files.writeString(repo.resolve("README.md"), "uncommitted\n");
        assertEquals(head, ManifestWriter.files(new Compiler().compile(Sources.workingTree(repo)).output().orElseThrow()));
    }

    @Test
    void aChangeToOneDeploymentChangesOnlyItsFiles() throws Exception {
        SortedMap<String, String> before = renderHead();
        String file = "namespaces/analytics/deployments/dashboard-signups-per-hour.yaml";
        String text = Files.readString(repo.resolve(file));
        assertTrue(text.contains("parallelism: 2"), "the example this test edits");
        commitChange(file, text.replace("parallelism: 2", "parallelism: 3"));

        SortedSet<String> changed = changedFiles(before, renderHead());
        assertEquals(1, changed.size(), changed::toString);
        assertTrue(changed.first().endsWith("/flinksessionjob-dashboard-signups-per-hour.yaml"), changed::toString); // a job on a session cluster
    }

    @Test
    void aChangedSqlScriptChangesItsConfigMapAndTheHashThatRestartsTheJob() throws Exception {
        SortedMap<String, String> before = renderHead();
        String text = Files.readString(repo.resolve(SQL_DEPLOYMENT));
        commitChange(SQL_DEPLOYMENT, text.replace("-- Source: captured/refunded order events", "-- Source (v2): captured/refunded order events"));

        SortedMap<String, String> after = renderHead();
        SortedSet<String> changed = changedFiles(before, after);
        assertEquals(2, changed.size(), changed::toString);
        String deployment = changed.stream().filter(f -> f.endsWith("/flinkdeployment-orders-revenue-per-minute.yaml")).findFirst().orElseThrow();
        assertTrue(changed.stream().anyMatch(f -> f.endsWith("/configmap-orders-revenue-per-minute-sql.yaml")), changed::toString);
        // The FlinkDeployment differs only in the hash of the ConfigMap, in its pod template: a spec change, which
        // the operator carries out with the job's upgrade mode.
        assertNotEquals(hashOf(before.get(deployment)), hashOf(after.get(deployment)));
        assertEquals(before.get(deployment).replace(hashOf(before.get(deployment)), ""), after.get(deployment).replace(hashOf(after.get(deployment)), ""));

        // And the pull-request report says the job restarts, and why.
        DiffReport report = ImpactAnalysis.diff(Sources.revision(repo, "HEAD~1"), Sources.revision(repo, "HEAD"));
        DeploymentChange entry = report.changes().stream().filter(c -> c.subject().name().equals("orders-revenue-per-minute")).findFirst().orElseThrow();
        assertTrue(entry.restart(), entry::toString);
        assertTrue(entry.reasons().stream().anyMatch(r -> r.contains("`flinkops.io/config-hash`")), entry.reasons()::toString);
    }

    private static String hashOf(String yaml) {
        int at = yaml.indexOf("flinkops.io/config-hash: ");
        assertTrue(at >= 0, "the FlinkDeployment carries the config hash");
        return yaml.substring(at, yaml.indexOf('\n', at));
    }
}
