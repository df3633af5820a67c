package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostics;
import io.flinkops.model.Logging;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.render.logging.LogVariables;
import io.flinkops.render.pods.PodTemplates;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code logConfiguration} and the variables the log templates get, with a stand-in for the logging renderer:
 * the rendered text goes to {@code logConfiguration["log4j-console.properties"]} (nothing when it is empty), and
 * a template that prints the job id makes flinkops fix it, where that is possible.
 */
class LogConfigurationMappingTest {
    /** Logger whose presence makes the stand-in template print the job id. */
    private static final String USES_JOB_ID = "uses.jobid";

    @TempDir
    Path tmp;

    private final Map<String, LogVariables> seen = new TreeMap<>();

    private String render(io.flinkops.render.logging.LogConfigurations configurations, Logging logging, LogVariables v) {
        seen.put(v.deploymentName(), v);
        if (logging != null && logging.log4jLoggers() != null && logging.log4jLoggers().containsKey(USES_JOB_ID)) {
            return "property.job = " + v.jobId() + "\n";
        }
        return logging != null && logging.log4jLoggers() != null && logging.log4jLoggers().containsKey("empty") ? "" : "rootLogger.level = INFO\n";
    }

    private static String deployment(String name, String upgrade, String restore, String logger) {
        return """
                apiVersion: v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  deploymentTargetName: prod
                  upgradeStrategy: {kind: %s}
                  restoreStrategy: {kind: %s}
                  template:
                    spec:
                      artifact:
                        kind: JAR
                        jarUri: s3://artifacts/%s.jar
                        flinkImageRegistry: docker.io
                        flinkImageRepository: flink
                        flinkImageTag: 1.20.3-scala_2.12-java17
                      logging:
                        log4jLoggers:
                          %s: INFO
                ---
                """.formatted(name, upgrade, restore, name, logger);
    }

    @Test
    void logConfigurationAndJobIds() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepos.materialize(RenderCasesTest.BASE, null, repo);
        Files.delete(repo.resolve("namespaces/team/job.yaml"));
        Files.writeString(repo.resolve("namespaces/team/jobs.yaml")
                , deployment("stateful", "STATEFUL", "LATEST_STATE", USES_JOB_ID)
                + deployment("stateless", "STATELESS", "NONE", USES_JOB_ID)
                + deployment("plain", "STATEFUL", "LATEST_SAVEPOINT", "com.example")
                + deployment("empty", "STATEFUL", "LATEST_STATE", "empty")
                + """
                apiVersion: v1
                kind: SessionCluster
                metadata:
                  name: shared
                spec:
                  state: RUNNING
                  deploymentTargetName: prod
                  flinkVersion: "1.20"
                  flinkImageRegistry: docker.io
                  flinkImageRepository: flink
                  flinkImageTag: 1.20.3-scala_2.12-java17
                  resources:
                    jobmanager: {cpu: 1, memory: 1g}
                    taskmanager: {cpu: 1, memory: 1g}
                  logging:
                    log4jLoggers:
                      uses.jobid: INFO
                """);
        Compilation c = new Compiler().compile(Sources.workingTree(repo));
        assertFalse(c.hasErrors(), () -> c.diagnostics().sorted().toString());
        List<RenderedObject> objects = new ArrayList<>();
        Diagnostics diagnostics = new Diagnostics();
        new FlinkResources(PodTemplates::build, this::render)
                .render(c.repo(), new RenderContext(Optional.empty(), Optional.empty()), diagnostics, objects::add);
        assertFalse(diagnostics.hasErrors(), () -> diagnostics.sorted().toString());

        String statefulId = JobIds.of("team", "stateful");
        JsonNode stateful = spec(objects, "stateful");
        assertEquals(statefulId, stateful.path("flinkConfiguration").path(JobIds.FIXED_JOB_ID_KEY).asText(), "printed and restorable: fixed");
        assertEquals("property.job = " + statefulId + "\n", stateful.path("logConfiguration").path("log4j-console.properties").asText());

        JsonNode stateless = spec(objects, "stateless");
        assertTrue(stateless.path("flinkConfiguration").path(JobIds.FIXED_JOB_ID_KEY).isMissingNode(), "starts from empty state: the operator chooses");
        assertEquals("property.job = \n", stateless.path("logConfiguration").path("log4j-console.properties").asText());
        assertEquals("", seen.get("stateless").jobId());

        JsonNode plain = spec(objects, "plain");
        assertTrue(plain.path("flinkConfiguration").path(JobIds.FIXED_JOB_ID_KEY).isMissingNode(), "unused: not fixed");
        assertEquals("rootLogger.level = INFO\n", plain.path("logConfiguration").path("log4j-console.properties").asText());

        assertTrue(spec(objects, "empty").path("logConfiguration").isMissingNode(), "an empty result is left out");

        LogVariables cluster = seen.get("shared");
        assertEquals(new LogVariables("team", "shared", io.flinkops.render.Ownership.deploymentId("team", "shared").toString(), ""), cluster);
        assertEquals(new LogVariables("team", "stateful", io.flinkops.render.Ownership.deploymentId("team", "stateful").toString(), statefulId),
                seen.get("stateful"));
        assertTrue(spec(objects, "shared").path("flinkConfiguration").path(JobIds.FIXED_JOB_ID_KEY).isMissingNode());
    }

    private static JsonNode spec(List<RenderedObject> objects, String name) {
        return objects.stream().filter(o -> o.name().equals(name) && o.kind().equals(FlinkResources.FLINK_DEPLOYMENT))
                .findFirst().orElseThrow().content().path("spec");
    }
}
