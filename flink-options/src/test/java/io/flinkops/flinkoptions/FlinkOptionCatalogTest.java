package io.flinkops.flinkoptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of {@link FlinkOptionCatalog} on the generated catalogue (target/classes). */
class FlinkOptionCatalogTest {

    private final FlinkOptionCatalog catalog = FlinkOptionCatalog.load();
    private final String v1 = catalog.versions().iterator().next();
    private final String v2 = new ArrayList<>(catalog.versions()).get(catalog.versions().size() - 1);

    @Test
    void cataloguesEveryMinorVersionFrom115() {
        assertSame(catalog, FlinkOptionCatalog.load(), "loaded once");
        assertEquals(List.of("1.15", "1.16", "1.17", "1.18", "1.19", "1.20", "2.0", "2.1", "2.2", "2.3"),
                List.copyOf(catalog.versions()));
        assertEquals("1.15", v1);
        assertTrue(v2.startsWith("2."), v2);
        assertTrue(catalog.keys().size() > 1000, "keys: " + catalog.keys().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "state.", "execution.checkpointing.", "high-availability.", "kubernetes.", "taskmanager.",
        "jobmanager.", "pipeline.", "restart-strategy.", "metrics.", "rest.", "table.", "state.backend.rocksdb.",
        "env.java.opts.", "security.", "web.", "python."
    })
    void containsCoreFamiliesInBothVersions(String prefix) {
        for (String version : catalog.versions()) {
            long n = catalog.keys().stream()
                    .filter(k -> k.startsWith(prefix) && catalog.isKnown(k, version))
                    .count();
            assertTrue(n > 0, "no " + prefix + "* keys for Flink " + version);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "taskmanager.numberOfTaskSlots", "parallelism.default", "high-availability.type",
        "high-availability.storageDir", "kubernetes.jobmanager.replicas", "kubernetes.cluster-id",
        "kubernetes.namespace", "kubernetes.container.image.ref", "execution.checkpointing.interval",
        "execution.checkpointing.dir", "execution.checkpointing.savepoint-dir", "state.backend.type",
        "state.backend.rocksdb.localdir", "restart-strategy.type", "env.java.opts.all", "env.java.opts.taskmanager",
        "jobmanager.memory.process.size", "taskmanager.memory.process.size", "rest.port", "pipeline.max-parallelism",
        "table.exec.state.ttl", "metrics.reporters", "security.ssl.keystore", "taskmanager.cpu.cores",
        "python.executable"
    })
    void knowsPrimaryKeysInBothVersions(String key) {
        assertTrue(catalog.isKnown(key, "1.20"), key + " in 1.20");
        assertTrue(catalog.isKnown(key, v2), key + " in " + v2);
        assertEquals(Optional.empty(), catalog.canonicalKeyOf(key), key);
    }

    @Test
    void recordsRenamedKeys() {
        assertTrue(catalog.isKnown("state.savepoints.dir", "1.20"));
        assertEquals(Optional.of("execution.checkpointing.savepoint-dir"), catalog.canonicalKeyOf("state.savepoints.dir"));
        assertEquals(Optional.of("execution.checkpointing.dir"), catalog.canonicalKeyOf("state.checkpoints.dir"));
        assertEquals(Optional.of("high-availability.type"), catalog.canonicalKeyOf("high-availability"));
        assertEquals(Optional.of("state.backend.type"), catalog.canonicalKeyOf("state.backend"));
        assertEquals(Optional.of("restart-strategy.type"), catalog.canonicalKeyOf("restart-strategy"));
        assertEquals(Optional.of("env.java.opts.all"), catalog.canonicalKeyOf("env.java.opts"));
        assertEquals(Optional.of("execution.checkpointing.incremental"), catalog.canonicalKeyOf("state.backend.incremental"));
        assertEquals(Optional.empty(), catalog.canonicalKeyOf("no.such.key"));
    }

