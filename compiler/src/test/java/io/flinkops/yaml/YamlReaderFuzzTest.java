package io.flinkops.yaml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flinkops.diag.Diagnostics;
import io.flinkops.testing.FuzzInvariants;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target: the YAML reader, on any bytes. It reports problems as diagnostics and never throws; what it returns has
 * positions inside the file and converts to JSON (what the schema stage does next). Seeds: YamlReaderFuzzTestInputs.
 */
class YamlReaderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void readsAnyBytes(byte[] bytes) {
        Diagnostics diagnostics = new Diagnostics();
        List<YamlDocument> documents = FuzzInvariants.quickly(() -> new YamlReader().read("f.yaml", bytes, diagnostics));
        FuzzInvariants.assertSane(diagnostics);
        diagnostics.sorted().forEach(d -> assertEquals("f.yaml", d.file()));
        for (YamlDocument document : documents) {
            assertEquals("f.yaml", document.file());
            checkPositions(document.root());
            YamlJson.toJson(document.root());
        }
    }

    private static void checkPositions(YNode node) {
        assertTrue(node.location().line() >= 1 && node.location().column() >= 1, node::toString);
        if (node instanceof YMap map) map.entries().values().forEach(e -> checkPositions(e.value()));
        if (node instanceof YSeq seq) seq.items().forEach(YamlReaderFuzzTest::checkPositions);
    }
}
