package io.flinkops.logging;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flinkops.model.Logging;
import io.flinkops.testing.FuzzInvariants;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz target: the log template engine, as the plan stage uses it ({@link LogConfigurations#attempt}: analyze, render
 * within the {@link TemplateBudget}, check the output), on any template text, with loggers whose names need escaping.
 * It never throws; it renders a loadable ASCII properties file or reports one problem at a line of the template; and it
 * ends within the budget's deadline. Seeds (readable templates): LogTemplateFuzzTestInputs.
 */
class LogTemplateFuzzTest {
    private static final Map<String, String> LOGGERS = new LinkedHashMap<>();

    static {
        LOGGERS.put("", "debug");
        LOGGERS.put("com.example.orders", "INFO");
        LOGGERS.put("evil\nrootLogger.level = TRACE", "WARN");
        LOGGERS.put("${jndi:ldap://x}", "error");
        LOGGERS.put("caf\u00e9 \\u00", "off");
    }

    private static final LoggingProfiles PROFILES = LoggingProfiles.builtIn();

    @FuzzTest(maxDuration = "5m")
    void rendersAnyTemplate(byte[] bytes) {
        String template = new String(bytes, StandardCharsets.UTF_8);
        // A new renderer for every input: one remembers every template it analysed, and those over budget.
        LogConfigurations logs = new LogConfigurations(PROFILES);
        LogConfigurations.Outcome outcome = FuzzInvariants.quickly(() ->
                logs.attempt(new Logging(null, LOGGERS, template), new LogVariables("team", "job", "8c7f0c3e-5d2b-4c1a-9a59-2f6b8d0e1a11", "")));
        if (outcome.ok()) {
            String text = outcome.text();
            assertTrue(text.chars().allMatch(c -> c < 128), "ASCII only");
            assertFalse(LogConfigurations.isXml(text));
            assertDoesNotThrow(() -> new Properties().load(new StringReader(text)));
        } else {
            LogTemplates.Problem problem = outcome.failure().problem();
            int lines = LogTemplates.lines(template).size();
            assertTrue(problem.line() >= 1 && problem.line() <= lines, () -> "line " + problem.line() + " of " + lines + ": " + problem);
            assertFalse(problem.message().isBlank());
            assertFalse(problem.hint().isBlank(), problem::toString);
        }
    }
}
