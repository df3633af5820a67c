package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesEveryClusterOfTheExamples() {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(Files.exists(out.resolve("prod-eu/kustomization.yaml")));
        assertTrue(Files.exists(out.resolve("staging/kustomization.yaml")));
    }

    @Test
    void clusterOptionRendersOneCluster() {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", out.toString(), "--cluster", "staging");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(Files.exists(out.resolve("staging/kustomization.yaml")));
        assertFalse(Files.exists(out.resolve("prod-eu")));
    }

    @Test
    void unknownClusterIsAUsageError() {
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", tmp.resolve("out").toString(), "--cluster", "nope");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("no cluster `nope`"), run.err());
    }

    @Test
    void writesNothingWhenTheRepoHasErrors() {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("render", ValidateCommandTest.BROKEN.toString(), "--out", out.toString());
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode());
        assertFalse(Files.exists(out), "nothing may be written for a repo with errors");
        assertTrue(run.err().contains("nothing was written"), run.err());
        assertFalse(run.showsStackTrace());
    }

    @Test
    void refusesAForeignNonEmptyDirectory() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("keep.txt"), "keep");
        CliRun run = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", out.toString());
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertEquals("keep", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void outIsRequired() {
        assertEquals(ExitCode.USAGE, CliRun.of("render", TestRepos.examplesRepo().toString()).exitCode());
    }
}
