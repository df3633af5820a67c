package io.flinkops.logging;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LoggingProfilesTest {

    @Test
    void normalizesPathsInsideTheRepoAndRefusesOthers() {
        assertEquals("logging/a.peb", LoggingProfiles.normalize("./logging//./a.peb"));
        assertEquals("a.peb", LoggingProfiles.normalize("a.peb"));
        assertNull(LoggingProfiles.normalize("../a.peb"));
        assertNull(LoggingProfiles.normalize("logging/../../a.peb"));
        assertNull(LoggingProfiles.normalize("logging/../a.peb"), "`..` is refused even when it stays inside");
        assertNull(LoggingProfiles.normalize("/etc/passwd"));
        assertNull(LoggingProfiles.normalize("C:/x.peb"));
        assertNull(LoggingProfiles.normalize("logging\\a.peb"));
        assertNull(LoggingProfiles.normalize("./"));
    }

    @Test
    void suggestsTheFileWithTheSameStem() {
        List<String> paths = List.of("flinkops.yaml", "logging/json.properties.peb", "logging/other.peb");
        assertEquals(Optional.of("logging/json.properties.peb"), LoggingProfiles.similarPath("logging/json.peb", paths));
        assertEquals(Optional.of("logging/other.peb"), LoggingProfiles.similarPath("logging/othre.peb", paths));
        assertEquals(Optional.empty(), LoggingProfiles.similarPath("templates/quiet.peb", paths));
    }
}
