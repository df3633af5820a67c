package io.flinkops.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkops.diag.Diagnostics;
import io.flinkops.validate.kubernetes.KubernetesModelCheck;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YamlReader;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * For the tests of rendered objects: the strict fabric8 model check ({@link KubernetesModelCheck}: unknown fields,
 * YAML types, quantities, then full deserialization) applied to a rendered JSON tree.
 */
public final class StrictKubernetesModel {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private StrictKubernetesModel() {
    }

    /** The problems of {@code object} read as {@code type}, as "pointer message" lines; empty when it is valid. */
    public static List<String> problems(JsonNode object, Class<?> type) {
        try {
            Diagnostics diagnostics = new Diagnostics();
            byte[] yaml = YAML.writeValueAsString(object).getBytes(StandardCharsets.UTF_8);
            YNode root = new YamlReader().read("rendered.yaml", yaml, diagnostics).get(0).root();
            if (!diagnostics.isEmpty()) return List.of("not readable as YAML: " + diagnostics.sorted());
            return KubernetesModelCheck.check(root, type, type.getSimpleName()).stream()
                    .map(p -> p.pointer() + " " + p.message()).toList();
        } catch (Exception e) {
            return List.of(e.toString());
        }
    }
}
