package io.flinkops.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Suggestions;
import io.flinkops.load.Document;
import io.flinkops.model.Kind;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YamlJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The schema stage: checks each document against the JSON Schema (2020-12) of its kind and turns
 * validator errors into located diagnostics. Schemas are compiled once per process.
 */
public final class SchemaValidator {
    public static final String ID_PREFIX = "https://flinkops.io/schemas/";
    private static final String CLASSPATH_DIR = "schemas/";
    /**
     * VVP's system-owned fields: accepted, so that an export validates, but ignored. VVP exports also carry
     * {@code deploymentTargetId} next to the target's name; flinkops addresses targets by name only.
     */
    private static final List<String> SYSTEM_OWNED = List.of("/metadata/id", "/metadata/createdAt", "/metadata/modifiedAt",
            "/metadata/resourceVersion", "/status", "/spec/deploymentTargetId");

    private static volatile SchemaValidator shared;

    private final Map<Kind, Schema> schemas = new EnumMap<>(Kind.class);
    private final Map<String, JsonNode> rawSchemas = new java.util.concurrent.ConcurrentHashMap<>();

    private SchemaValidator() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, "classpath:" + CLASSPATH_DIR)));
        for (Kind kind : Kind.values()) {
            Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + kind.schemaFile()));
            schema.initializeValidators();
            schemas.put(kind, schema);
        }
    }

    /** The process-wide validator (schema compilation is the expensive part). */
    public static SchemaValidator get() {
        SchemaValidator v = shared;
        if (v == null) {
            synchronized (SchemaValidator.class) {
                if (shared == null) shared = new SchemaValidator();
                v = shared;
            }
        }
        return v;
    }

    /** How a document fared against its schema, as far as the later stages care. */
    public enum Verdict {
        VALID,
        /**
         * Only unknown fields: the document is otherwise well-formed, so its values can still be typed and
         * checked by the semantic rules (a typo in one field name must not hide every other problem).
         */
        UNKNOWN_FIELDS_ONLY,
        /** Wrong types, missing or invalid values: the typed view cannot be trusted. */
        INVALID;

        public boolean usable() {
            return this != INVALID;
        }
    }

    /** Validates {@code doc}, reporting every problem. */
    public Verdict validate(Document doc, Diagnostics diagnostics) {
        reportSystemOwnedFields(doc, diagnostics);
        JsonNode json = YamlJson.toJson(doc.root());
        List<Error> errors = schemas.get(doc.kind()).validate(json);
        Verdict verdict = Verdict.VALID;
        for (Error e : relevant(errors)) {
            if (report(doc, e, diagnostics)) continue;
            boolean unknownField = Set.of("additionalProperties", "unevaluatedProperties").contains(e.getKeyword());
            if (!unknownField) verdict = Verdict.INVALID;
            else if (verdict == Verdict.VALID) verdict = Verdict.UNKNOWN_FIELDS_ONLY;
        }
        return verdict;
    }

    private void reportSystemOwnedFields(Document doc, Diagnostics diagnostics) {
        for (String pointer : SYSTEM_OWNED) {
            YNode node = doc.root().at(pointer);
            if (node != null && !node.isNull()) {
                diagnostics.report(Code.SYSTEM_OWNED_FIELD, doc.locateKey(pointer), pointer,
                        "`" + pointer.substring(1).replace('/', '.') + "` is owned by the system and is ignored.",
                        "Remove it when you next edit this file; it is accepted so that a Deployment exported from VVP validates unchanged.");
            }
        }
    }

    /** Combinator keywords only summarise the errors of their branches, which are reported themselves. */
    private static List<Error> relevant(List<Error> errors) {
        List<Error> out = new ArrayList<>();
        for (Error e : errors) {
            String k = e.getKeyword();
            if (k == null || Set.of("allOf", "if", "then", "else", "$ref").contains(k)) continue;
            out.add(e);
        }
        return out;
    }

    private boolean report(Document doc, Error e, Diagnostics diagnostics) {
        String pointer = pointer(e.getInstanceLocation());
        String keyword = e.getKeyword();
        String field = fieldName(pointer);
        switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" -> {
                String property = e.getProperty();
                String at = JsonPointers.append(pointer, property);
                if (SYSTEM_OWNED.contains(at)) return true;
                Set<String> known = knownProperties(e);
                String suggestion = Suggestions.didYouMean(property, known);
                diagnostics.report(Code.UNKNOWN_FIELD, doc.locateKey(at), at,
                        "Unknown field `" + property + "` in " + describe(pointer) + ".",
                        suggestion.isEmpty()
                                ? (known.isEmpty() ? "Remove it." : "Remove it; known fields here: " + String.join(", ", known) + ".")
                                : suggestion);
            }
            case "required" -> {
                String property = e.getProperty();
                diagnostics.report(Code.MISSING_FIELD, doc.locate(pointer), JsonPointers.append(pointer, property),
                        describeCapital(pointer) + " is missing the required field `" + property + "`.",
                        "Add `" + property + ":`.");
            }
            case "type" -> {
                YNode node = doc.root().at(pointer);
                String expected = String.valueOf(e.getSchemaNode());
                String hint = "";
                if (node instanceof YScalar s && expected.contains("string") && s.type() != YScalar.Type.STRING) {
                    hint = "Quote the value: `" + field + ": \"" + s.text() + "\"` (unquoted, YAML reads it as " + typeName(s) + ").";
                } else {
                    hint = "Write " + article(expected) + " here.";
                }
                diagnostics.report(Code.WRONG_TYPE, doc.locate(pointer), pointer,
                        "`" + field + "` must be " + article(expected) + ", not " + actualType(node) + ".", hint);
            }
            case "enum", "const" -> {
                YNode node = doc.root().at(pointer);
                String value = node instanceof YScalar s ? s.text() : String.valueOf(e.getInstanceNode());
                List<String> allowed = allowedValues(e.getSchemaNode());
                String suggestion = Suggestions.didYouMean(value, allowed);
                diagnostics.report(Code.VALUE_NOT_ALLOWED, doc.locate(pointer), pointer,
                        "`" + value + "` is not a valid value for `" + field + "`.",
                        (suggestion.isEmpty() ? "" : suggestion + " ") + "Allowed: " + String.join(", ", allowed) + ".");
            }
            default -> diagnostics.report(Code.CONSTRAINT_VIOLATED, doc.locate(pointer), pointer,
                    "`" + (field.isEmpty() ? doc.kind().kindName() : field) + "` " + stripLocation(e.getMessage()) + ".",
                    "See docs/config-reference.md for what this field accepts.");
        }
        return false;
    }

    private static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object el = path.getElement(i);
            sb.append('/').append(el instanceof Integer n ? n.toString() : JsonPointers.escape(String.valueOf(el)));
        }
        return sb.toString();
    }

    private static String fieldName(String pointer) {
        return String.join(".", JsonPointers.tokens(pointer));
    }

    private static String describe(String pointer) {
        return pointer.isEmpty() ? "the document" : "`" + fieldName(pointer) + "`";
    }

    private static String describeCapital(String pointer) {
        return pointer.isEmpty() ? "The document" : "`" + fieldName(pointer) + "`";
    }

    private static String article(String expected) {
        String t = expected.replace("\"", "");
        if (t.startsWith("[")) {
            return String.join(" or ", t.substring(1, t.length() - 1).split(","));
        }
        return (t.startsWith("a") || t.startsWith("i") || t.startsWith("o") ? "an " : "a ") + t;
    }

    private static String actualType(YNode node) {
        if (node instanceof YScalar s) return typeName(s);
        if (node instanceof io.flinkops.yaml.YMap) return "a mapping";
        if (node instanceof io.flinkops.yaml.YSeq) return "a list";
        return "nothing";
    }

    private static String typeName(YScalar s) {
        return switch (s.type()) {
            case STRING -> "a string";
            case INT -> "an integer";
            case FLOAT -> "a number";
            case BOOL -> "a boolean";
            case NULL -> "null";
        };
    }

    private static List<String> allowedValues(JsonNode schemaNode) {
        List<String> out = new ArrayList<>();
        if (schemaNode == null) return out;
        if (schemaNode.isArray()) schemaNode.forEach(n -> out.add(n.asText()));
        else out.add(schemaNode.asText());
        return out;
    }

    private static String stripLocation(String message) {
        if (message == null) return "is invalid";
        int colon = message.indexOf(": ");
        String m = colon >= 0 && (message.startsWith("/") || message.startsWith("$")) ? message.substring(colon + 2) : message;
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    /** The property names the object schema that raised {@code e} declares, for "did you mean". */
    private Set<String> knownProperties(Error e) {
        SchemaLocation location = e.getSchemaLocation();
        if (location == null) return Set.of();
        String s = location.toString();
        int hash = s.indexOf('#');
        String file = hash >= 0 ? s.substring(0, hash) : s;
        String fragment = hash >= 0 ? s.substring(hash + 1) : "";
        JsonNode root = raw(file);
        if (root == null) return Set.of();
        List<String> tokens = JsonPointers.tokens(fragment);
        if (!tokens.isEmpty()) tokens = tokens.subList(0, tokens.size() - 1); // drop the keyword itself
        JsonNode objectSchema = root.at(tokens.isEmpty() ? "" : "/" + tokens.stream().map(JsonPointers::escape).collect(Collectors.joining("/")));
        Set<String> names = new TreeSet<>();
        collectProperties(file, objectSchema, names, 0);
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
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual()) {
            String target = ref.asText();
            int hash = target.indexOf('#');
            String refFile = hash == 0 ? file : SchemaLocation.resolve(SchemaLocation.of(file), hash >= 0 ? target.substring(0, hash) : target);
            JsonNode refRoot = raw(refFile);
            if (refRoot != null) {
                collectProperties(refFile, refRoot.at(hash >= 0 ? target.substring(hash + 1) : ""), names, depth + 1);
            }
        }
    }

    private JsonNode raw(String id) {
        return rawSchemas.computeIfAbsent(id, key -> {
            if (!key.startsWith(ID_PREFIX)) return null;
            String resource = CLASSPATH_DIR + key.substring(ID_PREFIX.length());
            try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(resource)) {
                return in == null ? null : new ObjectMapper().readTree(in);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
    }
}
