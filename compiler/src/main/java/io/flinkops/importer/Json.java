package io.flinkops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON tree helpers shared by the import mapping and the round trip. */
final class Json {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    /**
     * A Flink configuration as the operator reads it ({@code ConfigObjectNode.asFlatMap}, operator 1.13 and later):
     * nested mappings joined with {@code .}, lists joined with {@code ;} (an empty list sets nothing), scalars as
     * their text. Numbers are written the way {@code kubectl} hands them to the API server: YAML's {@code 1.10} is the
     * number 1.1 by then, so its text is {@code 1.1} ({@link #numberText}).
     */
    static Map<String, String> flattenConfiguration(JsonNode configuration) {
        Map<String, String> out = new LinkedHashMap<>();
        if (configuration != null && configuration.isObject()) flatten(configuration, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String key, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(e.getValue(), key.isEmpty() ? e.getKey() : key + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            if (node.isEmpty()) return;
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(text(item)));
            out.put(key, String.join(";", items));
        } else {
            out.put(key, text(node));
        }
    }

    /** The text of a scalar as the operator reads it (numbers by {@link #numberText}). */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "null";
        if (node.isNumber()) return numberText(node);
        return node.asText();
    }

    /**
     * A number as JSON encoders write it after YAML read it: integers as they are, decimals without trailing zeros
     * ({@code 1.10} → {@code 1.1}, {@code 2.0} → {@code 2}).
     */
    static String numberText(JsonNode number) {
        if (number.isIntegralNumber()) return number.bigIntegerValue().toString();
        BigDecimal d = number.decimalValue();
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /** A number as a JSON node: an integer when it is whole ({@code cpu: 1}), else a decimal. */
    static JsonNode number(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() <= 0 && v.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) < 0) return F.numberNode(v.intValueExact());
        return F.numberNode(value);
    }

    /** {@code object.key} as an object, created (at the end) if missing. */
    static ObjectNode object(ObjectNode object, String key) {
        return object.withObjectProperty(key);
    }

    /** Removes empty objects below {@code node} (and empty lists nowhere): what is left when settings move away. */
    static void pruneEmpty(ObjectNode node) {
        List<String> empty = new ArrayList<>();
        node.fields().forEachRemaining(e -> {
            if (e.getValue() instanceof ObjectNode child) {
                pruneEmpty(child);
                if (child.isEmpty()) empty.add(e.getKey());
            }
        });
        empty.forEach(node::remove);
    }

    /** {@code spec.flinkConfiguration["state.savepoints.dir"]}: a map key that may contain dots. */
    static String key(String path, String key) {
        return path + "[\"" + key + "\"]";
    }

    /** Compact one-line JSON of a value, for messages. */
    static String compact(JsonNode node) {
        if (node == null) return "(absent)";
        if (node.isTextual()) return "\"" + node.textValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        return node.toString();
    }
}
