package io.flinkops.logging;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The budget of a log template evaluation ({@link TemplateBudget}): the worst templates we could write end with a problem
 * at their line, quickly, and ordinary templates keep working as Pebble renders them.
 */
class TemplateBudgetTest {

    /** Template → the line the problem must be reported at. Each would run for hours or exhaust the heap unbounded. */
    static final Map<String, Integer> HOSTILE = new LinkedHashMap<>();

    static {
        HOSTILE.put("a\n{% for i in range(0, 99999) %}\n{% for j in range(0, 99999) %}x{% endfor %}{% endfor %}", 3);
        HOSTILE.put("{% for i in range(0, 99999) %}{% for j in range(0, 99999) %}{% endfor %}{% endfor %}", 1);
        HOSTILE.put("{% set r = range(0, 2000000000) %}", 1);
        HOSTILE.put("{% for i in 0..9223372036854775807 %}{% endfor %}", 1);
        HOSTILE.put("{% for i in range(-9223372036854775807, 9223372036854775807, 3) %}{% endfor %}", 1);
        HOSTILE.put("{% macro f(n) %}{{ f(n) }}{% endmacro %}\n{{ f(1) }}", 1);
        HOSTILE.put("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}", 1);
        HOSTILE.put("{% block b %}{{ block('b') }}{{ block('b') }}{% endblock %}", 1);
        HOSTILE.put("{% set s = 'x' %}\n{% for i in range(1, 64) %}{% set s = s ~ s %}{% endfor %}{{ s|length }}", 2);
        HOSTILE.put("{% set s = 'x' %}\n{% for i in range(1, 64) %}{% set s = s + s %}{% endfor %}{{ s|length }}", 2);
        HOSTILE.put("{% set a = ['x'] %}\n{% for i in range(1, 64) %}{% set a = [a, a] %}{% endfor %}{{ a }}", 2);
        HOSTILE.put("{% set a = [1] %}\n{% for i in range(1, 64) %}{% set a = a|merge(a) %}{% endfor %}{{ a|length }}", 2);
        HOSTILE.put("{% set a = [1] %}\n{% for i in range(1, 64) %}{% set a = a + a %}{% endfor %}{{ a|length }}", 2);
        HOSTILE.put("{% set m = {'k': 'v'} %}\n{% for i in range(1, 64) %}{% set m = {'a': m, 'b': m} %}{% endfor %}{{ m }}", 2);
        HOSTILE.put("{% set s = range(0, 99999)|join('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx') %}", 1);
        HOSTILE.put("{% set s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' %}\n{% for i in range(1, 10) %}{% set s = s|replace({'x': s}) %}{% endfor %}", 2);
        HOSTILE.put("{% set s = 'x' %}\n{% for i in range(1, 64) %}{% set s = (s ~ s)|upper|urlencode %}{% endfor %}", 2);
        HOSTILE.put("{{ '%999999999d'|format(1) }}", 1);
        HOSTILE.put("{{ '%.999999999f'|format(1.5) }}", 1);
        HOSTILE.put("{% set s = 'x' %}{% for i in range(1, 21) %}{% set s = s ~ s %}{% endfor %}{% set m = {'a': 1} %}\n{{ m[[s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s]] }}", 2);
        HOSTILE.put("{% set s = 'a' %}{% for i in range(1, 20) %}{% set s = s ~ s %}{% endfor %}{% set t = s ~ 'b' %}\n{{ s contains t }}", 2);
        HOSTILE.put("{% set a = [] %}{% for i in range(0, 3000) %}{% set a = a|merge([i ~ '']) %}{% endfor %}{{ a|sort|length }}", 1);
        HOSTILE.put("{% set a = ['x'] %}{% set b = ['x'] %}{% for i in range(1, 64) %}{% set a = [a, a] %}{% set b = [b, b] %}{% endfor %}{{ a == b }}", 1);
        HOSTILE.put("{% set a = ['x'] %}{% set b = ['x'] %}{% for i in range(1, 64) %}{% set a = [a, a] %}{% set b = [b, b] %}{% endfor %}{{ {(a): 1, (b): 2} }}", 1);
        HOSTILE.put("{% set s = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx!' %}\n{% for i in range(1, 99999) %}{{ s|split('(x+x+)+y')|length }}{% endfor %}", 2);
        HOSTILE.put("{% for i in range(0, 99999) %}{% filter upper %}{% for j in range(0, 99999) %}x{% endfor %}{% endfilter %}{% endfor %}", 1);
    }

