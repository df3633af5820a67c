package io.flinkops.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaLocation;
import io.flinkops.yaml.JsonPointers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the raw JSON Schema files to explain errors better than the validator can: which fields an object
 * allows (for "did you mean"), which variant of a discriminated object allows a field (a PYTHON field on a
 * JAR artifact), and where else in a document a field belongs (`parallelism` under `spec` instead of
 * `spec.template.spec`).
 */
final class SchemaIndex {
    private static final int MAX_DEPTH = 16;

    private final String idPrefix;
    private final String classpathDir;
    private final Map<String, JsonNode> raw = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Set<String>>> fieldPlaces = new ConcurrentHashMap<>();

    SchemaIndex(String idPrefix, String classpathDir) {
        this.idPrefix = idPrefix;
        this.classpathDir = classpathDir;
    }

    /** A schema node and the file it is in (for resolving relative {@code $ref}s). */
    record Node(String file, JsonNode schema) {
    }

    /** The object schema an error's keyword belongs to: the location minus its last token (the keyword). */
    Node parentOf(SchemaLocation location) {
        if (location == null) return null;
        String s = location.toString();
        int hash = s.indexOf('#');
        String file = hash >= 0 ? s.substring(0, hash) : s;
        List<String> tokens = JsonPointers.tokens(hash >= 0 ? s.substring(hash + 1) : "");
        if (!tokens.isEmpty()) tokens = tokens.subList(0, tokens.size() - 1);
        JsonNode root = raw(file);
        if (root == null) return null;
        StringBuilder pointer = new StringBuilder();
        for (String t : tokens) pointer.append('/').append(JsonPointers.escape(t));
        JsonNode n = root.at(pointer.toString());
        return n.isMissingNode() ? null : new Node(file, n);
    }

    /** The property names {@code schema} declares, including those of its combinator branches and refs. */
    Set<String> properties(Node node) {
        Set<String> names = new TreeSet<>();
        if (node != null) collectProperties(node.file(), node.schema(), names, 0);
        return Collections.unmodifiableSet(names);
    }

    private void collectProperties(String file, JsonNode schema, Set<String> names, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 8) return;
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combinator).forEach(s -> collectProperties(file, s, names, depth + 1));
        }
        for (String branch : List.of("then", "else")) {
            collectProperties(file, schema.get(branch), names, depth + 1);
        }
        Node target = ref(file, schema);
        if (target != null) collectProperties(target.file(), target.schema(), names, depth + 1);
    }

    /** The target of {@code schema}'s {@code $ref}, or null. */
    Node ref(String file, JsonNode schema) {
        JsonNode ref = schema == null ? null : schema.get("$ref");
        if (ref == null || !ref.isTextual()) return null;
        String target = ref.asText();
        int hash = target.indexOf('#');
        String refFile = hash == 0 ? file : SchemaLocation.resolve(SchemaLocation.of(file), hash >= 0 ? target.substring(0, hash) : target);
        int refHash = refFile.indexOf('#');
        if (refHash >= 0) refFile = refFile.substring(0, refHash); // resolve() returns "…/common.schema.json#"
        JsonNode refRoot = raw(refFile);
        if (refRoot == null) return null;
        JsonNode n = refRoot.at(hash >= 0 ? target.substring(hash + 1) : "");
        return n.isMissingNode() ? null : new Node(refFile, n);
    }

    /**
     * For a closed variant of a discriminated object (like {@code $defs/jarArtifact}, which an
     * {@code if: {properties: {kind: {const: JAR}}}, then: {$ref: ...}} selects), the discriminating field
     * and, per value, the fields that variant allows. Null when {@code location} is not such a variant.
     */
    Discriminated discriminated(SchemaLocation location) {
        Node variant = parentOf(location);
        if (variant == null) return null;
        String s = location.toString();
        int hash = s.indexOf('#');
        String file = hash >= 0 ? s.substring(0, hash) : s;
        List<String> tokens = JsonPointers.tokens(hash >= 0 ? s.substring(hash + 1) : "");
        if (tokens.size() < 2) return null;
        String variantRef = "#/" + String.join("/", tokens.subList(0, tokens.size() - 1));
        JsonNode root = raw(file);
        return root == null ? null : findDiscriminated(file, root, variantRef, 0);
    }

    /** One discriminated object: {@code field} (e.g. kind) and the fields allowed per value. */
    record Discriminated(String field, Map<String, Set<String>> fieldsByValue) {
    }

    private Discriminated findDiscriminated(String file, JsonNode node, String variantRef, int depth) {
        if (node == null || depth > MAX_DEPTH || !node.isContainerNode()) return null;
        JsonNode allOf = node.get("allOf");
        if (allOf != null && allOf.isArray()) {
            Map<String, Set<String>> byValue = new LinkedHashMap<>();
            String field = null;
            boolean matches = false;
            for (JsonNode entry : allOf) {
                JsonNode props = entry.path("if").path("properties");
                JsonNode thenRef = entry.path("then").path("$ref");
                if (!props.isObject() || props.size() != 1 || !thenRef.isTextual()) continue;
                String f = props.fieldNames().next();
                JsonNode constant = props.path(f).get("const");
                if (constant == null) continue;
                field = f;
                Node target = ref(file, entry.get("then"));
                byValue.put(constant.asText(), properties(target));
                if (thenRef.asText().equals(variantRef)) matches = true;
            }
            if (matches) return new Discriminated(field, byValue);
        }
        for (JsonNode child : node) {
            Discriminated d = findDiscriminated(file, child, variantRef, depth + 1);
            if (d != null) return d;
        }
        return null;
    }

    /**
     * Every field the schema {@code file} defines, with the dotted paths of the objects that hold it
     * ({@code parallelism} → {@code spec.template.spec}). Maps with free keys appear as {@code *}.
     */
    Map<String, Set<String>> fieldPlaces(String file) {
        return fieldPlaces.computeIfAbsent(file, f -> {
            Map<String, Set<String>> out = new TreeMap<>();
            JsonNode root = raw(f);
            if (root != null) walk(f, root, "", out, 0);
            Map<String, Set<String>> frozen = new TreeMap<>();
            out.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
            return Collections.unmodifiableMap(frozen);
        });
    }

    private void walk(String file, JsonNode schema, String path, Map<String, Set<String>> out, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) return;
        JsonNode props = schema.get("properties");
        if (props != null && props.isObject()) {
            props.fields().forEachRemaining(e -> {
                out.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(path);
                walk(file, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out, depth + 1);
            });
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            JsonNode list = schema.get(combinator);
            if (list != null) list.forEach(s -> walk(file, s, path, out, depth + 1));
        }
        for (String branch : List.of("then", "else")) {
            walk(file, schema.get(branch), path, out, depth + 1);
        }
        JsonNode items = schema.get("items");
        if (items != null) walk(file, items, path + "[]", out, depth + 1);
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) walk(file, additional, path + ".*", out, depth + 1);
        Node target = ref(file, schema);
        if (target != null) walk(target.file(), target.schema(), path, out, depth + 1);
    }

    JsonNode raw(String id) {
        if (!id.startsWith(idPrefix)) return null;
        JsonNode cached = raw.get(id);
        if (cached != null) return cached;
        String resource = classpathDir + id.substring(idPrefix.length());
        try (InputStream in = SchemaIndex.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) return null;
            JsonNode n = new ObjectMapper().readTree(in);
            raw.put(id, n);
            return n;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<String> sorted(Set<String> s) {
        return new ArrayList<>(new TreeSet<>(s));
    }
}
