package io.flinkops.policy;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoragePathTest {
    private static boolean within(String path, String prefix) {
        return StoragePath.parse(path).orElseThrow().isWithin(StoragePath.parse(prefix).orElseThrow());
    }

    @Test
    void aPathIsWithinAPrefixSegmentBySegment() {
        assertTrue(within("s3://state/team/job/checkpoints", "s3://state/team/"));
        assertTrue(within("s3://state/team", "s3://state/team/"));
        assertFalse(within("s3://state/team-b/job", "s3://state/team"), "a prefix of the name is not a prefix of the path");
        assertFalse(within("s3://other/team/job", "s3://state/team/"), "another bucket");
        assertFalse(within("gs://state/team/job", "s3://state/team/"), "another store");
    }

    @Test
    void pathsAreComparedWhereFlinkResolvesThem() {
        assertFalse(within("s3://state/team/../payments/sp", "s3://state/team/"));
        assertEquals("s3://state/payments/sp", StoragePath.parse("s3://state/team/../payments/./sp").orElseThrow().toString());
        assertTrue(within("s3a://STATE/team//job", "s3://state/team/"), "s3a is S3, bucket names are case-insensitive, // collapses");
        assertTrue(within("file:///mnt/state/team/cp", "/mnt/state/team"), "file:// and a bare path are the pod's file system");
        assertTrue(within("s3://state/team/../../../x", "s3://state/"), "`..` does not climb above the bucket");
        assertFalse(within("s3://state/team/../../other/x", "s3://state/team/"));
    }

    @Test
    void whatCannotBeJudgedIsNotAPath() {
        for (String text : new String[]{"${STATE_DIR}/cp", "s3://state/{{ deploymentName }}", "relative/dir", "s3://state/x?y", ""}) {
            assertEquals(Optional.empty(), StoragePath.parse(text), text);
        }
    }
}
