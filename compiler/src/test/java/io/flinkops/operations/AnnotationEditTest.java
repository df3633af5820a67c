package io.flinkops.operations;

import io.flinkops.diag.Diagnostics;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YamlDocument;
import io.flinkops.yaml.YamlReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-line edits `flinkops restart` and `flinkops redeploy` make: everything else in the file stays as written. */
class AnnotationEditTest {
    private static final String KEY = "flinkops.io/restart";
    private static final String VALUE = "2026-12-04T21:50:00Z";

    private static String set(String text, int document) {
        Diagnostics diagnostics = new Diagnostics();
        List<YamlDocument> docs = new YamlReader().read("d.yaml", text.getBytes(StandardCharsets.UTF_8), diagnostics);
        assertTrue(diagnostics.isEmpty(), diagnostics.sorted().toString());
        String edited = AnnotationEdit.set(text, (YMap) docs.get(document).root(), KEY, VALUE);
        // The edit reads back as the annotation set, in the same document.
        List<YamlDocument> again = new YamlReader().read("d.yaml", edited.getBytes(StandardCharsets.UTF_8), diagnostics);
        assertTrue(diagnostics.isEmpty(), diagnostics.sorted().toString());
        YMap root = (YMap) again.get(document).root();
        assertEquals(VALUE, root.map("metadata").flatMap(m -> m.map("annotations")).flatMap(a -> a.text(KEY)).orElseThrow());
        return edited;
    }

    @Test
    void addsAnAnnotationsBlockAfterTheName() {
        String text = "# comment kept\napiVersion: v1\nkind: Deployment\nmetadata:\n  name: fraud   # the job\n  labels: {tier: \"1\"}\nspec: {}\n";
        assertEquals("# comment kept\napiVersion: v1\nkind: Deployment\nmetadata:\n  name: fraud   # the job\n  annotations:\n"
                + "    flinkops.io/restart: \"2026-12-04T21:50:00Z\"\n  labels: {tier: \"1\"}\nspec: {}\n", set(text, 0));
    }

    @Test
    void insertsInKeyOrderIntoExistingAnnotations() {
        String text = "kind: Deployment\nmetadata:\n    name: fraud\n    annotations:\n        a.example/x: one\n        z.example/y: two\nspec: {}\n";
        assertEquals("kind: Deployment\nmetadata:\n    name: fraud\n    annotations:\n        a.example/x: one\n"
                + "        flinkops.io/restart: \"2026-12-04T21:50:00Z\"\n        z.example/y: two\nspec: {}\n", set(text, 0));
    }

    @Test
    void appendsAfterTheLastAnnotationWhenItSortsLast() {
        String text = "metadata:\n  name: fraud\n  annotations:\n    a.example/x: 'one'\nspec: {}\n";
        assertEquals("metadata:\n  name: fraud\n  annotations:\n    a.example/x: 'one'\n    flinkops.io/restart: \"2026-12-04T21:50:00Z\"\nspec: {}\n",
                set(text, 0));
    }

    @Test
    void replacesTheValueAndKeepsTheComment() {
        String text = "metadata:\n  name: fraud\n  annotations:\n    flinkops.io/restart: \"2026-11-01T08:00:00Z\"  # after the outage\nspec: {}\n";
        assertEquals("metadata:\n  name: fraud\n  annotations:\n    flinkops.io/restart: \"2026-12-04T21:50:00Z\"  # after the outage\nspec: {}\n",
                set(text, 0));
        String plain = "metadata:\n  name: fraud\n  annotations:\n    flinkops.io/restart: 2026-11-01T08:00:00Z\n";
        assertEquals("metadata:\n  name: fraud\n  annotations:\n    flinkops.io/restart: \"2026-12-04T21:50:00Z\"\n", set(plain, 0));
    }

    @Test
    void fillsAnEmptyAnnotationsKey() {
        String text = "metadata:\n  name: fraud\n  annotations:\nspec: {}\n";
        assertEquals("metadata:\n  name: fraud\n  annotations:\n    flinkops.io/restart: \"2026-12-04T21:50:00Z\"\nspec: {}\n", set(text, 0));
    }

    @Test
    void editsTheRightDocumentOfSeveralAndKeepsCrlf() {
        String text = "metadata:\r\n  name: first\r\nspec: {}\r\n---\r\nmetadata:\r\n  name: second\r\nspec: {}\r\n";
        assertEquals("metadata:\r\n  name: first\r\nspec: {}\r\n---\r\nmetadata:\r\n  name: second\r\n  annotations:\r\n"
                + "    flinkops.io/restart: \"2026-12-04T21:50:00Z\"\r\nspec: {}\r\n", set(text, 1));
    }

    @Test
    void refusesFlowStyleWithTheLineToWrite() {
        String text = "metadata: {name: fraud, annotations: {a: b}}\nspec: {}\n";
        Diagnostics diagnostics = new Diagnostics();
        YMap root = (YMap) new YamlReader().read("d.yaml", text.getBytes(StandardCharsets.UTF_8), diagnostics).get(0).root();
        OperationRefused e = assertThrows(OperationRefused.class, () -> AnnotationEdit.set(text, root, KEY, VALUE));
        assertTrue(e.getMessage().contains("flinkops.io/restart: \"2026-12-04T21:50:00Z\""), e.getMessage());
        String flowAnnotations = "metadata:\n  name: fraud\n  annotations: {a: b}\n";
        YMap root2 = (YMap) new YamlReader().read("d.yaml", flowAnnotations.getBytes(StandardCharsets.UTF_8), diagnostics).get(0).root();
        assertThrows(OperationRefused.class, () -> AnnotationEdit.set(flowAnnotations, root2, KEY, VALUE));
    }

    @Test
    void quotesWhatYamlWouldMisread() {
        assertEquals("\"a \\\"b\\\" \\\\ c\\n\"", AnnotationEdit.quoted("a \"b\" \\ c\n"));
    }
}
