package io.flinkops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flinkops.render.RenderOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each benchmark runs once, as JMH would set it up, on a small repo: the harness cannot rot unnoticed. */
class StageBenchmarksTest {

    @Test
    void everyStageRunsOnTheOutputOfTheOnesBefore() throws Exception {
        StageBenchmarks.GeneratedRepo repo = new StageBenchmarks.GeneratedRepo();
        repo.deployments = 20;
        repo.namespaces = 2;
        repo.generate();
        try {
            StageBenchmarks.Loaded loaded = new StageBenchmarks.Loaded();
            loaded.load(repo);
            StageBenchmarks.Resolved resolved = new StageBenchmarks.Resolved();
            resolved.resolve(loaded);
            StageBenchmarks.Planned planned = new StageBenchmarks.Planned();
            planned.plan(loaded, resolved);
            StageBenchmarks.Rendered rendered = new StageBenchmarks.Rendered();
            rendered.render(planned);
            StageBenchmarks stages = new StageBenchmarks();

            assertEquals(loaded.loaded.documents().size(), stages.load(repo).documents().size());
            assertTrue(stages.schema(loaded).allValid(), "no document fails its schema");
            assertEquals(2, stages.resolve(loaded).namespaces().size());
            assertEquals(planned.plan.plans().size(), stages.plan(resolved).plans().size());
            assertFalse(stages.validate(planned).hasErrors());
            RenderOutput output = stages.render(planned);
            assertEquals(rendered.output, output);
            assertTrue(planned.context.cluster().isEmpty(), "every cluster is rendered");
            Map<?, ?> files = (Map<?, ?>) stages.emit(rendered);
            StageBenchmarks.NewOutputDirectory dir = new StageBenchmarks.NewOutputDirectory();
            dir.choose(repo);
            assertEquals(files.size(), fileCount(stages.emitToDisk(rendered, dir)));
            dir.delete();
            assertFalse(Files.exists(dir.out));
            assertFalse(stages.compile(repo).hasErrors());
        } finally {
            repo.delete();
        }
        assertFalse(Files.exists(repo.root));
    }

    private static long fileCount(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