    @Test
    void knowsTheReplacementOfAnOldNamePerVersion() {
        assertEquals(Optional.empty(), catalog.canonicalKeyOf("state.savepoints.dir", "1.19"), "the primary key in 1.19");
        assertEquals(Optional.of("execution.checkpointing.savepoint-dir"), catalog.canonicalKeyOf("state.savepoints.dir", "1.20"));
        assertEquals(Optional.of("execution.checkpointing.savepoint-dir"), catalog.canonicalKeyOf("state.savepoints.dir", "2.3"));
        assertEquals(Optional.empty(), catalog.canonicalKeyOf("high-availability", "1.16"), "high-availability.type is 1.17+");
        assertEquals(Optional.of("high-availability.type"), catalog.canonicalKeyOf("high-availability", "1.17"));
        assertEquals(Optional.empty(), catalog.canonicalKeyOf("taskmanager.numberOfTaskSlots", "2.0"));
        assertEquals(Optional.empty(), catalog.canonicalKeyOf("jobmanager.heap.size", "2.0"), "unknown to 2.0");
        assertEquals(Optional.empty(), catalog.canonicalKeyOf("no.such.key", "2.0"));
    }

    @Test
    void namesAnOptionAsAGivenVersionKnowsIt() {
        assertEquals(Optional.of("state.checkpoints.dir"), catalog.nameIn("execution.checkpointing.dir", "1.19"));
        assertEquals(Optional.of("execution.checkpointing.dir"), catalog.nameIn("execution.checkpointing.dir", "1.20"));
        assertEquals(Optional.of("state.checkpoints.dir"), catalog.nameIn("state.checkpoints.dir", "2.0"), "an old name 2.0 still reads");
        assertEquals(Optional.of("state.backend.rocksdb.localdir"), catalog.nameIn("state.backend.rocksdb.checkpointdir", "2.0"), "removed in 2.0");
        assertEquals(Optional.empty(), catalog.nameIn("jobmanager.web.ssl.enabled", "2.0"), "its option is gone too");
        assertEquals(Optional.empty(), catalog.nameIn("jobmanager.heap.size", "2.0"));
        assertEquals(Optional.empty(), catalog.nameIn("no.such.key", "2.0"));
    }

    @Test
    void knowsWhichVersionHasAKey() {
        assertTrue(catalog.isKnown("jobmanager.heap.size", "1.20"), "removed in 2.0");
        assertFalse(catalog.isKnown("jobmanager.heap.size", v2), "removed in 2.0");
        assertEquals(List.of("1.15", "1.16", "1.17", "1.18", "1.19", "1.20"), List.copyOf(catalog.versionsOf("jobmanager.heap.size")));
        assertFalse(catalog.isKnown("execution.checkpointing.dir", "1.19"), "new name in 1.20");
        assertTrue(catalog.isKnown("user.artifacts.raw-http-enabled", "1.19"));
        assertFalse(catalog.isKnown("user.artifacts.raw-http-enabled", "1.18"));
        assertTrue(catalog.isKnown("state.backend.forst.local-dir", v2), "ForSt is 2.x only");
        assertFalse(catalog.isKnown("state.backend.forst.local-dir", "1.20"), "ForSt is 2.x only");
        assertTrue(catalog.isKnown("jobmanager.heap.size"));
        assertFalse(catalog.isKnown("taskmanager.numberOfTaskslots"), "keys are case-sensitive");
        assertFalse(catalog.isKnown(null));
    }

    @Test
    void mapsVersionsToCatalogueVersions() {
        assertEquals("1.20", catalog.catalogueVersionFor("1.20"));
        assertEquals("1.20", catalog.catalogueVersionFor("1.20.3"));
        assertEquals("1.20", catalog.catalogueVersionFor("v1_20"));
        assertEquals("1.18", catalog.catalogueVersionFor("1.18"));
        assertEquals("1.15", catalog.catalogueVersionFor("1.14"));
        assertEquals("2.0", catalog.catalogueVersionFor("2.0"));
        assertEquals("2.1", catalog.catalogueVersionFor("v2_1"));
        assertEquals(v2, catalog.catalogueVersionFor("2.4"));
        assertEquals(v2, catalog.catalogueVersionFor("3.0"));
        assertTrue(catalog.isKnown("state.backend.forst.local-dir", "2.0"));
        assertThrows(IllegalArgumentException.class, () -> catalog.catalogueVersionFor("latest"));
    }

