package io.flinkops.yaml;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlReaderTest {
    private final Diagnostics diagnostics = new Diagnostics();

    private List<YamlDocument> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<YamlDocument> read(byte[] bytes) {
        return new YamlReader().read("f.yaml", bytes, diagnostics);
    }

    private YMap single(String text) {
        List<YamlDocument> docs = read(text);
        assertEquals(1, docs.size(), () -> "documents; diagnostics: " + diagnostics.sorted());
        return assertInstanceOf(YMap.class, docs.get(0).root());
    }

    private static Location at(int line, int column) {
        return new Location("f.yaml", line, column);
    }

    private static YScalar scalar(YNode root, String pointer) {
        return assertInstanceOf(YScalar.class, root.at(pointer), pointer);
    }

    private List<Diagnostic> only(Code code) {
        List<Diagnostic> all = diagnostics.sorted();
        assertTrue(all.stream().allMatch(d -> d.code() == code), () -> "expected only " + code + ": " + all);
        return all;
    }

    // --- positions ---------------------------------------------------------------------------

    @Test
    void keysAndValuesKnowTheirPositionInBlockStyle() {
        YMap root = single("""
                apiVersion: v1
                metadata:
                  name: job
                  labels:
                    team:   payments
                spec:
                  items:
                    - first
                    -   second
                """);
        assertEquals(at(1, 1), root.entries().get("apiVersion").keyLocation());
        assertEquals(at(1, 13), root.get("apiVersion").location());
        YMap metadata = root.map("metadata").orElseThrow();
        assertEquals(at(2, 1), root.entries().get("metadata").keyLocation());
        assertEquals(at(3, 3), metadata.location(), "a block mapping is located at its first key");
        assertEquals(at(3, 9), scalar(root, "/metadata/name").location());
        assertEquals(at(5, 5), metadata.map("labels").orElseThrow().entries().get("team").keyLocation());
        assertEquals(at(5, 13), scalar(root, "/metadata/labels/team").location());
        assertEquals(at(8, 7), scalar(root, "/spec/items/0").location());
        assertEquals(at(9, 9), scalar(root, "/spec/items/1").location());
    }

    @Test
    void keysAndValuesKnowTheirPositionInFlowStyle() {
        YMap root = single("resources: {jobmanager: {cpu: 1, memory: 1g}, list: [a, \"b\"], empty: {}}\n");
        YMap resources = root.map("resources").orElseThrow();
        assertEquals(at(1, 13), resources.entries().get("jobmanager").keyLocation());
        YMap jm = resources.map("jobmanager").orElseThrow();
        assertEquals(at(1, 26), jm.entries().get("cpu").keyLocation());
        assertEquals(at(1, 31), scalar(root, "/resources/jobmanager/cpu").location());
        assertEquals(at(1, 34), jm.entries().get("memory").keyLocation());
        assertEquals(at(1, 42), scalar(root, "/resources/jobmanager/memory").location());
        assertEquals(at(1, 54), scalar(root, "/resources/list/0").location());
        assertEquals(at(1, 57), scalar(root, "/resources/list/1").location(), "a quoted scalar starts at its quote");
        YMap empty = resources.map("empty").orElseThrow();
        assertTrue(empty.entries().isEmpty());
        assertEquals(at(1, 70), empty.location(), "an empty flow mapping is located at its brace");
    }

    @Test
    void multiDocumentFilesKeepIndexesAndFileWidePositions() {
        List<YamlDocument> docs = read("""
                a: 1
                ---
                b: 2
                ---
                # comment
                c: 3
                """);
        assertEquals(3, docs.size());
        for (int i = 0; i < 3; i++) assertEquals(i, docs.get(i).index());
        assertEquals(at(3, 4), scalar(docs.get(1).root(), "/b").location());
        assertEquals(at(6, 1), ((YMap) docs.get(2).root()).entries().get("c").keyLocation());
        assertTrue(diagnostics.isEmpty());
    }

    @Test
    void emptyDocumentsAreNull() {
        List<YamlDocument> docs = read("---\n---\n# only a comment\n---\na: 1\n---\n");
        assertTrue(docs.stream().filter(d -> !(d.root() instanceof YMap)).allMatch(d -> d.root().isNull()), docs::toString);
        assertEquals(1, docs.stream().filter(d -> d.root() instanceof YMap).count());
        assertTrue(read("").isEmpty() || read("").stream().allMatch(d -> d.root().isNull()));
        assertTrue(diagnostics.isEmpty());
    }

    // --- scalars -----------------------------------------------------------------------------

    @Test
    void rawScalarTextIsKeptWithTheTypeYamlResolves() {
        YMap root = single("""
                version: 1.10
                mode: 0755
                enabled: yes
                quoted: "1.20"
                tagged: !!str 1.20
                big: 12345678901234567890
                """);
        assertEquals(new YScalar("1.10", YScalar.Type.FLOAT, at(1, 10)), root.get("version"));
        assertEquals("0755", scalar(root, "/mode").text());
        assertEquals(YScalar.Type.INT, scalar(root, "/mode").type());
        assertEquals("yes", scalar(root, "/enabled").text());
        assertEquals(YScalar.Type.BOOL, scalar(root, "/enabled").type());
        assertEquals(YScalar.string("1.20", at(4, 9)), root.get("quoted"));
        assertEquals(YScalar.Type.STRING, scalar(root, "/tagged").type());
        assertEquals("12345678901234567890", scalar(root, "/big").text());
    }

    @Test
    void yaml11BooleansAreBooleansAndOtherWordsStayStrings() {
        YMap root = single("a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: y\ng: \"yes\"\nh: maybe\n");
        for (String k : List.of("a", "b", "c", "d", "e")) {
            assertEquals(YScalar.Type.BOOL, scalar(root, "/" + k).type(), k);
        }
        for (String k : List.of("f", "g", "h")) {
            assertEquals(YScalar.Type.STRING, scalar(root, "/" + k).type(), k);
        }
        assertEquals("true", YamlJson.toJson(root).get("a").toString());
        assertEquals("false", YamlJson.toJson(root).get("d").toString());
    }

    @Test
    void anEmptyValueIsNullButAQuotedEmptyStringIsAString() {
        YMap root = single("a:\nb: \"\"\nc: ''\nd: ~\ne: null\n");
        assertTrue(root.get("a").isNull());
        assertEquals(YScalar.Type.STRING, scalar(root, "/b").type());
        assertEquals(YScalar.Type.STRING, scalar(root, "/c").type());
        assertTrue(root.get("d").isNull());
        assertTrue(root.get("e").isNull());
    }

    @Test
    void numbersConvertLikeYaml11() {
        YMap root = single("octal: 0755\nhex: 0x1F\nbinary: 0b101\nunderscores: 1_000\nplus: +3\nfloat: 1.10\n");
        var json = YamlJson.toJson(root);
        assertEquals(493, json.get("octal").intValue());
        assertEquals(31, json.get("hex").intValue());
        assertEquals(5, json.get("binary").intValue());
        assertEquals(1000, json.get("underscores").intValue());
        assertEquals(3, json.get("plus").intValue());
        assertEquals("1.10", json.get("float").decimalValue().toPlainString());
    }

    // --- encodings and line endings ---------------------------------------------------------

    @Test
    void aUtf8ByteOrderMarkIsSkippedAndDoesNotShiftColumns() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        YMap root = assertInstanceOf(YMap.class, read(concat(bom, "kind: Deployment\nname: x\n".getBytes(StandardCharsets.UTF_8))).get(0).root());
        assertEquals(at(1, 1), root.entries().get("kind").keyLocation());
        assertEquals(at(1, 7), root.get("kind").location());
        assertTrue(root.has("kind"), "the key is `kind`, not `\\uFEFFkind`");
        assertTrue(diagnostics.isEmpty());
    }

    @Test
    void crlfLineEndingsCountAsOneLineBreak() {
        YMap root = single("a: 1\r\nb:\r\n  c: x\r\n  c: y\r\n");
        assertEquals(at(3, 6), scalar(root, "/b/c").location());
        assertEquals("x", scalar(root, "/b/c").text(), "no \\r in values");
        Diagnostic dup = only(Code.DUPLICATE_KEY).get(0);
        assertEquals(at(4, 3), dup.location());
    }

    @Test
    void crlfSyntaxErrorsAreLocatedOnTheRightLine() {
        read("a: 1\r\nb: [1, 2\r\nc: 3\r\n");
        Diagnostic d = only(Code.YAML_SYNTAX).get(0);
        assertEquals(at(2, 4), d.location());
    }

    @Test
    void latin1IsReportedAtTheFirstBadByte() {
        read("a: ok\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Diagnostic d = only(Code.INVALID_ENCODING).get(0);
        assertEquals(at(2, 10), d.location());
        assertTrue(d.message().contains("0xE9"), d.message());
    }

    @Test
    void columnsOfABadByteCountCharactersNotBytes() {
        byte[] head = "name: \u00fc\u00fc ".getBytes(StandardCharsets.UTF_8); // two 2-byte characters
        read(concat(head, new byte[] {(byte) 0xFF}));
        assertEquals(at(1, 10), only(Code.INVALID_ENCODING).get(0).location());
    }

    @Test
    void utf16IsAnEncodingProblemNotABinaryFile() {
        for (var charset : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Diagnostics own = new Diagnostics();
            new YamlReader().read("f.yaml", "a: 1\n".getBytes(charset), own);
            assertEquals(List.of(Code.INVALID_ENCODING), own.sorted().stream().map(Diagnostic::code).toList(), charset.name());
        }
    }

    @Test
    void aNulByteMakesTheFileBinary() {
        read("a: 1\nb: x\u0000y\n".getBytes(StandardCharsets.UTF_8));
        Diagnostic d = only(Code.BINARY_FILE).get(0);
        assertEquals(at(2, 5), d.location());
    }

    // --- limits ------------------------------------------------------------------------------

    @Test
    void aFileOverTheSizeLimitIsNotParsed() {
        YamlReader small = new YamlReader(new YamlLimits(100, 64, 1000));
        List<YamlDocument> docs = small.read("f.yaml", ("a: " + "x".repeat(200) + "\n").getBytes(StandardCharsets.UTF_8), diagnostics);
        assertTrue(docs.isEmpty());
        Diagnostic d = only(Code.FILE_TOO_LARGE).get(0);
        assertEquals(Location.ofFile("f.yaml"), d.location());
        assertTrue(d.message().contains("100 bytes"), d.message());
        assertTrue(small.read("g.yaml", "a: 1\n".getBytes(StandardCharsets.UTF_8), new Diagnostics()).size() == 1);
    }

    @Test
    void tooManyDocumentsIsReportedOnce() {
        YamlReader small = new YamlReader(new YamlLimits(1024 * 1024, 64, 3));
        List<YamlDocument> docs = small.read("f.yaml", "a: 1\n---\na: 2\n---\na: 3\n---\na: 4\n---\na: 5\n".getBytes(StandardCharsets.UTF_8), diagnostics);
        assertEquals(3, docs.size());
        assertEquals(1, only(Code.FILE_TOO_LARGE).size());
        assertEquals(at(7, 1), diagnostics.sorted().get(0).location());
    }

    @Test
    void nestingTooDeepIsReportedOnceAndTheDocumentIsDropped() {
        String deep = "a: " + "{b: ".repeat(70) + "1" + "}".repeat(70) + "\n";
        List<YamlDocument> docs = read("ok: 1\n---\n" + deep + "---\nalso: ok\n");
        assertEquals(2, docs.size(), "the documents around the deep one are kept");
        assertEquals(0, docs.get(0).index());
        assertEquals(2, docs.get(1).index());
        Diagnostic d = only(Code.NESTING_TOO_DEEP).get(0);
        assertEquals(3, d.line());
        assertEquals(1, diagnostics.sorted().size());
    }

    @Test
    void extremeNestingIsStillOnlyANestingProblem() {
        // Deeper than Jackson's own default limit (1000): no syntax error, no exception.
        read("a: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        assertEquals(1, only(Code.NESTING_TOO_DEEP).size());
    }

    @Test
    void nestingWithinTheLimitIsFine() {
        YamlReader reader = new YamlReader(new YamlLimits(1024 * 1024, 5, 1000));
        assertEquals(1, reader.read("f.yaml", "a: {b: {c: {d: 1}}}\n".getBytes(StandardCharsets.UTF_8), diagnostics).size());
        reader.read("f.yaml", "a: {b: {c: {d: {e: 1}}}}\n".getBytes(StandardCharsets.UTF_8), diagnostics);
        assertEquals(1, only(Code.NESTING_TOO_DEEP).size());
    }

    // --- duplicates and aliases ----------------------------------------------------------------

    @Test
    void everyDuplicateKeyIsReportedAndTheFirstIsKept() {
        YMap root = single("""
                a: 1
                b:
                  c: first
                  c: second
                  c: third
                a: 2
                d: {e: 1, e: 2}
                """);
        List<Diagnostic> dups = only(Code.DUPLICATE_KEY);
        assertEquals(List.of(at(4, 3), at(5, 3), at(6, 1), at(7, 11)), dups.stream().map(Diagnostic::location).toList());
        assertEquals(List.of("/b/c", "/b/c", "/a", "/d/e"), dups.stream().map(Diagnostic::pointer).toList());
        assertEquals("first", scalar(root, "/b/c").text());
        assertEquals("1", scalar(root, "/a").text());
    }

    @Test
    void aliasesAreReportedAndReadAsAbsent() {
        YMap root = single("""
                base: &b {x: 1}
                copy: *b
                list: [*b, 2]
                """);
        List<Diagnostic> aliases = only(Code.YAML_ALIAS);
        assertEquals(List.of(at(2, 7), at(3, 8)), aliases.stream().map(Diagnostic::location).toList());
        assertTrue(scalar(root, "/copy").isAliasPlaceholder());
        assertTrue(root.get("copy").isNull(), "an alias reads as an absent value");
        assertTrue(((YSeq) root.get("list")).items().get(0).isNull(), "an aliased list item reads as absent");
        assertEquals(at(3, 8), ((YSeq) root.get("list")).items().get(0).location());
        assertEquals("{\"base\":{\"x\":1},\"list\":[2]}", YamlJson.toJson(root).toString(), "and is left out of lists");
    }

    @Test
    void aMergeKeyIsOneDiagnostic() {
        YMap root = single("""
                base: &b {x: 1}
                derived:
                  <<: *b
                  y: 2
                """);
        Diagnostic d = only(Code.YAML_ALIAS).get(0);
        assertEquals(1, diagnostics.sorted().size());
        assertEquals(at(3, 3), d.location());
        assertTrue(d.message().contains("merge key"), d.message());
        assertEquals(List.of("y"), List.copyOf(root.map("derived").orElseThrow().entries().keySet()));
    }

    // --- syntax errors -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "¦", textBlock = """
            tab indentation         ¦ a:\\n\\tb: 1\\n                 ¦ 2 ¦ 1  ¦ tab character
            deeper key              ¦ a: 1\\n  b: 2\\n                ¦ 2 ¦ 3  ¦ `b` is indented deeper
            shallower key           ¦ a:\\n  b: 1\\n c: 2\\n          ¦ 3 ¦ 2  ¦ `c` is not aligned
            unclosed flow mapping   ¦ a: {x: 1\\nb: 2\\n              ¦ 1 ¦ 4  ¦ `{` that starts here is not closed
            unclosed flow list      ¦ a: [1, 2\\n                     ¦ 1 ¦ 4  ¦ `[` that starts here is not closed
            unclosed quote          ¦ a: "abc\\nb: 3\\n               ¦ 1 ¦ 4  ¦ quoted value that starts here is not closed
            value with colon        ¦ cmd: run --mode: fast\\n        ¦ 1 ¦ 16 ¦ contains `: `
            missing space           ¦ a:b\\nc: d\\n                   ¦ 1 ¦ 1  ¦ not a `key: value` pair
            list item in mapping    ¦ a: 1\\n- b\\n                   ¦ 2 ¦ 1  ¦ list item
            reserved character      ¦ a: @x\\n                        ¦ 1 ¦ 4  ¦ cannot start with `@`
            missing line break      ¦ spec:  state: RUNNING\\n         ¦ 1 ¦ 13 ¦ `state:` follows `spec:` on the same line
            list after key          ¦ a: - b\\n                       ¦ 1 ¦ 4  ¦ cannot start on the same line as its key
            directive               ¦ %x y\\na: 1\\n                  ¦ 1 ¦ 1  ¦ YAML directive
            stray bracket           ¦ a: ]\\n                         ¦ 1 ¦ 4  ¦ starts with `]`
            text after document     ¦ {a: 1}}\\n                      ¦ 1 ¦ 7  ¦ already complete
            block scalar indicator  ¦ a: |x\\n                        ¦ 1 ¦ 4  ¦ block scalar indicator
            unknown escape          ¦ a: "x\\qy"\\n                   ¦ 1 ¦ 7  ¦ `\\q` is not a valid escape
            dangling anchor         ¦ a: &\\n                         ¦ 1 ¦ 4  ¦ `&` here must be followed by a name
            """)
    void syntaxErrorsPointAtTheMistake(String name, String text, int line, int column, String fragment) {
        read(text.strip().replace("\\n", "\n").replace("\\t", "\t") + "\n");
        Diagnostic d = only(Code.YAML_SYNTAX).get(0);
        assertEquals(at(line, column), d.location(), name);
        assertTrue(d.message().contains(fragment), d.message());
        assertTrue(!d.hint().isEmpty(), "every syntax error comes with a hint");
        assertTrue(!d.message().contains("\n"), "one line");
    }

    @Test
    void aSyntaxErrorLosesOnlyItsOwnDocument() {
        List<YamlDocument> docs = read("""
                a: 1
                ---
                b: [1, 2
                c: 3
                ---
                d: 4
                ---
                e: "unclosed
                ---
                f: 6
                """);
        assertEquals(List.of(0, 2, 4), docs.stream().map(YamlDocument::index).toList());
        assertEquals(at(6, 4), scalar(docs.get(1).root(), "/d").location());
        assertEquals(at(10, 4), scalar(docs.get(2).root(), "/f").location());
        assertEquals(List.of(at(3, 4), at(8, 4)), only(Code.YAML_SYNTAX).stream().map(Diagnostic::location).toList());
    }

    @Test
    void anErrorInTheLastDocumentKeepsTheOthers() {
        List<YamlDocument> docs = read("a: 1\n---\nb: [\n");
        assertEquals(1, docs.size());
        assertEquals(1, only(Code.YAML_SYNTAX).size());
    }

    @Test
    void documentMarkersInsideBlockScalarsAreNotMistakenForDocuments() {
        // `---` indented inside a block scalar is text; only a `---` at the start of a line starts a document.
        YMap root = single("script: |\n  SELECT 1;\n  ---\n  SELECT 2;\n");
        assertEquals("SELECT 1;\n---\nSELECT 2;\n", scalar(root, "/script").text());
    }

    @Test
    void aComplexKeyIsASyntaxError() {
        read("? [a, b]\n: 1\n");
        Diagnostic d = only(Code.YAML_SYNTAX).get(0);
        assertEquals(1, d.line());
        assertTrue(d.message().contains("key must be a plain value"), d.message());
    }

    @Test
    void pointersOfMissingNodesAreNull() {
        YMap root = single("a: {b: [x]}\n");
        assertNull(root.at("/a/c"));
        assertNull(root.at("/a/b/5"));
        assertNull(root.at("/a/b/x"));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
