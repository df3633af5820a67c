package io.flinkops.emit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Byte-stable YAML for Kubernetes objects: apiVersion, kind and metadata first, every other mapping in key
 * order, strings quoted only where YAML would misread them, multi-line strings as literal blocks.
 */
public final class ManifestYaml {
    private static final List<String> HEAD = List.of("apiVersion", "kind", "metadata");
    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    private ManifestYaml() {
    }

    public static String write(JsonNode object) {
        try {
            return MAPPER.writeValueAsString(ordered(object, true));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code node} with the canonical key order. */
    static JsonNode ordered(JsonNode node, boolean top) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) keys.add(it.next());
            keys.sort(null);
            if (top) {
                for (String h : HEAD) if (node.has(h)) out.set(h, ordered(node.get(h), false));
            }
            for (String k : keys) {
                if (!top || !HEAD.contains(k)) out.set(k, ordered(node.get(k), false));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(ordered(n, false)));
            return out;
        }
        return node;
    }

    /** For tests and the kustomization: a plain map as YAML with the same settings. */
    public static String write(Map<String, ?> map) {
        return write((JsonNode) MAPPER.valueToTree(map));
    }
}
