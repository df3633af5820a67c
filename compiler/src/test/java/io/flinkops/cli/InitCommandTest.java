package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitCommandTest {
    @TempDir
    Path tmp;

    @Test
    void scaffoldValidatesWithoutProblems() {
        Path repo = tmp.resolve("new-repo");
        CliRun init = CliRun.of("init", repo.toString());
        assertEquals(ExitCode.OK, init.exitCode(), init.err());
        assertTrue(Files.exists(repo.resolve("flinkops.yaml")));
        CliRun validate = CliRun.of("validate", repo.toString());
        assertEquals(ExitCode.OK, validate.exitCode(), validate.out());
        assertEquals("No problems found.\n", validate.out());
    }

    @Test
    void refusesToOverwrite() throws Exception {
        Files.writeString(tmp.resolve("flinkops.yaml"), "mine");
        CliRun init = CliRun.of("init", tmp.toString());
        assertEquals(ExitCode.USAGE, init.exitCode());
        assertTrue(init.err().contains("refusing to overwrite flinkops.yaml"), init.err());
        assertEquals("mine", Files.readString(tmp.resolve("flinkops.yaml")));
    }
}
