package io.flinkops.importer;

import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the way back of every render mapping row and docs/import.md in step. */
class InverseMappingTest {
    private static final boolean UPDATE = Boolean.getBoolean("flinkops.updateGolden");
    private static final Path DOC = TestRepos.projectRoot().resolve("docs/import.md");

    @Test
    void everyRowOfTheRenderMappingHasItsWayBack() {
        assertEquals(List.of(), InverseMapping.missingRows(), "rows of MappingTable without an entry in InverseMapping.ROWS");
        assertEquals(io.flinkops.render.mapping.MappingTable.rows().size(), InverseMapping.ROWS.size(), "InverseMapping has rows MappingTable lacks");
    }

    @Test
    void docsImportMdHasTheGeneratedTable() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(InverseMapping.GENERATED_START);
        int end = doc.indexOf(InverseMapping.GENERATED_END);
        assertTrue(start >= 0 && end > start, "docs/import.md lacks the markers of the generated mapping table");
        String expected = doc.substring(0, start) + InverseMapping.markdown() + doc.substring(end + InverseMapping.GENERATED_END.length() + 1);
        if (UPDATE) Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        assertEquals(expected, Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/import.md is out of date; regenerate it (see the comment above its mapping table)");
    }
}
