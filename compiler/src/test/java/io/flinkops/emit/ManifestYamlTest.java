package io.flinkops.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hand-written emitter against a real YAML reader (SnakeYAML, which resolves plain scalars by the YAML 1.1
 * rules, the strictest of the readers that matter): whatever is written reads back as the same tree.
 */
class ManifestYamlTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Strings a careless emitter writes plain and a reader then takes for something else, or cannot parse. */
    static final List<String> TRICKY = List.of(
            "", " ", "  lead", "trail ", "\ttab", "a\tb", "yes", "No", "ON", "off", "y", "n", "~", "null", "NULL", "true",
            "False", "<<", "=", "0", "-0", "+1", "1.5", ".5", "5.", "1e3", "1E-3", "0x1F", "0o17", "017", "0b101", "1_000",
            "1:20", "190:20:30", ".inf", "-.Inf", ".NaN", ".", "...", "---", "--- x", "- x", "-", "-x", "--flag", "?", "? x",
            "?x", ":", ":x", "a:", "a: b", "a:b", "a #b", "a#b", "#c", "&a", "*a", "!tag", "|", ">", "'q'", "\"q\"", "%p",
            "@a", "`a", "[a]", "{a}", "a,b", "${VAR}", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "1.20", "1.20.3",
            "4min", "2g", "100MB", "s3://bucket/path#frag", "a\nb", "a\nb\n", "a\nb\n\n", "\nlead", " lead\nline",
            "trailing \nspace", "line\n", "\n", "\n\n", "tab\tinside\nblock", "é ü 漢字", "emoji 😀", "bom\uFEFF",
            "nel\u0085", "ls\u2028", "ctrl\u0001", "del\u007F", "c1\u0090", "back\\slash", "quote\"in", "cr\rlf",
            "%{x}", "a: b\nc: d", "  - item\n", "key: |\n  x\n");

    static JsonNode readBack(String yaml) throws Exception {
        Object loaded = new Yaml(new LoaderOptions()).load(yaml);
        return JSON.valueToTree(loaded);
    }

    static void assertRoundTrip(JsonNode tree) throws Exception {
        String yaml = ManifestYaml.write(tree);
        assertEquals(tree, readBack(yaml), () -> "written as:\n" + yaml);
    }

    @Test
    void trickyStringsReadBackUnchangedAsValuesKeysAndItems() throws Exception {
        for (String s : TRICKY) {
            ObjectNode o = JSON.createObjectNode();
            o.put("value", s);
            o.put(s, "key");
            o.putArray("items").add(s).add("after");
            o.putObject("nested").putArray("deeper").addObject().put("k", s).put("z", s);
            assertRoundTrip(o);
            ArrayNode top = JSON.createArrayNode().add(s).add(JSON.createArrayNode().add(s).add(s));
            assertRoundTrip(top);
        }
    }

    @Test
    void randomStringsReadBackUnchanged() throws Exception {
        Random random = new Random(6);
        String alphabet = "ab09 \n\t:#-?,.[]{}&*!|>'\"%@`~+_=/\\$eE\u00e9\u0085\u2028\uFEFF\u0001";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            ObjectNode o = JSON.createObjectNode();
            o.put("v", s.toString());
            o.put(s.toString(), 1);
            o.putArray("l").add(s.toString());
            assertRoundTrip(o);
        }
    }

    @Test
    void kubernetesObjectsKeepTheirShape() throws Exception {
        JsonNode object = JSON.readTree("""
                {"spec":{"b":[],"a":{},"c":[{"name":"x","ports":[{"containerPort":8081}],"args":["--x","1"]},[["deep"]]],
                 "n":1.5,"i":-3,"t":true,"nil":null},"metadata":{"name":"m"},"kind":"K","apiVersion":"v1"}""");
        assertRoundTrip(object);
        assertEquals("""
                apiVersion: v1
                kind: K
                metadata:
                  name: m
                spec:
                  a: {}
                  b: []
                  c:
                    - args:
                        - --x
                        - "1"
                      name: x
                      ports:
                        - containerPort: 8081
                    - - - deep
                  i: -3
                  "n": 1.5
                  nil: null
                  t: true
                """, ManifestYaml.write(object));
    }

    @Test
    void multiLineStringsAreLiteralBlocks() throws Exception {
        ObjectNode o = JSON.createObjectNode();
        o.put("keep", "a\nb\n");
        o.put("strip", "a\nb");
        o.put("keepAll", "a\n\n");
        o.put("leadingBreak", "\nx\n");
        o.putArray("items").add(" indented\nnext\n");
        assertRoundTrip(o);
        assertEquals("""
                items:
                  - |2
                     indented
                    next
                keep: |
                  a
                  b
                keepAll: |+
                  a

                leadingBreak: |2

                  x
                strip: |-
                  a
                  b
                """, ManifestYaml.write(o));
    }

    @Test
    void largeTreesAreWrittenWithoutRecursionLimits() throws Exception {
        ObjectNode o = JSON.createObjectNode();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) keys.add("key-" + i);
        keys.forEach(k -> o.put(k, k));
        assertRoundTrip(o);
    }
}
