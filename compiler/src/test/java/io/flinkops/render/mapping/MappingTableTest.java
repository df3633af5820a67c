package io.flinkops.render.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keeps the mapping table, docs/render-mapping.md and the resource schemas in step. */
class MappingTableTest {
    private static final boolean UPDATE = Boolean.getBoolean("flinkops.updateGolden");
    private static final Path DOC = TestRepos.projectRoot().resolve("docs/render-mapping.md");

    @Test
    void docsRenderMappingMdHasTheGeneratedTable() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(MappingTable.GENERATED_START);
        int end = doc.indexOf(MappingTable.GENERATED_END);
        assertTrue(start >= 0 && end > start, "docs/render-mapping.md lacks the markers of the generated mapping table");
        String expected = doc.substring(0, start) + MappingTable.markdown() + doc.substring(end + MappingTable.GENERATED_END.length() + 1);
        if (UPDATE) Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        assertEquals(expected, Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/render-mapping.md is out of date; regenerate it (see the comment above its mapping table)");
    }

    @Test
    void rowsAreNumberedOneByOne() {
        List<MappingRow> rows = MappingTable.rows();
        for (int i = 0; i < rows.size(); i++) assertEquals(i + 1, rows.get(i).number());
    }

    @Test
    void everyFieldARowReadsIsAFieldOfTheSchemaOfItsObjects() {
        Schemas schemas = new Schemas();
        List<String> unknown = new ArrayList<>();
        for (MappingRow row : MappingTable.rows()) {
            for (VvpField field : row.reads()) {
                if (row.objects().stream().noneMatch(kind -> schemas.has(kind, field))) unknown.add("row " + row.number() + ": " + field.name());
            }
        }
        assertEquals(List.of(), unknown, "fields that neither the Deployment nor the SessionCluster schema has");
    }

    @Test
    void theSchemaCheckFindsTypos() {
        Schemas schemas = new Schemas();
        assertTrue(schemas.has(ResourcePlan.Kind.APPLICATION, VvpField.spec("artifact.jarUri")));
        assertTrue(schemas.has(ResourcePlan.Kind.APPLICATION, VvpField.spec("flinkConfiguration.job.autoscaler.*")));
        assertTrue(schemas.has(ResourcePlan.Kind.SESSION_JOB, VvpField.resource("metadata.displayName")));
        assertFalse(schemas.has(ResourcePlan.Kind.APPLICATION, VvpField.spec("artifact.jarUrl")));
        assertFalse(schemas.has(ResourcePlan.Kind.SESSION_CLUSTER, VvpField.spec("artifact.jarUri")));
        assertFalse(schemas.has(ResourcePlan.Kind.APPLICATION, VvpField.spec("metadata.displayName")));
        assertFalse(schemas.has(ResourcePlan.Kind.APPLICATION, VvpField.spec("kubernetes.*")));
    }

    @Test
    void rowsThatMapNothingWriteNothing() {
        for (MappingRow row : MappingTable.rows()) {
            if (row.category() == ChangeCategory.NOT_MAPPED) assertTrue(row.writer().isEmpty(), "row " + row.number());
        }
    }

    /** The fields of the resources' JSON schemas in schemas/, named as {@link VvpField} names them. */
    private static final class Schemas {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final Map<String, JsonNode> files = new HashMap<>();

        boolean has(ResourcePlan.Kind kind, VvpField field) {
            String file = kind == ResourcePlan.Kind.SESSION_CLUSTER ? "session-cluster.schema.json" : "deployment.schema.json";
            List<String> path = Arrays.asList(field.name().split("\\."));
            Located root = new Located(file, file(file));
            if (!field.inSpec()) return has(root, path);
            Located spec = property(root, "spec");
            // A Deployment's fields of template.spec are named without it.
            return has(spec, path) || kind != ResourcePlan.Kind.SESSION_CLUSTER && has(property(property(spec, "template"), "spec"), path);
        }

        private boolean has(Located schema, List<String> path) {
            if (schema == null) return false;
            if (path.isEmpty()) return true;
            Located node = resolve(schema);
            Located next = property(node, path.get(0));
            if (next != null) return has(next, path.subList(1, path.size()));
            // A map (flinkConfiguration, labels…): the rest of the name is one key.
            return node.node().path("additionalProperties").isObject();
        }

        private Located property(Located schema, String name) {
            if (schema == null) return null;
            Located node = resolve(schema);
            JsonNode p = node.node().path("properties").get(name);
            return p == null ? null : new Located(node.file(), p);
        }

        /** Follows {@code $ref}s, within a file and to another file of schemas/. */
        private Located resolve(Located schema) {
            Located s = schema;
            while (s.node().has("$ref")) {
                String ref = s.node().get("$ref").asText();
                int hash = ref.indexOf('#');
                String file = hash == 0 ? s.file() : ref.substring(0, hash);
                s = new Located(file, file(file).at(ref.substring(hash + 1)));
            }
            return s;
        }

        private JsonNode file(String name) {
            return files.computeIfAbsent(name, n -> {
                try {
                    return JSON.readTree(TestRepos.projectRoot().resolve("schemas").resolve(n).toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        private record Located(String file, JsonNode node) {
        }
    }
}
