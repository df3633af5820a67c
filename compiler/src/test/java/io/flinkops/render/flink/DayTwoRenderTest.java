package io.flinkops.render.flink;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.emit.EmitOptions;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.RenderedObject;
import io.flinkops.testing.MemorySource;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where FlinkStateSnapshots go and what they leave alone: the job's folder, after the job, and the job's bytes. */
class DayTwoRenderTest {
    private static final Path BASE = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input");
    private static final String REQUEST = """
            apiVersion: v1
            kind: Savepoint
            metadata:
              name: before-migration
              deploymentName: job
              createdAt: "2026-12-04T21:50:00Z"
            spec: {}
            """;

    @Test
    void aSavepointRequestLeavesTheJobsObjectAsItWas() {
        RenderOutput without = render(Map.of());
        RenderOutput with = render(Map.of("namespaces/team/savepoints/job/before-migration.yaml", REQUEST));
        RenderedObject job = object(without, "FlinkDeployment", "job");
        assertEquals(job.content(), object(with, "FlinkDeployment", "job").content(), "a savepoint request restarts nothing");
        RenderedObject snapshot = object(with, "FlinkStateSnapshot", "job-before-migration");
        assertEquals(job.namespace(), snapshot.namespace());
        assertEquals(job.cluster(), snapshot.cluster());
    }

    @Test
    void snapshotsAreFilesNextToTheirJobAndComeAfterItWhenApplied() {
        RenderOutput output = render(Map.of("namespaces/team/savepoints/job/before-migration.yaml", REQUEST));
        SortedMap<String, String> files = ManifestWriter.files(output);
        assertTrue(files.containsKey("default/flink-prod/flinkstatesnapshot-job-before-migration.yaml"), files.keySet().toString());
        assertTrue(files.get("default/kustomization.yaml").contains("flink-prod/flinkstatesnapshot-job-before-migration.yaml"), files.get("default/kustomization.yaml"));
        String stream = ManifestWriter.stream(output, "default", EmitOptions.DEFAULT);
        assertTrue(stream.indexOf("\nkind: FlinkStateSnapshot") > stream.lastIndexOf("\nkind: FlinkDeployment"), stream);
    }

    @Test
    void aSavepointOfADeploymentThatRendersNothingRendersNothing() {
        // The target is gone (FO205): the job renders nothing, nor does its Savepoint.
        Map<String, String> files = Map.of("namespaces/team/savepoints/job/before-migration.yaml", REQUEST,
                "namespaces/team/targets.yaml", "");
        Compilation c = compile(files);
        assertTrue(c.hasErrors());
        List<RenderedObject> objects = RenderCasesTest.renderPlan(c).objects();
        assertTrue(objects.stream().noneMatch(o -> o.kind().equals("FlinkStateSnapshot")), objects.toString());
    }

    private static RenderOutput render(Map<String, String> files) {
        Compilation c = compile(files);
        assertTrue(c.output().isPresent(), () -> c.diagnostics().sorted().toString());
        return c.output().get();
    }

    private static Compilation compile(Map<String, String> extra) {
        Map<String, byte[]> files = new TreeMap<>(MemorySource.read(BASE));
        extra.forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return new Compiler().compile(new MemorySource(files));
    }

    private static RenderedObject object(RenderOutput output, String kind, String name) {
        return output.clusters().values().stream().flatMap(List::stream).filter(o -> o.kind().equals(kind) && o.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
