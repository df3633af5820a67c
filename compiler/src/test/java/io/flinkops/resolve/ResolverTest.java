package io.flinkops.resolve;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Diagnostics;
import io.flinkops.load.LoadedRepo;
import io.flinkops.load.Loader;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A document the schema accepted but the typed model cannot hold is a flinkops bug (the schema and the model
 * disagree). It is reported as FO099 at the value the model refused, never silently treated as untyped, which
 * would make every rule that needs the model skip the document without a word.
 */
class ResolverTest {
    private static final Path BASE = TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input");

    @TempDir
    Path tmp;

    @Test
    void aDocumentTheModelCannotHoldIsReportedNotSkipped() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepos.materialize(BASE, null, repo);
        Path job = repo.resolve("namespaces/team/job.yaml");
        Files.writeString(job, Files.readString(job).replace("    spec:\n", "    spec:\n      parallelism: lots\n"));
        Diagnostics diagnostics = new Diagnostics();
        LoadedRepo loaded = new Loader().load(Sources.workingTree(repo), diagnostics);
        assertFalse(diagnostics.hasErrors(), () -> diagnostics.sorted().toString());

        // As if the schema had let `parallelism: lots` through: the model (an Integer) cannot.
        ResolvedRepo resolved = Resolver.resolve(io.flinkops.schema.SchemaResults.unchecked(loaded), diagnostics);

        List<Diagnostic> found = diagnostics.sorted();
        assertEquals(1, found.size(), found::toString);
        Diagnostic d = found.get(0);
        assertEquals(Code.INTERNAL_ERROR, d.code());
        assertEquals("namespaces/team/job.yaml", d.file());
        assertEquals("/spec/template/spec/parallelism", d.pointer());
        assertEquals(9, d.line(), "at the value the model refused");
        assertTrue(d.message().contains("bug in flinkops"), d.message());
        assertFalse(resolved.namespaces().get("team").deployments().get("job").isTyped());
    }

    @Test
    void documentsTheSchemaAcceptsAreTyped() throws Exception {
        Path repo = tmp.resolve("repo");
        TestRepos.materialize(BASE, null, repo);
        Diagnostics diagnostics = new Diagnostics();
        LoadedRepo loaded = new Loader().load(Sources.workingTree(repo), diagnostics);
        ResolvedRepo resolved = Resolver.resolve(io.flinkops.schema.SchemaResults.unchecked(loaded), diagnostics);
        assertTrue(diagnostics.isEmpty(), () -> diagnostics.sorted().toString());
        assertTrue(resolved.namespaces().get("team").deployments().get("job").isTyped());
    }
}
