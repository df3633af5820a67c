package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.plan.Ids;
import io.flinkops.render.RenderedObject;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestDocuments;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code logConfiguration} and the variables the log templates get: the rendered text goes to
 * {@code logConfiguration["log4j-console.properties"]} (nothing when it is empty), every template sees the
 * namespace, name and id of its object, and a template that prints the job id makes flinkops fix it, where that is
 * possible (and it sees the same id).
 */
class LogConfigurationMappingTest {
    private static final String JOB_ID_KEY = FlinkOptions.FIXED_JOB_ID.current();

    @TempDir
    Path tmp;

    /** A template printing every variable that does not come from the logging spec. */
    private static final String PRINTS_IDS = """
            log4j2ConfigurationTemplate: |
                      rootLogger.level = INFO
                      property.ids = {{ namespace }} {{ deploymentName }} {{ deploymentId }} [{{ jobId }}]
            """;
    private static final String PLAIN = """
            log4j2ConfigurationTemplate: |
                      rootLogger.level = {{ rootLoggerLogLevel }}
            """;
    private static final String EMPTY = """
            log4j2ConfigurationTemplate: '{{ "" }}'
            """;

    private static String deployment(String name, String upgrade, String restore, String logging) {
        return TestDocuments.deployment(name, upgrade, restore, logging.strip().indent(8));
    }

    @Test
    void logConfigurationAndJobIds() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepos.materialize(RenderCasesTest.BASE, null, repo);
        Files.delete(repo.resolve("namespaces/team/job.yaml"));
        Files.writeString(repo.resolve("namespaces/team/jobs.yaml")
                , deployment("stateful", "STATEFUL", "LATEST_STATE", PRINTS_IDS)
                + deployment("stateless", "STATELESS", "NONE", PRINTS_IDS)
                + deployment("plain", "STATEFUL", "LATEST_SAVEPOINT", PLAIN)
                + deployment("empty", "STATEFUL", "LATEST_STATE", EMPTY)
                + TestDocuments.sessionCluster("shared", """
                log4j2ConfigurationTemplate: |
                  rootLogger.level = INFO
                  property.ids = {{ namespace }} {{ deploymentName }} {{ deploymentId }} [{{ jobId }}]
                """.indent(4)));
        Compilation c = new Compiler().compile(Sources.workingTree(repo));
        assertFalse(c.hasErrors(), () -> c.diagnostics().sorted().toString());
        List<RenderedObject> objects = c.output().orElseThrow().clusters().values().stream().flatMap(List::stream).toList();

        String statefulId = Ids.jobId("team", "stateful");
        JsonNode stateful = spec(objects, "stateful");
        assertEquals(statefulId, stateful.path("flinkConfiguration").path(JOB_ID_KEY).asText(), "printed and restorable: fixed");
        assertEquals(log("team stateful " + Ids.deploymentId("team", "stateful") + " [" + statefulId + "]"), logOf(stateful));

        JsonNode stateless = spec(objects, "stateless");
        assertTrue(stateless.path("flinkConfiguration").path(JOB_ID_KEY).isMissingNode(), "starts from empty state: the operator chooses");
        assertEquals(log("team stateless " + Ids.deploymentId("team", "stateless") + " []"), logOf(stateless));

        JsonNode plain = spec(objects, "plain");
        assertTrue(plain.path("flinkConfiguration").path(JOB_ID_KEY).isMissingNode(), "unused: not fixed");
        assertEquals("rootLogger.level = INFO\n", logOf(plain));

        assertTrue(spec(objects, "empty").path("logConfiguration").isMissingNode(), "an empty result is left out");

        JsonNode shared = spec(objects, "shared");
        assertEquals(log("team shared " + Ids.deploymentId("team", "shared") + " []"), logOf(shared), "a session cluster runs many jobs");
        assertTrue(shared.path("flinkConfiguration").path(JOB_ID_KEY).isMissingNode());
    }

    private static String log(String ids) {
        return "rootLogger.level = INFO\nproperty.ids = " + ids + "\n";
    }

    private static String logOf(JsonNode spec) {
        return spec.path("logConfiguration").path("log4j-console.properties").asText();
    }

    private static JsonNode spec(List<RenderedObject> objects, String name) {
        return objects.stream().filter(o -> o.name().equals(name) && o.kind().equals(FlinkResources.FLINK_DEPLOYMENT))
                .findFirst().orElseThrow().content().path("spec");
    }
}
