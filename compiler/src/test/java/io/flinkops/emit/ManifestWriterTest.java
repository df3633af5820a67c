package io.flinkops.emit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.RenderedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestWriterTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static RenderedObject object(String cluster, String namespace, String kind, String name, String json) throws Exception {
        return new RenderedObject(cluster, "v1", kind, namespace, name, (ObjectNode) JSON.readTree(json), "");
    }

    static RenderOutput sample() throws Exception {
        return new RenderOutput(new TreeMap<>(Map.of(
                "prod", List.of(
                        object("prod", "flink-b", "ConfigMap", "b", """
                                {"metadata":{"name":"b","namespace":"flink-b"},"kind":"ConfigMap","apiVersion":"v1",
                                 "data":{"z":"1","a":"multi\\nline\\n","on":"yes","version":"1.20","empty":""}}"""),
                        object("prod", "flink-a", "ServiceAccount", "a", """
                                {"kind":"ServiceAccount","apiVersion":"v1","metadata":{"namespace":"flink-a","name":"a"}}""")),
                "staging", List.of())),
                "/namespaces/a/ @alice\n");
    }

    @Test
    void layoutIsOneFilePerObjectAndAKustomizationPerCluster() throws Exception {
        Map<String, String> files = ManifestWriter.files(sample());
        assertEquals(List.of(".flinkops-output", "CODEOWNERS", "prod/flink-a/serviceaccount-a.yaml", "prod/flink-b/configmap-b.yaml",
                "prod/kustomization.yaml", "staging/kustomization.yaml"), List.copyOf(files.keySet()));
        assertEquals("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - flink-a/serviceaccount-a.yaml
                  - flink-b/configmap-b.yaml
                """, files.get("prod/kustomization.yaml"));
        assertEquals("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: []
                """, files.get("staging/kustomization.yaml"));
    }

    @Test
    void yamlHasStableKeyOrderAndQuotesWhatYamlWouldMisread() throws Exception {
        String yaml = ManifestWriter.files(sample()).get("prod/flink-b/configmap-b.yaml");
        assertEquals("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: b
                  namespace: flink-b
                data:
                  a: |
                    multi
                    line
                  empty: ""
                  "on": "yes"
                  version: "1.20"
                  z: "1"
                """, yaml);
    }

    @Test
    void writesAndReplacesItsOwnOutputOnly() throws Exception {
        Path out = tmp.resolve("out");
        ManifestWriter.write(sample(), out);
        assertTrue(Files.exists(out.resolve("prod/flink-a/serviceaccount-a.yaml")));
        Files.writeString(out.resolve("prod/stale.yaml"), "left over from an older render");
        ManifestWriter.write(sample(), out);
        assertFalse(Files.exists(out.resolve("prod/stale.yaml")), "a re-render replaces the whole output");

        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        assertThrows(ManifestWriter.OutputDirectoryException.class, () -> ManifestWriter.write(sample(), foreign));
        assertEquals("mine", Files.readString(foreign.resolve("notes.txt")));
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".flinkops-render-")), "no staging directory is left behind");
        }
    }

    @Test
    void aReRenderWritesOnlyWhatChangedAndRemovesWhatIsGone() throws Exception {
        Path out = tmp.resolve("out");
        ManifestWriter.write(sample(), out);
        Path unchanged = out.resolve("prod/flink-a/serviceaccount-a.yaml");
        Path edited = out.resolve("prod/flink-b/configmap-b.yaml");
        FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(unchanged, longAgo);
        Files.writeString(edited, "edited by hand");
        Files.createDirectories(out.resolve("prod/flink-gone/deeper"));
        Files.writeString(out.resolve("prod/flink-gone/deeper/configmap-x.yaml"), "from an older render");

        ManifestWriter.write(sample(), out);

        assertEquals(longAgo, Files.getLastModifiedTime(unchanged), "an unchanged file is not rewritten");
        assertEquals(ManifestWriter.files(sample()).get("prod/flink-b/configmap-b.yaml"), Files.readString(edited));
        assertFalse(Files.exists(out.resolve("prod/flink-gone")), "a namespace the output no longer has is removed");
        try (var s = Files.walk(out)) {
            assertEquals(ManifestWriter.files(sample()).keySet(), s.filter(Files::isRegularFile)
                    .map(p -> out.relativize(p).toString().replace('\\', '/'))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)), "exactly the output's files, no temp files");
        }
    }

    @Test
    void anEmptyDirectoryIsFilled() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("empty"));
        ManifestWriter.write(sample(), out);
        assertTrue(Files.exists(out.resolve(ManifestWriter.MARKER)));
        assertTrue(Files.exists(out.resolve("staging/kustomization.yaml")));
    }

    @Test
    void sameInputSameBytes() throws Exception {
        assertEquals(ManifestWriter.files(sample()), ManifestWriter.files(sample()));
    }
}