    @Test
    void matchesPlaceholderKeys() {
        assertTrue(catalog.keys().contains("metrics.reporter.<name>.factory.class"));
        assertTrue(catalog.isKnown("metrics.reporter.prom.factory.class", v1));
        assertTrue(catalog.isKnown("metrics.reporter.prom.factory.class", v2));
        assertTrue(catalog.isKnown("metrics.reporter.prom.port"), "metrics.reporter.<name>.<parameter>");
        assertTrue(catalog.isKnown("external-resource.gpu.amount"));
        assertFalse(catalog.isKnown("metrics.reporter.prom"), "a reporter name alone is not a key");
        // 1.x-only metrics.reporter.<name>.class, but 2.x passes any reporter parameter through.
        assertEquals(catalog.versions(), catalog.versionsOf("metrics.reporter.prom.class"));
        assertFalse(catalog.isKnown("metrics.reporterz.prom.port"));
    }

    @Test
    void suggestsSimilarKeys() {
        assertEquals("taskmanager.numberOfTaskSlots", first("taskmanager.numberOfTaskslots"));
        assertEquals("taskmanager.numberOfTaskSlots", first("taskmanager.numberoftaskslots"));
        assertEquals("taskmanager.numberOfTaskSlots", first("numberOfTaskSlots"));
        assertEquals("kubernetes.jobmanager.replicas", first("kubernetes.jobmanager.replica"));
        assertEquals("state.savepoints.dir", first("state.savepoint.dir"));
        assertEquals("high-availability.storageDir", first("high-availability.storage-dir"));
        assertTrue(catalog.suggestions("checkpointing.interval", 5).contains("execution.checkpointing.interval"));
        assertEquals("metrics.reporter.prom.factory.class", first("metrics.reporter.prom.factory.clas"));
        assertEquals(List.of(), catalog.suggestions("zzzzzz", 5));
        assertEquals(List.of(), catalog.suggestions("taskmanager.numberOfTaskslots", 0));
        assertEquals(3, catalog.suggestions("taskmanager.memory.proces.size", 3).size());
    }

    @Test
    void suggestionsAreCheapEnoughForHundredsOfKeys() {
        List<String> unknown = catalog.keys().stream().limit(300).map(k -> k + "x").toList();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> unknown.forEach(k -> catalog.suggestions(k, 3)));
    }

    @Test
    void parsesAndRejectsCatalogues() throws IOException {
        FlinkOptionCatalog small = FlinkOptionCatalog.parse(new StringReader(
                "# comment\na.b\t1.20,2.0\t-\nold.a\t1.20\ta.b\nx.<name>.y\t2.0\t-\n"));
        assertEquals(List.of("1.20", "2.0"), List.copyOf(small.versions()));
        assertEquals(List.of("a.b", "old.a", "x.<name>.y"), List.copyOf(small.keys()));
        assertEquals(Optional.of("a.b"), small.canonicalKeyOf("old.a"));
        assertTrue(small.isKnown("x.foo.y", "2.0"));
        assertFalse(small.isKnown("x.foo.y", "1.20"));
        assertThrows(IOException.class, () -> FlinkOptionCatalog.parse(new StringReader("a.b\t1.20\n")));
        assertThrows(IOException.class, () -> FlinkOptionCatalog.parse(new StringReader("a.b\tlatest\t-\n")));

        FlinkOptionCatalog marked = FlinkOptionCatalog.parse(new StringReader("new.a\t2.0\t-\nold.a\t1.20,2.0*\tnew.a\n"));
        assertEquals(Optional.of("new.a"), marked.canonicalKeyOf("old.a", "2.0"));
        assertEquals(Optional.empty(), marked.canonicalKeyOf("old.a", "1.20"));
        assertTrue(marked.isKnown("old.a", "2.0"));
        assertThrows(IOException.class, () -> FlinkOptionCatalog.parse(new StringReader("a.b\t1.20*\t-\n")));

        FlinkOptionCatalog renamed = FlinkOptionCatalog.parse(new StringReader(
                "m.<name>.new\t2.0\t-\nm.<name>.old\t1.20,2.0\tm.<name>.new\nm.<name>.<p>\t2.0\t-\n"));
        assertEquals(Optional.of("m.r1.new"), renamed.canonicalKeyOf("m.r1.old"));
        assertEquals(List.of("1.20", "2.0"), List.copyOf(renamed.versionsOf("m.r1.old")));
        assertEquals(List.of("2.0"), List.copyOf(renamed.versionsOf("m.r1.other")));
    }

    private String first(String unknown) {
        List<String> s = catalog.suggestions(unknown, 3);
        assertFalse(s.isEmpty(), "no suggestion for " + unknown);
        return s.get(0);
    }
}
