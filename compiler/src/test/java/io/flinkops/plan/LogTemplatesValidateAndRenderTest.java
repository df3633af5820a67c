package io.flinkops.plan;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.render.RenderedObject;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestDocuments;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A log template that validates always renders, and one that cannot render is reported by validation: the plan
 * stage renders every template once, with the variables of the object it belongs to (the real job id included),
 * and both validation and rendering read that one outcome. Each template branches on one variable and, where the
 * variable is non-empty, uses it as something it is not (an attribute of a string), which fails only when rendered
 * with that value. It is tried on a stateful application-mode Deployment (whose job id flinkops fixes), a stateless
 * one (no job id) and a SessionCluster.
 */
class LogTemplatesValidateAndRenderTest {
    private static final Path BASE = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input");

    @TempDir
    Path tmp;

    static Stream<String> variables() {
        return Stream.of("jobId", "namespace", "deploymentName", "deploymentId", "rootLoggerLogLevel", "userConfiguredLoggers");
    }

    @ParameterizedTest
    @MethodSource("variables")
    void aTemplateBranchingOnAVariableValidatesExactlyWhenItRenders(String variable) throws Exception {
        // Twig's `if` takes a string's truth; a map needs a test.
        String set = variable.equals("userConfiguredLoggers") ? variable + " is not empty" : variable;
        String breaks = "rootLogger.level = INFO\n{% if " + set + " %}property.x = {{ " + variable + ".nope }}{% endif %}\n";
        String works = "rootLogger.level = INFO\n{% if " + set + " %}property.x = set{% else %}property.x = unset{% endif %}\n";
        for (String template : List.of(breaks, works)) {
            Path repo = tmp.resolve(variable + (template == breaks ? "-breaks" : "-works"));
            TestRepos.materialize(BASE, null, repo);
            Files.delete(repo.resolve("namespaces/team/job.yaml"));
            Files.writeString(repo.resolve("namespaces/team/jobs.yaml"), deployment("stateful", "STATEFUL", "LATEST_STATE", template)
                    + deployment("stateless", "STATELESS", "NONE", template) + sessionCluster("shared", template));
            Compilation c = new Compiler().compile(Sources.workingTree(repo));
            List<Diagnostic> logErrors = c.diagnostics().sorted().stream()
                    .filter(d -> d.code() == Code.LOG_TEMPLATE_SYNTAX).toList();
            List<Diagnostic> others = new ArrayList<>(c.diagnostics().sorted());
            others.removeAll(logErrors);
            assertEquals(List.of(), others.stream().filter(Diagnostic::isError).toList(), "only the template is wrong");
            if (template == breaks) {
                // Every variable is non-empty for some object (the job id for the stateful Deployment, which flinkops
                // fixes), so the template fails there; validation must say so, and nothing is rendered.
                assertFalse(logErrors.isEmpty(), variable + ": the template fails when rendered, so it must not validate");
                assertTrue(c.output().isEmpty());
                continue;
            }
            assertFalse(c.hasErrors(), () -> variable + ": " + c.diagnostics().sorted());
            // Validated, so rendered: every FlinkDeployment has the log configuration its plan rendered.
            List<RenderedObject> deployments = c.output().orElseThrow().clusters().values().stream().flatMap(List::stream)
                    .filter(o -> o.kind().equals("FlinkDeployment")).toList();
            assertEquals(3, deployments.size());
            for (RenderedObject o : deployments) {
                String log = o.content().path("spec").path("logConfiguration").path("log4j-console.properties").asText();
                assertTrue(log.startsWith("rootLogger.level = INFO\nproperty.x = "), o.name() + ": " + log);
            }
            String statefulLog = deployments.stream().filter(o -> o.name().equals("stateful")).findFirst().orElseThrow()
                    .content().path("spec").path("logConfiguration").path("log4j-console.properties").asText();
            assertTrue(statefulLog.contains("property.x = set"), "every variable has a value for the stateful Deployment: " + statefulLog);
        }
    }

    private static String deployment(String name, String upgrade, String restore, String template) {
        return TestDocuments.deployment(name, upgrade, restore, """
                        log4jLoggers:
                          com.example: DEBUG
                        log4j2ConfigurationTemplate: |
                """ + template.indent(10).stripTrailing());
    }

    private static String sessionCluster(String name, String template) {
        return TestDocuments.sessionCluster(name, """
                log4jLoggers:
                  com.example: DEBUG
                log4j2ConfigurationTemplate: |
                %s
                """.formatted(template.indent(2).stripTrailing()).indent(4));
    }
}