    private static Map<String, Object> variables() {
        return LogConfigurations.variables(null, new LogVariables("team", "job", "8c7f0c3e-5d2b-4c1a-9a59-2f6b8d0e1a11", ""));
    }

    private static LogTemplates.Rendered render(String template) {
        LogTemplates.Analysis analysis = LogTemplates.analyze(template, "`t`");
        assertTrue(analysis.ok(), () -> template + ": " + analysis.problems());
        return LogTemplates.render(analysis.template(), variables(), "`t`");
    }

    @TestFactory
    Stream<DynamicTest> hostileTemplatesEndQuicklyAtTheirLine() {
        return HOSTILE.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            long start = System.nanoTime();
            LogTemplates.Rendered rendered = render(e.getKey());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertFalse(rendered.ok(), "renders " + (rendered.ok() ? rendered.text().length() + " chars" : ""));
            assertTrue(rendered.overBudget(), rendered.problem().toString());
            assertEquals(e.getValue(), rendered.problem().line(), rendered.problem().toString());
            // The budget runs out in well under a second on any machine; 5 s is the bound the CLI promises.
            assertTrue(took.toMillis() < 5000, "took " + took);
        }));
    }

    @Test
    void theBudgetIsPerEvaluation() {
        LogTemplates.Analysis a = LogTemplates.analyze("{% for i in range(1, 1000) %}{{ i }}{% endfor %}", "`t`");
        for (int i = 0; i < 50; i++) assertTrue(LogTemplates.render(a.template(), variables(), "`t`").ok());
        LogTemplates.Budget tiny = new LogTemplates.Budget(1_000, Duration.ofSeconds(5));
        LogTemplates.Rendered spent = LogTemplates.render(a.template(), variables(), "`t`", tiny);
        assertTrue(spent.overBudget());
        assertTrue(spent.problem().message().contains("more than 1,000 steps"), spent.problem().message());
        assertTrue(LogTemplates.render(a.template(), variables(), "`t`").ok(), "a new evaluation has a new budget");
    }

    @Test
    void theDeadlineStopsWhatTheStepsMiss() {
        LogTemplates.Analysis a = LogTemplates.analyze("{% for i in range(1, 99999) %}{{ i }}{% endfor %}", "`t`");
        LogTemplates.Rendered r = LogTemplates.render(a.template(), variables(), "`t`", new LogTemplates.Budget(Long.MAX_VALUE, Duration.ZERO));
        assertTrue(r.overBudget());
        assertTrue(r.problem().message().contains("takes longer than 0 ms"), r.problem().message());
    }

    @Test
    void theBuiltInProfilesUseAFractionOfTheBudget() throws Exception {
        SortedMap<String, String> loggers = new TreeMap<>();
        for (int i = 0; i < 1000; i++) loggers.put("com.example.team" + i + ".SomeService", "DEBUG");
        Map<String, Object> v = new HashMap<>(variables());
        v.put("userConfiguredLoggers", loggers);
        for (String name : LoggingProfiles.BUILT_IN) {
            String text = LoggingProfiles.builtIn().get(name).orElseThrow().text().orElseThrow();
            try (TemplateBudget budget = TemplateBudget.open(TemplateBudget.STEPS, TemplateBudget.TIME)) {
                LogTemplates.analyze(text, name).template().evaluate(new StringWriter(), v);
                long spent = TemplateBudget.STEPS - budget.remaining();
                assertTrue(spent < TemplateBudget.STEPS / 4, name + " with 1,000 loggers took " + spent + " steps");
            }
        }
    }

    @Test
    void boundedBuiltInsKeepPebblesResults() {
        assertRenders("1,2,3||a,b,c||5,3,1|3,2,1",
                "{{ range(1, 3)|join(',') }}|{{ (3..1)|join(',') }}|{{ ('a'..'c')|join(',') }}|{{ range(3, 1)|join(',') }}|{{ range(5, 0, -2)|join(',') }}|{{ range(3, 1, -1)|join(',') }}");
        assertRenders("a_b_c|a,b,c|2|a,b|a-b", "{{ 'a.b.c'|replace({'.': '_'}) }}|{{ 'a.b.c'|split('.')|join(',') }}|{{ 'a.b.c'|split('.', 2)|length }}|{{ 'a[.]b'|split('[.]')|join(',') }}|{{ ['a', 'b']|join('-') }}");
        assertRenders("AB|ab|0042|true|false|true", "{{ 'a' ~ 'b'|upper }}|{{ 'a' + 'b' }}|{{ '%04d'|format(42) }}|{{ [1, 2] == [1, 2] }}|{{ 'ab' contains 'c' }}|{{ {'k': 1} contains 'k' }}");
        assertRenders("1,3|3|false", "{{ ([1, 2, 3] - [2])|join(',') }}|{{ ([1, 2] + [3])|length }}|{{ [[1], [2]] contains [2] }}");
    }

    @Test
    void loopVariablesAndMapEntriesStillWork() {
        assertRenders("0a\\=1;", "{% for k, v in {'a': 1} %}{{ loop.index }}{{ k ~ '=' ~ v }};{% endfor %}");
        assertRenders("a:1;", "{% for e in {'a': 1} %}{{ e.key }}:{{ e.value }};{% endfor %}");
    }

    @Test
    void javaMethodsOfValuesAreRefused() {
        LogTemplates.Rendered r = render("x\n{{ deploymentName.concat('y') }}");
        assertFalse(r.ok());
        assertFalse(r.overBudget());
        assertEquals(2, r.problem().line());
        assertEquals("concat", r.problem().near());
        assertTrue(r.problem().message().contains("calls the Java method `concat`"), r.problem().message());
    }

    @Test
    void aTemplateOverBudgetForOneObjectIsNotRenderedAgain() {
        LogConfigurations logs = new LogConfigurations(LoggingProfiles.builtIn());
        io.flinkops.model.Logging logging = new io.flinkops.model.Logging(null, null,
                "{% for i in range(0, 99999) %}{% for j in range(0, 99999) %}{% endfor %}{% endfor %}");
        LogConfigurations.Outcome first = logs.attempt(logging, new LogVariables("team", "a", "id-a", ""));
        long start = System.nanoTime();
        LogConfigurations.Outcome second = logs.attempt(logging, new LogVariables("team", "b", "id-b", ""));
        assertEquals(LogConfigurations.Stage.BUDGET, first.failure().stage());
        assertSame(first.failure().problem(), second.failure().problem());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 100, "the second attempt renders nothing");
    }

    @Test
    void theObjectsOfANamespaceShareWhatTheirLogConfigurationsMayTake() {
        io.flinkops.model.Logging logging = new io.flinkops.model.Logging(null, null,
                "{% for i in range(1, 5000) %}# 0123456789012345678901234567890123456789\n{% endfor %}");
        LogConfigurations alone = new LogConfigurations(LoggingProfiles.builtIn());
        alone.expect(Map.of("team", 1));
        assertTrue(alone.attempt(logging, new LogVariables("team", "a", "id-a", "")).ok(), "220 KB alone in its namespace");

        LogConfigurations crowded = new LogConfigurations(LoggingProfiles.builtIn());
        crowded.expect(Map.of("team", 1000, "other", 1));
        LogConfigurations.Outcome shared = crowded.attempt(logging, new LogVariables("team", "a", "id-a", ""));
        assertEquals(LogConfigurations.Stage.BUDGET, shared.failure().stage());
        assertEquals(1, shared.failure().problem().line());
        assertTrue(shared.failure().problem().message().contains("renders more than 134,217 characters, its share of the 128 MiB that "
                + "the log configurations of the 1,000 Deployments and SessionClusters of its namespace may take together"),
                shared.failure().problem().message());
        assertTrue(crowded.attempt(logging, new LogVariables("other", "b", "id-b", "")).ok(), "another namespace has its own share");
    }

    private static void assertRenders(String expected, String template) {
        LogTemplates.Rendered r = render(template);
        assertTrue(r.ok(), () -> String.valueOf(r.problem()));
        assertEquals(expected, r.text());
    }
}
