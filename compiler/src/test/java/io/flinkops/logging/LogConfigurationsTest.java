package io.flinkops.logging;

import io.flinkops.Compiler;
import io.flinkops.logging.LoggingProfiles;
import io.flinkops.model.Logging;
import io.flinkops.render.Ownership;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which template renders, with which variables, and what is refused. log4j itself: {@link LogConfigurationsLog4jTest}. */
class LogConfigurationsTest {

    private static final LogVariables VARS = LogFixtures.variables("team", "job");
    private static final LogConfigurations BUILT_IN = new LogConfigurations(LoggingProfiles.builtIn());

    @TempDir
    Path tmp;

    private static Properties load(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static Logging inline(String template, Map<String, String> loggers) {
        return new Logging(null, loggers, template);
    }

    private static String render(String template, Map<String, String> loggers) {
        return BUILT_IN.render(inline(template, loggers), VARS);
    }

    private static String builtIn(String name) {
        return LoggingProfiles.builtIn().get(name).orElseThrow().text().orElseThrow();
    }

    @Test
    void variablesFollowTheLoggingSpec() {
        Map<String, String> loggers = new LinkedHashMap<>();
        loggers.put("org.b", "warn");
        loggers.put("", "debug");
        loggers.put("org.a", "Info");
        loggers.put("org.null", null);
        Map<String, Object> v = LogConfigurations.variables(new Logging(null, loggers, null), VARS);
        assertEquals("DEBUG", v.get("rootLoggerLogLevel"));
        assertEquals(List.of("org.a", "org.b"), List.copyOf(((Map<?, ?>) v.get("userConfiguredLoggers")).keySet()), "sorted, root excluded");
        assertEquals(Map.of("org.a", "INFO", "org.b", "WARN"), v.get("userConfiguredLoggers"), "upper-cased; a null level is absent");
        assertEquals("team", v.get("namespace"));
        assertEquals("job", v.get("deploymentName"));
        assertEquals(Ownership.deploymentId("team", "job").toString(), v.get("deploymentId"));
        assertEquals("", v.get("jobId"));
        assertEquals("INFO", LogConfigurations.variables(null, VARS).get("rootLoggerLogLevel"), "Flink's stock root level");
        assertEquals(Map.of(), LogConfigurations.variables(new Logging(null, null, null), VARS).get("userConfiguredLoggers"));
    }

    @Test
    void sessionClustersAreNamedLikeTheirLabels() {
        LogVariables s = LogFixtures.variables("analytics", "shared");
        assertEquals(new LogVariables("analytics", "shared", Ownership.deploymentId("analytics", "shared").toString(), ""), s);
    }

    @Test
    void theInlineTemplateWinsOverTheProfileAndTheProfileOverDefault() {
        Logging both = new Logging("json", Map.of(), "rootLogger.level = {{ rootLoggerLogLevel }}\n");
        LogConfigurations.Outcome o = BUILT_IN.attempt(both, VARS);
        assertEquals(LogConfigurations.Source.Kind.INLINE, o.source().kind());
        assertEquals("rootLogger.level = INFO\n", o.text());

        LogConfigurations.Outcome json = BUILT_IN.attempt(new Logging("json", null, null), VARS);
        assertEquals(new LogConfigurations.Source(LogConfigurations.Source.Kind.BUILT_IN_PROFILE, "json", "templates/logging/json.properties.peb"), json.source());
        assertTrue(json.text().contains("appender.console.layout.pattern = {\"@timestamp\""), json.text());

        for (Logging none : new Logging[] {null, new Logging(null, null, null)}) {
            LogConfigurations.Outcome d = BUILT_IN.attempt(none, VARS);
            assertEquals("default", d.source().profile());
            assertTrue(d.text().contains("rootLogger.level = INFO\n"), d.text());
        }
    }

    @Test
    void defaultProfileKeepsFlinksStockFileAroundTheConfiguredLevels() throws IOException {
        Properties p = load(BUILT_IN.render(null, VARS));
        assertEquals("30", p.getProperty("monitorInterval"));
        assertEquals("INFO", p.getProperty("rootLogger.level"));
        assertEquals("ConsoleAppender", p.getProperty("rootLogger.appenderRef.console.ref"));
        assertEquals("RollingFileAppender", p.getProperty("rootLogger.appenderRef.rolling.ref"));
        assertEquals("%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n", p.getProperty("appender.console.layout.pattern"));
        assertEquals("${sys:console.log.level:-ALL}", p.getProperty("appender.console.filter.threshold.level"));
        assertEquals("${sys:log.file}", p.getProperty("appender.rolling.fileName"));
        assertEquals("${sys:log.file}.%i", p.getProperty("appender.rolling.filePattern"));
        assertEquals("100MB", p.getProperty("appender.rolling.policies.size.size"));
        assertEquals("${env:MAX_LOG_FILE_NUMBER:-10}", p.getProperty("appender.rolling.strategy.max"));
        Map<String, String> loggers = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("logger.") && k.endsWith(".name"))
                .forEach(k -> loggers.put(p.getProperty(k), p.getProperty(k.replaceFirst("\\.name$", ".level"))));
        assertEquals(new TreeMap<>(LogConfigurationsLog4jTest.STOCK_LOGGERS), loggers);
    }

