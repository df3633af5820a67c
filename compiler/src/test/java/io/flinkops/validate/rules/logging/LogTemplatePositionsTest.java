package io.flinkops.validate.rules.logging;

import io.flinkops.Compiler;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where template problems land in the YAML file, for block scalar forms the golden cases do not show. */
class LogTemplatePositionsTest {
    private static final Path BASE = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input");

    @TempDir
    Path tmp;

    private List<String> templateDiagnostics(String loggingYaml, String lineEnding) throws Exception {
        TestRepos.materialize(BASE, null, tmp);
        String job = Files.readString(BASE.resolve("namespaces/team/job.yaml")) + "      logging:\n" + loggingYaml;
        Files.writeString(tmp.resolve("namespaces/team/job.yaml"), job.replace("\n", lineEnding));
        return new Compiler().compile(Sources.workingTree(tmp)).diagnostics().sorted().stream()
                .filter(d -> d.code() == Code.LOG_TEMPLATE_SYNTAX || d.code() == Code.INVALID_LOGGER_NAME)
                .map(LogTemplatePositionsTest::line).toList();
    }

    private static String line(Diagnostic d) {
        return d.location() + " " + d.code().id() + " " + d.message();
    }

    // job.yaml of the base has 15 lines; `logging:` is line 16, the template's key line 17.
    private static final String TEMPLATE_AT_LINE_17 = "        log4j2ConfigurationTemplate: %s\n"
            + "          rootLogger.level = {{ rootLoggerLogLevel }}\n"
            + "\n"
            + "          logger.a.name = {{ nam }}\n";

    @Test
    void literalBlockLinesMapOneToOne() throws Exception {
        assertEquals(List.of("namespaces/team/job.yaml:20:30 FO703 `log4j2ConfigurationTemplate` uses the unknown variable `nam`."),
                templateDiagnostics(TEMPLATE_AT_LINE_17.formatted("|"), "\n"));
    }

    @Test
    void chompingAndIndentationIndicatorsAndCrlf() throws Exception {
        for (String header : List.of("|-", "|+", "|2", "|2-", "|-2", "| # comment")) {
            assertEquals(List.of("namespaces/team/job.yaml:20:30 FO703 `log4j2ConfigurationTemplate` uses the unknown variable `nam`."),
                    templateDiagnostics(TEMPLATE_AT_LINE_17.formatted(header), "\r\n"), header);
        }
    }

    @Test
    void deeperIndentedContentKeepsItsColumns() throws Exception {
        String yaml = "        log4j2ConfigurationTemplate: |2\n"
                + "            rootLogger.level = {{ rootLoggerLogLevel }}\n"
                + "          logger.a.name = {{ nam }}\n";
        // `|2` sets the indentation to the key's (8) + 2, so the first line keeps two leading spaces.
        assertEquals(List.of("namespaces/team/job.yaml:19:30 FO703 `log4j2ConfigurationTemplate` uses the unknown variable `nam`."),
                templateDiagnostics(yaml, "\n"));
    }

    @Test
    void lineBreakInALoggerNameIsReported() throws Exception {
        assertEquals(List.of("namespaces/team/job.yaml:18:11 FO705 Logger name `com.example\\nlogger.x.level` contains a line break, which no logger name has."),
                templateDiagnostics("        log4jLoggers:\n          \"com.example\\nlogger.x.level\": INFO\n", "\n"));
    }
}
