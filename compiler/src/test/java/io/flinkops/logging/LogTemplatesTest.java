package io.flinkops.logging;

import io.flinkops.testing.TestRepos;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTemplatesTest {

    private static String render(String template, Map<String, Object> variables) throws IOException {
        StringWriter out = new StringWriter();
        LogTemplates.engine().getLiteralTemplate(template).evaluate(out, variables);
        return out.toString();
    }

    private static Map<String, Object> sample() {
        Map<String, Object> v = new HashMap<>();
        v.put("rootLoggerLogLevel", "INFO");
        v.put("userConfiguredLoggers", new TreeMap<>(Map.of("com.example", "DEBUG", "org.apache.kafka", "WARN")));
        v.put("namespace", "team");
        v.put("deploymentName", "job");
        v.put("deploymentId", "8c7f0c3e-5d2b-4c1a-9a59-2f6b8d0e1a11");
        v.put("jobId", "00000000000000000000000000000000");
        return v;
    }

    /** Pebble's lexer loops for ever on these (found by fuzzing); flinkops reports the unclosed string instead. */
    @Test
    void anOpenStringEndingInABackslashIsASyntaxErrorNotAHang() {
        for (String text : List.of("{%\"\\", "{{ \"#\\", "rootLogger.level = INFO\n# {{ \"abc\\")) {
            LogTemplates.Analysis a = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> LogTemplates.analyze(text, "`t`"));
            assertFalse(a.ok(), text);
            assertTrue(a.problems().get(0).message().contains("syntax error"), a.problems()::toString);
        }
        // A final backslash outside a tag is text, and stays what it was.
        assertTrue(LogTemplates.analyze("a = b \\", "`t`").ok());
    }

    @Test
    void builtInProfilesCompileAndUseOnlyKnownNames() {
        for (LoggingProfiles.Profile p : LoggingProfiles.builtIn().all().values()) {
            LogTemplates.Analysis a = LogTemplates.analyze(p.text().orElseThrow(), p.name());
            assertTrue(a.ok(), p.name() + ": " + a.problems());
            assertFalse(LogTemplates.looksLikeXml(p.text().orElseThrow()), p.name());
        }
    }

    @Test
    void builtInListMatchesTheTemplatesFolder() throws IOException {
        Path dir = TestRepos.projectRoot().resolve("templates/logging");
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> names = files.map(f -> f.getFileName().toString())
                    .map(n -> n.substring(0, n.length() - ".properties.peb".length()))
                    .collect(Collectors.toSet());
            assertEquals(Set.copyOf(LoggingProfiles.BUILT_IN), names);
        }
    }

    @Test
    void defaultProfileSetsTheRootLevelAndEveryConfiguredLoggerOnce() throws IOException {
        String text = LoggingProfiles.builtIn().get("default").orElseThrow().text().orElseThrow();
        Properties p = new Properties();
        p.load(new StringReader(render(text, sample())));
        assertEquals("INFO", p.getProperty("rootLogger.level"));
        assertEquals("30", p.getProperty("monitorInterval"));
        Map<String, String> levels = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("logger.") && key.endsWith(".name")) {
                String id = key.substring(0, key.length() - ".name".length());
                String previous = levels.put(p.getProperty(key), p.getProperty(id + ".level"));
                assertNull(previous, "logger " + p.getProperty(key) + " is configured twice");
            }
        }
        assertEquals("DEBUG", levels.get("com.example"));
        assertEquals("WARN", levels.get("org.apache.kafka"), "a configured logger replaces Flink's stock level");
        assertEquals("INFO", levels.get("org.apache.pekko"));
        assertEquals("INFO", levels.get("org.apache.flink.shaded.zookeeper3"));
        assertEquals("OFF", levels.get("org.jboss.netty.channel.DefaultChannelPipeline"));
        assertEquals("${sys:log.file}", p.getProperty("appender.rolling.fileName"));
    }

    @Test
    void twigKeyValueLoopsOverMapsInOrderAndListsWithIndexes() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "2");
        m.put("a", "1");
        Map<String, Object> v = Map.of("m", m, "l", List.of("x", "y"), "empty", Map.of());
        assertEquals("b=2;a=1;", render("{% for k, v in m %}{{ k }}={{ v }};{% endfor %}", v));
        assertEquals("0:x,1:y,", render("{% for i, x in l %}{{ i }}:{{ x }},{% endfor %}", v));
        assertEquals("none", render("{% for k, v in empty %}{{ k }}{% else %}none{% endfor %}", v));
        assertEquals("0b1a", render("{% for k, v in m %}{{ loop.index }}{{ k }}{% endfor %}", v));
        assertEquals("xy", render("{% for x in l %}{{ x }}{% endfor %}", v), "the one-variable loop is unchanged");
        assertEquals("b0x1y|a0x1y|", render("{% for k, v in m %}{{ k }}{% for k, x in l %}{{ k }}{{ x }}{% endfor %}|{% endfor %}", v),
                "nested loops keep their own variables");
    }

    @Test
    void printedValuesCannotBreakThePropertiesFile() throws IOException {
        String hostile = "x\nrootLogger.level = TRACE\r\n#: ${env:SECRET} \\ é";
        String out = render("logger.a.name = {{ name }}\nlogger.a.level = INFO\n", Map.of("name", hostile));
        Properties p = new Properties();
        p.load(new StringReader(out));
        assertEquals(Set.of("logger.a.name", "logger.a.level"), p.stringPropertyNames());
        assertEquals(hostile.replace("${", "$${"), p.getProperty("logger.a.name"), "a log4j lookup stays text");
        assertTrue(out.chars().allMatch(c -> c < 0x7f), "the file is ASCII, whatever charset log4j reads it with");
    }

    @Test
    void newlinesAfterExpressionsAreKept() throws IOException {
        assertEquals("a = INFO\nb\n", render("a = {{ rootLoggerLogLevel }}\nb\n", sample()));
    }

    @Test
    void renderingNeedsEveryVariable() {
        PebbleTemplate t = LogTemplates.analyze("{{ namespace }}", "t").template();
        assertThrows(PebbleException.class, () -> t.evaluate(new StringWriter(), Map.of()));
    }

    @Test
    void reportsUnknownNamesWithTheirLines() {
        LogTemplates.Analysis a = LogTemplates.analyze("""
                a = {{ rootLoggerLogLevel }}
                b = {{ rootLogLevel }}
                {% set x = namespace %}{{ x }} {{ missing | default("-") }}
                {% if sessionClusterName is defined %}{{ sessionClusterName }}{% endif %}
                {% macro m(arg) %}{{ arg }}{% endmacro %}{{ m(1) }} {{ nope(1) }} {{ a | upcase }}
                """, "Template");
        assertEquals(List.of(
                        "2 rootLogLevel Template uses the unknown variable `rootLogLevel`.",
                        "5 nope Template uses the unknown function `nope`.",
                        "5 a Template uses the unknown variable `a`.",
                        "5 upcase Template uses the unknown filter `upcase`."),
                a.problems().stream().map(p -> p.line() + " " + p.near() + " " + p.message()).toList());
    }

    @Test
    void problemsAreAtTheLinesOfTheFileWhateverBreaksThem() {
        // Pebble also breaks lines at U+2028, U+2029 and U+0085; an editor and java.util.Properties do not.
        LogTemplates.Analysis a = LogTemplates.analyze("# a\u2028b\u2029c\u0085d\r\n{{ nope }}\r{{ nada }}", "T");
        assertEquals(List.of(2, 3), a.problems().stream().map(LogTemplates.Problem::line).toList(), a.problems().toString());
        assertEquals(List.of("# a\u2028b\u2029c\u0085d", "{{ nope }}", "{{ nada }}"), LogTemplates.lines("# a\u2028b\u2029c\u0085d\r\n{{ nope }}\r{{ nada }}"));
    }

    @Test
    void reportsSyntaxErrorsWithTheirLine() {
        LogTemplates.Analysis a = LogTemplates.analyze("a\nb = {{ level }\nc", "T");
        assertNull(a.template());
        assertEquals(1, a.problems().size());
        assertEquals(2, a.problems().get(0).line());
        assertEquals("T has a syntax error: unexpected `}`.", a.problems().get(0).message());
    }

    @Test
    void includesAreRefused() {
        LogTemplates.Analysis a = LogTemplates.analyze("{% include \"/etc/passwd\" %}", "T");
        assertEquals("T uses `{% include %}`, but a log template must be self-contained.", a.problems().get(0).message());
        assertThrows(PebbleException.class, () -> a.template().evaluate(new StringWriter(), Map.of()));
    }

    @Test
    void absurdNestingIsAProblemNotACrash() {
        String deep = "{{ " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + " }}";
        LogTemplates.Analysis a = LogTemplates.analyze(deep, "T");
        assertFalse(a.ok());
    }

    @Test
    void recognisesXmlConfigurations() {
        assertTrue(LogTemplates.looksLikeXml("<?xml version=\"1.0\"?>\n<Configuration/>"));
        assertTrue(LogTemplates.looksLikeXml("\n  <Configuration status=\"WARN\">"));
        assertTrue(LogTemplates.looksLikeXml("{# VVP #}\n<configuration>"));
        assertTrue(LogTemplates.looksLikeXml("<!-- log4j2 -->\n<Configuration>"));
        assertTrue(LogTemplates.looksLikeXml("<Configuration/>"));
        assertTrue(LogTemplates.looksLikeXml("\uFEFF<?xml version=\"1.0\"?><Configuration/>"));
        assertFalse(LogTemplates.looksLikeXml("rootLogger.level = INFO\n# <Configuration> in a comment"));
        assertFalse(LogTemplates.looksLikeXml("appender.console.layout.pattern = <%m>%n"));
    }

    @Test
    void renderReturnsTheTextOrTheProblemWithItsLine() {
        PebbleTemplate t = LogTemplates.analyze("a = {{ rootLoggerLogLevel }}\nb = {{ namespace.team }}\n", "T").template();
        LogTemplates.Rendered bad = LogTemplates.render(t, sample(), "T");
        assertFalse(bad.ok());
        assertNull(bad.text());
        assertEquals(2, bad.problem().line());
        assertEquals("team", bad.problem().near());
        assertEquals("T fails to render: `team` is not an attribute of a string.", bad.problem().message());

        LogTemplates.Rendered good = LogTemplates.render(LogTemplates.analyze("a = {{ rootLoggerLogLevel }}\n", "T").template(), sample(), "T");
        assertEquals("a = INFO\n", good.text());
        assertNull(good.problem());

        PebbleTemplate huge = LogTemplates.analyze("{% for i in range(0, 300000) %}{{ namespace }}{% endfor %}", "T").template();
        assertFalse(LogTemplates.render(huge, sample(), "T").ok(), "output is capped at " + LogTemplates.MAX_RENDERED_CHARS);

        PebbleTemplate include = LogTemplates.analyze("{% include \"x\" %}", "T").template();
        assertTrue(LogTemplates.render(include, sample(), "T").problem().message().startsWith("T fails to render: "));
    }

    @Test
    void asciiOnlyKeepsWhatPropertiesReadBack() throws IOException {
        assertEquals("plain = text\n", PropertiesEscaping.asciiOnly("plain = text\n"));
        String text = "k\u00e9y = v\u00e4lue \u2014 \uD83D\uDE00\nescaped = \\\u00e9 and \\\\\u00e9\n";
        String ascii = PropertiesEscaping.asciiOnly(text);
        assertTrue(ascii.chars().allMatch(c -> c < 0x80), ascii);
        Properties expected = new Properties();
        expected.load(new StringReader(text));
        Properties actual = new Properties();
        actual.load(new java.io.ByteArrayInputStream(ascii.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals(expected, actual, "read as log4j reads it (ISO-8859-1), the file means what the UTF-8 template meant");
        assertEquals("\u00e9 and \\\u00e9", expected.getProperty("escaped"));
    }

    /** The escaping cannot be switched off: every construct that would print a value unescaped is a problem. */
    @Test
    void turningOffTheEscapingIsAProblem() throws IOException {
        List<String> refused = List.of(
                "{{ namespace | raw }}",
                "{{ namespace | escape('html') }}",
                "{{ namespace | escape(strategy='json') }}",
                "{{ namespace | escape(jobId) }}",
                "{% autoescape false %}{{ namespace }}{% endautoescape %}",
                "{% autoescape 'html' %}{{ namespace }}{% endautoescape %}",
                "{% filter raw %}{{ namespace }}{% endfilter %}");
        for (String t : refused) {
            LogTemplates.Analysis a = LogTemplates.analyze(t, "T");
            assertEquals(1, a.problems().size(), t + ": " + a.problems());
            assertTrue(a.problems().get(0).message().startsWith("T turns off the escaping of printed values"), a.problems().toString());
        }
        for (String t : List.of("{{ namespace | escape }}", "{{ namespace | escape('properties') }}",
                "{% autoescape 'properties' %}{{ namespace }}{% endautoescape %}", "{% autoescape %}{{ namespace }}{% endautoescape %}")) {
            LogTemplates.Analysis a = LogTemplates.analyze(t, "T");
            assertTrue(a.ok(), t + ": " + a.problems());
            assertEquals("team", render(t, sample()));
        }
    }
}