    @Test
    void repoProfilesAreReadFromTheConfigRepoAndMayReplaceBuiltInOnes() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepos.copyTree(TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input"), repo);
        Files.writeString(repo.resolve("flinkops.yaml"), Files.readString(repo.resolve("flinkops.yaml")) + """
                  loggingProfiles:
                    quiet:
                      file: logging/quiet.properties.peb
                    default:
                      file: logging/ours.properties.peb
                """);
        Files.createDirectories(repo.resolve("logging"));
        Files.writeString(repo.resolve("logging/quiet.properties.peb"), "rootLogger.level = {{ rootLoggerLogLevel }}\n# quiet {{ deploymentName }}\n");
        Files.writeString(repo.resolve("logging/ours.properties.peb"), "rootLogger.level = {{ rootLoggerLogLevel }}\n# ours\n");
        ResolvedRepo resolved = new Compiler().compile(Sources.workingTree(repo)).repo();
        LogConfigurations renderer = LogFixtures.of(resolved);

        LogConfigurations.Outcome quiet = renderer.attempt(new Logging("quiet", Map.of("", "WARN"), null), VARS);
        assertEquals(new LogConfigurations.Source(LogConfigurations.Source.Kind.REPOSITORY_PROFILE, "quiet", "logging/quiet.properties.peb"), quiet.source());
        assertEquals("rootLogger.level = WARN\n# quiet job\n", quiet.text());
        assertEquals("rootLogger.level = INFO\n# ours\n", LogFixtures.render(resolved, null, VARS), "the repo's own `default`");
        assertTrue(renderer.attempt(new Logging("json", null, null), VARS).text().contains("JSON"), "other built-ins stay");
    }

    @Test
    void anUnknownProfileIsRefused() {
        LogConfigurations.Outcome o = BUILT_IN.attempt(new Logging("nope", null, null), VARS);
        assertEquals(LogConfigurations.Stage.UNAVAILABLE, o.failure().stage());
        assertEquals("Logging profile `nope` does not exist.", o.failure().problem().message());
        LogConfigurationException e = assertThrows(LogConfigurationException.class, () -> BUILT_IN.render(new Logging("nope", null, null), VARS));
        assertEquals(o, e.outcome());
    }

    /** Whatever the template, XML never becomes log4j-console.properties. */
    @Test
    void xmlIsNeverRendered() {
        Map<String, LogConfigurations.Stage> templates = new LinkedHashMap<>();
        templates.put("<?xml version=\"1.0\"?>\n<Configuration><Loggers><Root level=\"{{ rootLoggerLogLevel }}\"/></Loggers></Configuration>",
                LogConfigurations.Stage.TEMPLATE);
        templates.put("\n\n<Configuration status=\"WARN\">\n</Configuration>\n", LogConfigurations.Stage.TEMPLATE);
        templates.put("{# VVP #}\n<Configuration/>", LogConfigurations.Stage.TEMPLATE);
        templates.put("{% if true %}<?xml version=\"1.0\"?>{% endif %}\n<Configuration/>", LogConfigurations.Stage.OUTPUT);
        templates.put("{{ '<' }}Configuration>\n</Configuration>", LogConfigurations.Stage.OUTPUT);
        templates.put("# a comment\n! another\n\n  <Configuration>", LogConfigurations.Stage.OUTPUT);
        templates.put("\uFEFF<Configuration/>", LogConfigurations.Stage.TEMPLATE);
        templates.put("{{ '\uFEFF' }}<Configuration/>", LogConfigurations.Stage.OUTPUT);
        templates.forEach((template, stage) -> {
            LogConfigurations.Outcome o = BUILT_IN.attempt(inline(template, Map.of()), VARS);
            assertNull(o.text(), template);
            assertEquals(stage, o.failure().stage(), template);
            assertTrue(o.failure().problem().message().contains("XML log4j2 configuration"), o.failure().problem().message());
            assertThrows(LogConfigurationException.class, () -> BUILT_IN.render(inline(template, Map.of()), VARS));
        });
        assertEquals(4, BUILT_IN.attempt(inline("# c\n\n{% if true %}\n<Configuration/>{% endif %}", Map.of()), VARS).failure().problem().line(),
                "the line with the `<`");
        assertTrue(BUILT_IN.attempt(inline("a.pattern = <%m>%n\n# <Configuration>\n", Map.of()), VARS).ok(), "`<` inside values and comments is fine");
    }

    @Test
    void aMalformedUnicodeEscapeIsRefusedAtItsLine() {
        LogConfigurations.Outcome o = BUILT_IN.attempt(inline("rootLogger.level = INFO\na.fileName = C:\\users\\flink.log\n", Map.of()), VARS);
        assertEquals(LogConfigurations.Stage.OUTPUT, o.failure().stage());
        assertEquals(2, o.failure().problem().line());
        assertTrue(o.failure().problem().message().contains("Java properties cannot load"), o.failure().problem().message());
        assertTrue(BUILT_IN.attempt(inline("a = C:\\\\users \\u0041\n", Map.of()), VARS).ok(), "escaped backslashes and real escapes load");
    }

