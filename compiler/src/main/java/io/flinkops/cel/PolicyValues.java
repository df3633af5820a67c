package io.flinkops.cel;

import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.StructType;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YSeq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML tree as the values a CEL expression of the declared type works on: maps for structs and maps, lists, and
 * scalars of the declared type ({@code "2"} is read as an int where the model has an int, as flinkops reads it).
 * A null, or a scalar that is not of the declared type (the schema stage reported it), is left out, so that
 * {@code has(...)} is false for it.
 */
final class PolicyValues {

    private PolicyValues() {
    }

    static Object of(YNode node, CelType type) {
        if (node == null) return null;
        if (type instanceof StructType struct) {
            if (!(node instanceof YMap m)) return null;
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> struct.findField(k).ifPresent(f -> put(out, k, of(e.value(), f.type()))));
            return out;
        }
        if (type instanceof MapType map) {
            if (!(node instanceof YMap m)) return null;
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> put(out, k, of(e.value(), map.valueType())));
            return out;
        }
        if (type instanceof ListType list) {
            if (!(node instanceof YSeq s)) return null;
            List<Object> out = new ArrayList<>();
            for (YNode item : s.items()) {
                Object v = of(item, list.elemType());
                if (v != null) out.add(v);
            }
            return out;
        }
        if (!(node instanceof YScalar s) || s.type() == YScalar.Type.NULL || s.isAliasPlaceholder()) {
            return type.kind() == CelKind.DYN ? dyn(node) : null;
        }
        switch (type.kind()) {
            case STRING:
                return s.text();
            case INT:
                try {
                    return Long.parseLong(s.text().strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            case DOUBLE:
                try {
                    return Double.parseDouble(s.text().strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            case BOOL:
                return s.text().equalsIgnoreCase("true") ? Boolean.TRUE : s.text().equalsIgnoreCase("false") ? Boolean.FALSE : null;
            default:
                return dyn(node);
        }
    }

    /** An untyped value: YAML's own types. */
    static Object dyn(YNode node) {
        if (node instanceof YMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> put(out, k, dyn(e.value())));
            return out;
        }
        if (node instanceof YSeq s) {
            List<Object> out = new ArrayList<>();
            for (YNode item : s.items()) {
                Object v = dyn(item);
                if (v != null) out.add(v);
            }
            return out;
        }
        if (!(node instanceof YScalar s) || s.type() == YScalar.Type.NULL || s.isAliasPlaceholder()) return null;
        try {
            return switch (s.type()) {
                case INT -> Long.parseLong(s.text().strip());
                case FLOAT -> Double.parseDouble(s.text().strip());
                case BOOL -> Boolean.parseBoolean(s.text().strip());
                default -> s.text();
            };
        } catch (NumberFormatException e) {
            return s.text();
        }
    }

    /**
     * The variable {@code object}: {@code tree} as {@code type}, with {@code metadata.namespace} set, {@code metadata.name}
     * set when the tree has none, and {@code metadata.labels} present (empty) so that {@code 'k' in ...labels} needs no
     * {@code has()}.
     */
    static Map<String, Object> object(YNode tree, CelType type, String name, String namespace) {
        Map<String, Object> object = new LinkedHashMap<>();
        if (of(tree, type) instanceof Map<?, ?> m) m.forEach((k, v) -> object.put((String) k, v));
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (object.get("metadata") instanceof Map<?, ?> m) m.forEach((k, v) -> metadata.put((String) k, v));
        metadata.putIfAbsent("name", name);
        metadata.put("namespace", namespace);
        metadata.putIfAbsent("labels", Map.of());
        object.put("metadata", metadata);
        return object;
    }

    /** The variable {@code params}: a policy's {@code params}, empty when it has none. */
    static Map<String, Object> params(YNode params) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (params != null && dyn(params) instanceof Map<?, ?> m) m.forEach((k, v) -> out.put((String) k, v));
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null) out.put(key, value);
    }
}
