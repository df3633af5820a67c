package io.flinkops.yaml;

import io.flinkops.diag.Diagnostics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class YamlEditsTest {
    private static final String TEXT = """
            spec:
              state: runnin
              template:
                envVars:
                  - {name: A, value: 1}
                  - {nam: B}
                  - {name: C, value: 3}
              other: {kept: true}
            """;

    private static YMap read() {
        return (YMap) new YamlReader().read("f.yaml", TEXT.getBytes(StandardCharsets.UTF_8), new Diagnostics()).get(0).root();
    }

    @Test
    void removesByPointersIntoTheOriginalTree() {
        YMap root = read();
        // Item 1 goes; pointer /…/2 still means the third item of the original, so C goes too.
        YMap edited = YamlEdits.remove(root, Set.of("/spec/state", "/spec/template/envVars/1", "/spec/template/envVars/2/value"));

        assertEquals("{\"spec\":{\"template\":{\"envVars\":[{\"name\":\"A\",\"value\":1},{\"name\":\"C\"}]},\"other\":{\"kept\":true}}}",
                YamlJson.toJson(edited).toString());
        YNode c = JsonPointers.find(edited, JsonPointers.tokens("/spec/template/envVars/1"));
        assertEquals(7, c.location().line(), "nodes keep their locations");
        assertSame(root.get("spec") instanceof YMap m ? m.get("other") : null,
                ((YMap) edited.get("spec")).get("other"), "untouched subtrees are shared");
    }

    @Test
    void replacesScalars() {
        YMap root = read();
        YScalar canonical = YScalar.string("RUNNING", root.location());
        YMap edited = YamlEdits.replace(root, Map.of("/spec/state", canonical));

        assertSame(canonical, ((YMap) edited.get("spec")).get("state"));
        assertSame(root, YamlEdits.replace(root, Map.of()), "no edits, same tree");
    }
}
