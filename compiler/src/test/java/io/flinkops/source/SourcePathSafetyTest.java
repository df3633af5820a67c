package io.flinkops.source;

import io.flinkops.diag.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Paths taken from the repo's own files (e.g. a logging profile's `file`) cannot reach outside it. */
class SourcePathSafetyTest {
    @TempDir
    Path tmp;

    @Test
    void relativePathsThatLeaveTheRepoAreRefused() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(tmp.resolve("outside.txt"), "secret");
        Files.writeString(repo.resolve("inside.txt"), "fine");
        SourceTree tree = Sources.workingTree(repo);
        assertInstanceOf(SourceTree.Bytes.class, tree.read("inside.txt", 1024));
        for (String path : new String[] {"../outside.txt", "sub/../../outside.txt", tmp.resolve("outside.txt").toString(), "."}) {
            SourceTree.Refused refused = assertInstanceOf(SourceTree.Refused.class, tree.read(path, 1024), path);
            assertEquals(Code.UNREADABLE_FILE, refused.code());
        }
    }
}
