package io.flinkops.source;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The system config file is chosen as git chooses it, without running git. */
class GitSystemConfigTest {

    @Test
    void gitConfigNoSystemLeavesItToJGitWhichThenReadsNone(@TempDir Path dir) throws IOException {
        File etc = Files.writeString(dir.resolve("gitconfig"), "[core]\n").toFile();
        assertNull(GitSystemConfig.choose("1", "/somewhere/else", etc));
    }

    @Test
    void gitConfigSystemNamesTheFile(@TempDir Path dir) throws IOException {
        File etc = Files.writeString(dir.resolve("gitconfig"), "[core]\n").toFile();
        assertEquals(new File("/opt/git/etc/gitconfig"), GitSystemConfig.choose(null, "/opt/git/etc/gitconfig", etc));
        assertEquals(new File("/opt/git/etc/gitconfig"), GitSystemConfig.choose("", "/opt/git/etc/gitconfig", etc));
    }

    @Test
    void otherwiseEtcGitconfigWhereItExistsElseJGitsDiscovery(@TempDir Path dir) throws IOException {
        File etc = Files.writeString(dir.resolve("gitconfig"), "[core]\n").toFile();
        assertEquals(etc, GitSystemConfig.choose(null, null, etc));
        assertNull(GitSystemConfig.choose(null, "", dir.resolve("missing").toFile()));
    }
}
