package io.flinkops.operatorchecks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the parity summary in docs/operator-compatibility.md in step with the suite's cases. */
class ParityDocTest {
    private static final boolean UPDATE = Boolean.getBoolean("flinkops.updateGolden");
    private static final Path DOC = ParityCase.projectRoot().resolve("docs/operator-compatibility.md");

    @Test
    void docsOperatorCompatibilityMdHasTheGeneratedSummary() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(ParityTable.GENERATED_START);
        int end = doc.indexOf(ParityTable.GENERATED_END);
        assertTrue(start >= 0 && end > start, "docs/operator-compatibility.md lacks the markers of the generated parity summary");
        String expected = doc.substring(0, start) + ParityTable.markdown(ParityCase.all())
                + doc.substring(end + ParityTable.GENERATED_END.length() + 1);
        if (UPDATE) Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        assertEquals(expected, Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/operator-compatibility.md is out of date; regenerate it (see the comment above its parity summary)");
    }

    /** Every FO code a case names in its summary is one the case's routes expect, and the other way round. */
    @Test
    void aCaseSummaryNamesTheCodesItsRoutesExpect() {
        List<String> problems = new ArrayList<>();
        for (ParityCase c : ParityCase.all()) {
            for (String code : ParityTable.codes(c)) {
                if (!c.summary().contains(code)) problems.add(c.check() + ": expects " + code + ", which its summary does not name");
            }
        }
        assertEquals(List.of(), problems);
    }
}