    @Test
    void templateTextOutsideAsciiIsEscapedSoLog4jReadsItAsWritten() throws IOException {
        String out = render("# caf\u00e9 \u2014 comment\nappender.console.layout.pattern = \u00bb %m \u00ab \uD83D\uDE00\na.b = \\\u00e9\n", Map.of());
        assertTrue(out.chars().allMatch(c -> c < 0x80), out);
        assertEquals("# caf\\u00e9 \\u2014 comment\nappender.console.layout.pattern = \\u00bb %m \\u00ab \\ud83d\\ude00\na.b = \\u00e9\n", out);
        Properties p = load(out);
        assertEquals("\u00bb %m \u00ab \uD83D\uDE00", p.getProperty("appender.console.layout.pattern"));
        assertEquals("\u00e9", p.getProperty("a.b"), "an escaped character keeps its meaning");
    }

    @Test
    void failuresWhileRenderingAreProblemsAtTheirLine() {
        LogConfigurations.Outcome o = BUILT_IN.attempt(inline("rootLogger.level = INFO\nx = {{ namespace.missing }}\n", Map.of()), VARS);
        assertEquals(LogConfigurations.Stage.RENDER, o.failure().stage());
        assertEquals(2, o.failure().problem().line());
        assertTrue(o.failure().problem().message().startsWith("`log4j2ConfigurationTemplate` fails to render: "), o.failure().problem().message());

        LogConfigurations.Outcome big = BUILT_IN.attempt(inline(
                "{% for i in range(1, 30000) %}0123456789012345678901234567890123456789012345678\n{% endfor %}", Map.of()), VARS);
        assertEquals(LogConfigurations.Stage.RENDER, big.failure().stage(), "over the 1 MiB cap");

        // Recursion runs out of nesting, a limit of the template budget (FO707), before the stack overflows.
        LogConfigurations.Outcome recursion = BUILT_IN.attempt(inline("{% macro m(x) %}{{ m(x) }}{% endmacro %}{{ m(1) }}", Map.of()), VARS);
        assertEquals(LogConfigurations.Stage.BUDGET, recursion.failure().stage());
    }

    @Test
    void templateProblemsAreNotRendered() {
        assertEquals(LogConfigurations.Stage.TEMPLATE, BUILT_IN.attempt(inline("  \n", Map.of()), VARS).failure().stage());
        assertEquals(LogConfigurations.Stage.TEMPLATE, BUILT_IN.attempt(inline("{{ nope }}", Map.of()), VARS).failure().stage());
        assertEquals(LogConfigurations.Stage.TEMPLATE, BUILT_IN.attempt(inline("{% if %}", Map.of()), VARS).failure().stage());
    }

    /** VVP's Twig loop over the loggers, escaping, and byte-stable output whatever order the loggers come in. */
    @Test
    void vvpStyleTemplatesRenderTheLoggersEscapedAndInOrder() throws IOException {
        String template = """
                rootLogger.level = {{ rootLoggerLogLevel }}
                {%- for name, level in userConfiguredLoggers %}
                logger.l{{ loop.index }}.name = {{ name }}
                logger.l{{ loop.index }}.level = {{ level }}
                {%- endfor %}
                """;
        Map<String, String> a = new LinkedHashMap<>();
        a.put("z.last", "error");
        a.put("", "warn");
        a.put("a=b\nrootLogger.level = TRACE", "debug");
        Map<String, String> b = new HashMap<>();
        List<String> keys = new java.util.ArrayList<>(a.keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> b.put(k, a.get(k)));
        String out = render(template, a);
        assertEquals(out, render(template, b));
        assertEquals("""
                rootLogger.level = WARN
                logger.l0.name = a\\=b\\nrootLogger.level\\ \\=\\ TRACE
                logger.l0.level = DEBUG
                logger.l1.name = z.last
                logger.l1.level = ERROR
                """, out, "Pebble's loop.index counts from 0 (Twig's from 1); both make unique ids");
        Properties p = load(out);
        assertEquals("WARN", p.getProperty("rootLogger.level"));
        assertEquals("a=b\nrootLogger.level = TRACE", p.getProperty("logger.l0.name"));
    }

    @Test
    void theExamplesRepoRendersForEveryFlinkDeployment() throws Exception {
        ResolvedRepo repo = new Compiler().compile(Sources.workingTree(TestRepos.examplesRepo())).repo();
        LogConfigurations renderer = LogFixtures.of(repo);
        String fraud = renderer.render(repo.namespaces().get("payments").deployments().get("fraud-scoring").spec().templateSpec().logging(),
                LogFixtures.variables("payments", "fraud-scoring"));
        assertTrue(fraud.startsWith("# payments/fraud-scoring \\u2014 deploymentId " + Ownership.deploymentId("payments", "fraud-scoring") + ", jobId \n"), fraud);
        assertTrue(fraud.contains("&source=flink:payments:fraud-scoring\n"), fraud);
        assertFalse(fraud.contains("{%") || fraud.contains("{{"), fraud);
    }
}
