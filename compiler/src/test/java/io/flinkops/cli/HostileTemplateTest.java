package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: one team, one file, the worst log templates we could write. {@code flinkops validate} and {@code render} of
 * examples/repo plus that file report one located error (never exit 70) and finish well within 5 seconds each.
 */
class HostileTemplateTest {
    /** The line of the file where the template starts (the line after {@code log4j2ConfigurationTemplate: |}). */
    private static final int TEMPLATE_LINE = 22;
    private static final Duration BOUND = Duration.ofSeconds(5);

    /** Name → template lines; the last line is the hostile one, and the one the error must be reported at. */
    private static final Map<String, List<String>> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("nested-ranges", List.of(
                "{% for i in range(0, 99999) %}{% for j in range(0, 99999) %}{{ i }}{% endfor %}{% endfor %}"));
        TEMPLATES.put("huge-range", List.of("{% set r = range(0, 2000000000) %}"));
        TEMPLATES.put("huge-dots", List.of("{% for i in 1..9223372036854775807 %}{% endfor %}"));
        TEMPLATES.put("macro-recursion", List.of(
                "{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}"));
        TEMPLATES.put("endless-macro", List.of("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"));
        TEMPLATES.put("block-recursion", List.of("{% block b %}{{ block('b') }}{{ block('b') }}{% endblock %}"));
        TEMPLATES.put("exponential-string", List.of(
                "{% set s = 'x' %}{% for i in range(1, 64) %}{% set s = s ~ s %}{% endfor %}{{ s|length }}"));
        TEMPLATES.put("exponential-list", List.of(
                "{% set a = ['x'] %}{% for i in range(1, 64) %}{% set a = [a, a] %}{% endfor %}{{ a }}"));
        TEMPLATES.put("exponential-replace", List.of(
                "{% set s = 'xxxxxxxxxx' %}{% for i in range(1, 30) %}{% set s = s|replace({'x': s}) %}{% endfor %}"));
        TEMPLATES.put("format-width", List.of("{{ '%2000000000d'|format(1) }}"));
        TEMPLATES.put("big-output", List.of(
                "{% for i in range(0, 99999) %}{{ deploymentName }}{{ deploymentId }}{{ namespace }}{% endfor %}"));
    }

    @TempDir
    Path tmp;

    /** The first run of the CLI in a JVM loads and compiles its classes; that is not what is measured. */
    @BeforeAll
    static void warmUp() {
        assertEquals(ExitCode.OK, CliRun.of("validate", TestRepos.examplesRepo().toString()).exitCode());
    }

    @TestFactory
    Stream<DynamicTest> validateAndRenderEndQuicklyWithOneLocatedError() {
        return TEMPLATES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path repo = tmp.resolve(e.getKey());
            TestRepos.copyTree(TestRepos.examplesRepo(), repo);
            Path file = repo.resolve("namespaces/payments/deployments/hostile.yaml");
            Files.writeString(file, deployment(e.getValue()));
            int line = TEMPLATE_LINE + e.getValue().size();

            CliRun validate = timed("validate", repo.toString());
            CliRun render = timed("render", repo.toString(), "--out", tmp.resolve(e.getKey() + "-out").toString());
            for (CliRun run : List.of(validate, render)) {
                String all = run.out() + run.err();
                assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), all);
                assertFalse(run.showsStackTrace(), all);
                assertEquals(1, count(all, "error\\["), "one mistake, one error: " + all);
                assertTrue(all.contains("namespaces/payments/deployments/hostile.yaml:" + line + ":"), all);
                assertTrue(all.contains("error[FO707]") || all.contains("error[FO703]") && all.contains("1048576"), all);
            }
        }));
    }

    /**
     * Pebble's lexer reads a string literal with regular expressions that recurse once per escape sequence, so a long
     * literal overflows the stack before any budget applies (found by fuzzing): one error, not a crash.
     */
    @Test
    void aStringLiteralWithManyEscapesIsAnErrorNotACrash() throws Exception {
        Path repo = tmp.resolve("escapes");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        Files.writeString(repo.resolve("namespaces/payments/deployments/hostile.yaml"),
                deployment(List.of("# {{ \"" + "\\\\a".repeat(20_000) + "\" }}")));
        CliRun validate = timed("validate", repo.toString());
        String all = validate.out() + validate.err();
        assertEquals(ExitCode.CONFIG_ERRORS, validate.exitCode(), all);
        assertFalse(validate.showsStackTrace(), all);
        assertEquals(1, count(all, "error\\["), all);
        assertTrue(all.contains("error[FO703]") && all.contains("string literal with too many escape sequences"), all);
    }

    private static CliRun timed(String... args) {
        long start = System.nanoTime();
        CliRun run = CliRun.of(args);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(BOUND) < 0, String.join(" ", args) + " took " + took.toMillis() + " ms");
        return run;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static String deployment(List<String> templateLines) {
        StringBuilder template = new StringBuilder();
        for (String l : templateLines) template.append("          ").append(l).append('\n');
        return """
                # A Deployment whose log template would keep flinkops busy for hours without a budget.
                apiVersion: v1
                kind: Deployment
                metadata:
                  name: hostile-logging
                spec:
                  state: RUNNING
                  deploymentTargetName: payments-prod
                  upgradeStrategy:
                    kind: STATELESS
                  restoreStrategy:
                    kind: NONE
                  template:
                    spec:
                      artifact:
                        kind: JAR
                        jarUri: https://artifacts.acme.io/repository/flink-jobs/com/acme/payments/noise/1.0.0/noise-1.0.0.jar
                        entryClass: com.acme.payments.Noise
                      parallelism: 1
                      logging:
                        log4j2ConfigurationTemplate: |
                          rootLogger.level = {{ rootLoggerLogLevel }}
                """ + template;
    }
}
