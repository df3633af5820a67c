package io.flinkops.validate.rules;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The small parsers of FO320 and FO407: a directory on the pod's file system, references outside single quotes. */
class RuntimeValueParsingTest {

    @Test
    void localPathsOfStateDirectories() {
        assertEquals(Optional.of("/flink/cp"), LocalStateDirRules.localPath("file:///flink/cp"));
        assertEquals(Optional.of("/flink/cp"), LocalStateDirRules.localPath("FILE:/flink/cp"));
        assertEquals(Optional.of("/flink/cp"), LocalStateDirRules.localPath("/flink/cp"));
        assertEquals(Optional.empty(), LocalStateDirRules.localPath("s3://bucket/cp"));
        assertEquals(Optional.empty(), LocalStateDirRules.localPath("hdfs:///cp"));
        assertEquals(Optional.empty(), LocalStateDirRules.localPath("file://host/cp"), "a host: not judged");
        assertEquals(Optional.empty(), LocalStateDirRules.localPath("relative/cp"));
        assertEquals(Optional.empty(), LocalStateDirRules.localPath("file:///${DIR}/cp"));
    }

    @Test
    void referencesInSingleQuotesAreMeantLiterally() {
        assertEquals("--a    --b ${X}", FieldReferenceRules.outsideSingleQuotes("--a '${Y}' --b ${X}"));
        assertEquals("--a \"${X}\"", FieldReferenceRules.outsideSingleQuotes("--a \"${X}\""));
        assertEquals("--a \"it's ${X}\"", FieldReferenceRules.outsideSingleQuotes("--a \"it's ${X}\""), "a quote inside double quotes");
        assertEquals("\\' ${X}", FieldReferenceRules.outsideSingleQuotes("\\' ${X}"), "an escaped quote opens nothing");
        assertEquals("no quotes ${X}", FieldReferenceRules.outsideSingleQuotes("no quotes ${X}"));
    }
}
