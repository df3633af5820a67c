package io.flinkops.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import io.flinkops.diag.Suggestions;
import io.flinkops.load.Document;
import io.flinkops.model.Kind;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YSeq;
import io.flinkops.yaml.YamlEdits;
import io.flinkops.yaml.YamlJson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The schema stage: checks each document against the JSON Schema (2020-12) of its kind and turns
 * validator errors into located diagnostics, one per problem. Schemas are compiled once per process.
 *
 * <p>The validator's own messages are not used: every keyword the schemas use gets a message written for a
 * YAML author (mapping and list rather than object and array, the value and field named, and a hint that
 * says what to write instead). Errors of {@code oneOf}/{@code anyOf} branches that do not apply are dropped
 * (see {@link Combinators}).
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
    /**
     * A Savepoint's: its {@code createdAt} is not among them (it says when the savepoint was asked for, and becomes the
     * operator's nonce), but the ids VVP exports carry are: flinkops addresses the deployment by name.
     */
    private static final List<String> SAVEPOINT_SYSTEM_OWNED = List.of("/metadata/id", "/metadata/deploymentId", "/metadata/jobId",
            "/metadata/modifiedAt", "/metadata/resourceVersion", "/status");
    /** Patterns of the schemas, said in words. */
    private static final Map<String, String> PATTERN_WORDS = Map.of(
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "lower-case letters, digits and `-`, starting and ending with a letter or digit",
            "^[0-9A-Za-z_-]+$", "letters, digits, `_` and `-`",
            "^[0-9]+\\.[0-9]+$", "a Flink minor version such as \"1.20\"",
            "^[a-z][a-z0-9+.-]*$", "a URI scheme in lower case, such as s3 or https",
            "^(user:.+|group:.+|system:authenticated)$", "`user:<name>`, `group:<name>` or `system:authenticated`",
            "^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$", "a GitHub organization name: letters, digits and `-`, starting and ending with a letter or digit");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private static volatile SchemaValidator shared;

    /** Each kind's schema, compiled when a document of that kind is first checked (a repo rarely has every kind). */
    private final Map<Kind, Schema> schemas = new ConcurrentHashMap<>();
    private final SchemaIndex index = new SchemaIndex(ID_PREFIX, CLASSPATH_DIR);
    private final SchemaRegistry registry;

    private SchemaValidator() {
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaIdResolvers(r -> r.mapPrefix(ID_PREFIX, "classpath:" + CLASSPATH_DIR)));
    }

    private Schema schema(Kind kind) {
        return schemas.computeIfAbsent(kind, k -> {
            // One compilation at a time: the kinds share schemas ($ref to common.schema.json) in the registry.
            synchronized (registry) {
                Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + k.schemaFile()));
                schema.initializeValidators();
                return schema;
            }
        });
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

    /** One diagnostic to report. */
    private record Problem(Code code, Location at, String pointer, String message, String hint) {
    }

    /** Validates {@code doc}, reporting every problem (warnings do not affect the verdict). */
    public SchemaOutcome validate(Document doc, Diagnostics diagnostics) {
        reportSystemOwnedFields(doc, diagnostics);
        List<Combinators.Selected<Error>> selected = errors(doc.kind(), doc.root());

        // VVP's lenient reading first: what VVP reads without complaint is read the same way, with a warning.
        Map<String, YScalar> lenient = new LinkedHashMap<>();
        for (Combinators.Selected<Error> s : selected) {
            String pointer = pointer(s.error().getInstanceLocation());
            if (underSystemOwned(doc.kind(), pointer) || !(doc.root().at(pointer) instanceof YScalar value)) continue;
            lenientReading(doc, s, pointer, value).ifPresent(r -> {
                if (lenient.putIfAbsent(pointer, r.canonical()) == null) {
                    diagnostics.report(Code.LENIENT_VALUE, doc.locate(pointer), pointer, r.message(), r.hint());
                }
            });
        }
        Document read = doc;
        if (!lenient.isEmpty()) {
            read = doc.withRoot(YamlEdits.replace(doc.root(), lenient));
            selected = errors(doc.kind(), read.root());
        }

        // Every other problem is reported, and the value it concerns is dropped, so that the rest of the document can
        // still be checked (and, for defaults, still be inherited) without knock-on errors.
        Set<String> seen = new HashSet<>();
        Set<String> dropped = new LinkedHashSet<>(aliases(read.root(), ""));
        boolean usable = true;
        for (Combinators.Selected<Error> s : selected) {
            Problem p = explain(read, s);
            if (p == null || !seen.add(p.code() + " " + p.pointer())) continue;
            diagnostics.report(p.code(), p.at(), p.pointer(), p.message(), p.hint());
            if (p.code().severity() == io.flinkops.diag.Severity.ERROR) usable &= drop(s, dropped);
        }
        if (dropped.isEmpty()) return new SchemaOutcome(SchemaOutcome.Verdict.VALID, read.root(), Set.of());
        if (!usable) return new SchemaOutcome(SchemaOutcome.Verdict.INVALID, read.root(), Set.copyOf(dropped));
        // What is left must pass the schema on its own; dropping a value can leave, say, a list shorter than allowed,
        // and then that goes too. A few rounds settle it, or the document is not usable.
        YMap rest = YamlEdits.remove(read.root(), dropped);
        for (int round = 0; round < 4; round++) {
            List<Combinators.Selected<Error>> left = errors(doc.kind(), rest);
            left.removeIf(s -> tolerated(s) || underSystemOwned(doc.kind(), pointer(s.error().getInstanceLocation())));
            if (left.isEmpty()) return new SchemaOutcome(SchemaOutcome.Verdict.REPAIRED, rest, Set.copyOf(dropped));
            Set<String> more = new LinkedHashSet<>();
            for (Combinators.Selected<Error> s : left) {
                if (!drop(s, more)) return new SchemaOutcome(SchemaOutcome.Verdict.INVALID, read.root(), Set.copyOf(dropped));
            }
            dropped.addAll(more);
            rest = YamlEdits.remove(rest, more);
        }
        return new SchemaOutcome(SchemaOutcome.Verdict.INVALID, read.root(), Set.copyOf(dropped));
    }

    /** The validator's errors on {@code root}, the branches of combinators already chosen (see {@link Combinators}). */
    private List<Combinators.Selected<Error>> errors(Kind kind, YMap root) {
        JsonNode json = YamlJson.toJson(root);
        // English whatever the JVM's locale: a validator message can end up in a fallback diagnostic.
        List<Error> errors = schema(kind).validate(json, ctx -> ctx.executionConfig(c -> c.locale(Locale.ENGLISH)));
        List<Combinators.Item<Error>> items = new ArrayList<>();
        for (Error e : errors) {
            String k = e.getKeyword();
            if (k == null || Set.of("allOf", "if", "then", "else", "$ref").contains(k)) continue;
            items.add(new Combinators.Item<>(e, k, pointer(e.getInstanceLocation()), elements(e.getEvaluationPath())));
        }
        return new ArrayList<>(Combinators.select(items));
    }

    private Optional<LenientReading.Reading> lenientReading(Document doc, Combinators.Selected<Error> s, String pointer, YScalar value) {
        String field = describe(doc, pointer);
        String key = isIndex(lastToken(pointer)) ? "" : lastKey(pointer);
        Error e = s.error();
        if (!s.typeErrors().isEmpty()) {
            List<String> expected = new ArrayList<>();
            for (Error t : s.typeErrors()) expected.addAll(types(t.getSchemaNode()));
            return LenientReading.ofType(field, key, value, expected);
        }
        return switch (e.getKeyword()) {
            case "type" -> LenientReading.ofType(field, key, value, types(e.getSchemaNode()));
            case "enum", "const" -> LenientReading.ofEnum(field, key, value, allowedValues(e.getSchemaNode(), e.getKeyword()));
            default -> Optional.empty();
        };
    }

    /**
     * Fields that must never be dropped: without them the document is not a document of its kind (and its name,
     * which everything else refers to, is unknown).
     */
    private static final Set<String> STRUCTURAL = Set.of("", "/kind", "/metadata", "/metadata/name", "/spec");

    /** Adds the pointer of the value that error {@code s} condemns to {@code into}; false if that value is structural. */
    private static boolean drop(Combinators.Selected<Error> s, Set<String> into) {
        if (tolerated(s)) return true;
        Error e = s.error();
        String pointer = pointer(e.getInstanceLocation());
        String target = switch (e.getKeyword()) {
            // The object that lacks a required field goes (the field itself is not there to drop).
            case "required" -> pointer;
            case "additionalProperties", "unevaluatedProperties", "propertyNames" ->
                    e.getProperty() == null ? pointer : JsonPointers.append(pointer, e.getProperty());
            default -> pointer;
        };
        if (STRUCTURAL.contains(target)) return false;
        into.add(target);
        return true;
    }

    /** A missing {@code apiVersion} is reported, but nothing reads it, so the document stays usable. */
    private static boolean tolerated(Combinators.Selected<Error> s) {
        Error e = s.error();
        return "required".equals(e.getKeyword()) && pointer(e.getInstanceLocation()).isEmpty() && "apiVersion".equals(e.getProperty());
    }

    /** Pointers of aliases, which the reader reported (FO003) and read as absent values. */
    private static List<String> aliases(YNode node, String pointer) {
        List<String> out = new ArrayList<>();
        if (node instanceof YScalar s && s.isAliasPlaceholder()) out.add(pointer);
        else if (node instanceof YMap m) m.entries().forEach((k, e) -> out.addAll(aliases(e.value(), JsonPointers.append(pointer, k))));
        else if (node instanceof YSeq seq) for (int i = 0; i < seq.items().size(); i++) out.addAll(aliases(seq.items().get(i), JsonPointers.append(pointer, i)));
        return out;
    }

    private void reportSystemOwnedFields(Document doc, Diagnostics diagnostics) {
        for (String pointer : systemOwned(doc.kind())) {
            YNode node = doc.root().at(pointer);
            if (node != null && !node.isNull()) {
                diagnostics.report(Code.SYSTEM_OWNED_FIELD, doc.locateKey(pointer), pointer,
                        "`" + pointer.substring(1).replace('/', '.') + "` is owned by VVP, so flinkops ignores it.",
                        "Remove it when you next edit this file; it is accepted so that a resource exported from VVP validates unchanged.");
            }
        }
    }

    private static List<String> systemOwned(Kind kind) {
        return kind == Kind.SAVEPOINT ? SAVEPOINT_SYSTEM_OWNED : SYSTEM_OWNED;
    }

    private static boolean underSystemOwned(Kind kind, String pointer) {
        for (String s : systemOwned(kind)) {
            if (pointer.equals(s) || pointer.startsWith(s + "/")) return true;
        }
        return false;
    }

    /** The diagnostic for one validator error, or null when it is not worth reporting. */
    private Problem explain(Document doc, Combinators.Selected<Error> selected) {
        Error e = selected.error();
        String pointer = pointer(e.getInstanceLocation());
        String keyword = e.getKeyword();
        YNode node = doc.root().at(pointer);
        if (underSystemOwned(doc.kind(), pointer)) return null; // ignored anyway, and already reported (FO106)
        if (!selected.typeErrors().isEmpty()) {
            List<String> expected = new ArrayList<>();
            for (Error t : selected.typeErrors()) expected.addAll(types(t.getSchemaNode()));
            return wrongType(doc, pointer, node, expected);
        }
        return switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" -> unknownField(doc, e, pointer);
            case "required" -> {
                String property = e.getProperty();
                String at = JsonPointers.append(pointer, property);
                if (underSystemOwned(doc.kind(), at)) yield null;
                if (doc.root().at(at) instanceof YScalar s && s.isAliasPlaceholder()) yield null; // reported as FO003
                yield new Problem(Code.MISSING_FIELD, doc.locate(pointer), at,
                        (pointer.isEmpty() ? "The " + doc.kind().kindName() : describe(doc, pointer)) + " is missing the required field `" + property + "`.",
                        "Add `" + property + ":" + (property.equals("apiVersion") ? " v1" : "") + "`" + (pointer.isEmpty() ? "" : isIndex(lastToken(pointer)) ? " to this list item" : " under `" + lastKey(pointer) + ":`") + ".");
            }
            case "type" -> wrongType(doc, pointer, node, types(e.getSchemaNode()));
            case "enum", "const" -> notAllowed(doc, e, pointer, node);
            case "propertyNames" -> badKey(doc, e, pointer);
            case "not" -> notSchema(doc, e, pointer);
            default -> constraint(doc, e, pointer, node);
        };
    }

    private Problem unknownField(Document doc, Error e, String pointer) {
        String property = e.getProperty();
        String at = JsonPointers.append(pointer, property);
        if (underSystemOwned(doc.kind(), at)) return null;
        Location loc = doc.locateKey(at);
        String where = pointer.isEmpty() ? "the " + doc.kind().kindName() : describe(doc, pointer);
        // A field of another variant, e.g. pythonArtifactUri on an artifact of kind JAR.
        SchemaIndex.Discriminated d = index.discriminated(e.getSchemaLocation());
        if (d != null && doc.root().at(JsonPointers.append(pointer, d.field())) instanceof YScalar value) {
            List<String> owners = new ArrayList<>();
            d.fieldsByValue().forEach((v, fields) -> {
                if (fields.contains(property)) owners.add(v);
            });
            if (!owners.isEmpty()) {
                String things = lastKey(pointer).isEmpty() ? "objects" : lastKey(pointer) + "s";
                return new Problem(Code.UNKNOWN_FIELD, loc, at,
                        "`" + property + "` is a field of " + String.join(" and ", owners) + " " + things + ", but this one has `"
                                + d.field() + ": " + value.text() + "`.",
                        "Remove `" + property + "`, or change `" + d.field() + "` to " + String.join(" or ", owners) + ".");
            }
        }
        Set<String> known = index.properties(index.parentOf(e.getSchemaLocation()));
        String suggestion = Suggestions.didYouMean(property, known);
        String hint;
        if (!suggestion.isEmpty()) {
            hint = suggestion;
        } else {
            String elsewhere = elsewhere(doc, property, dotted(pointer));
            if (!elsewhere.isEmpty()) hint = elsewhere;
            else if (known.isEmpty()) hint = "Remove it.";
            else hint = "Remove it; the fields allowed here are " + String.join(", ", known) + ".";
        }
        return new Problem(Code.UNKNOWN_FIELD, loc, at, "Unknown field `" + property + "` in " + where + ".", hint);
    }

    /** "`parallelism` belongs under `spec.template.spec`." when the field exists elsewhere in the kind's schema. */
    private String elsewhere(Document doc, String property, String here) {
        Map<String, Set<String>> places = index.fieldPlaces(ID_PREFIX + doc.kind().schemaFile());
        Set<String> exact = places.get(property);
        String name = property;
        if (exact == null) {
            var close = Suggestions.closest(property, places.keySet());
            if (close.isEmpty()) return "";
            name = close.get();
            exact = places.get(name);
        }
        List<String> where = new ArrayList<>();
        for (String p : exact) {
            if (!p.equals(here) && !p.contains("*")) where.add(p.isEmpty() ? "the top level" : "`" + p.replace("[]", "[…]") + "`");
        }
        if (where.isEmpty() || where.size() > 2) return "";
        return (name.equals(property) ? "`" + name + "` belongs under " : "Did you mean `" + name + "`, which belongs under ")
                + String.join(" or ", where) + (name.equals(property) ? "; move it there." : "?");
    }

    private Problem wrongType(Document doc, String pointer, YNode node, List<String> expected) {
        String field = lastKey(pointer);
        List<String> words = expected.stream().map(SchemaValidator::typeWord).distinct().toList();
        String want = words.equals(List.of("a boolean")) ? "a boolean (true or false)" : joinOr(words);
        String hint;
        if (node instanceof YScalar s && expected.contains("string") && !s.isString()) {
            // Reached only when the lenient reading does not apply: the value would change on the way (1.20 → 1.2).
            String read = LenientReading.jacksonText(s);
            hint = "Quote the value: `" + assignment(field, "\"" + s.text() + "\"") + "` (unquoted, YAML reads it as "
                    + (read != null && !read.equals(s.text()) ? typeName(s).replaceFirst("^an? ", "the ") + " " + read + ", and so would VVP" : typeName(s)) + ").";
        } else if (node instanceof YScalar s && s.isString() && (expected.contains("integer") || expected.contains("number")) && isNumber(s.text())) {
            hint = "Remove the quotes: `" + assignment(field, s.text()) + "`.";
        } else if (node instanceof YScalar s && (s.type() == YScalar.Type.FLOAT || s.type() == YScalar.Type.INT) && !isNumber(s.text().replace("_", ""))) {
            // .inf, .nan, 0x1F…: YAML numbers that JSON cannot hold, or forms the schema does not expect.
            return new Problem(Code.WRONG_TYPE, doc.locate(pointer), pointer,
                    describe(doc, pointer) + " must be " + want + ", not `" + s.text() + "`.", "Write a plain decimal number.");
        } else if (node instanceof YScalar s && expected.equals(List.of("integer")) && s.type() == YScalar.Type.FLOAT) {
            return new Problem(Code.WRONG_TYPE, doc.locate(pointer), pointer,
                    describe(doc, pointer) + " must be a whole number, not `" + s.text() + "`.", "Round it to a whole number.");
        } else if (node instanceof YScalar s && s.isString() && expected.contains("boolean")
                && Set.of("true", "false").contains(s.text().toLowerCase(Locale.ROOT))) {
            hint = "Remove the quotes: `" + assignment(field, s.text().toLowerCase(Locale.ROOT)) + "`.";
        } else if (expected.size() == 1 && expected.get(0).equals("object")) {
            hint = node instanceof YSeq
                    ? "Remove the `- ` markers: `" + field + "` takes `key: value` pairs, not a list."
                    : "Write `key: value` pairs, indented under `" + field + ":`.";
        } else if (expected.size() == 1 && expected.get(0).equals("array")) {
            hint = "Write a list: one `- item` per line under `" + field + ":`, or `[a, b]`.";
        } else if (expected.contains("string") && !expected.contains("object") && !expected.contains("array")) {
            hint = "Write the value as one string" + (pointer.contains("/flinkConfiguration/") ? " (Flink separates list items with `;`)" : "") + ".";
        } else {
            hint = "Write " + want + " here.";
        }
        return new Problem(Code.WRONG_TYPE, doc.locate(pointer), pointer,
                describe(doc, pointer) + " must be " + want + ", not " + actualType(node) + ".", hint);
    }

    private Problem notAllowed(Document doc, Error e, String pointer, YNode node) {
        List<String> allowed = allowedValues(e.getSchemaNode(), e.getKeyword());
        String field = lastKey(pointer);
        if (!(node instanceof YScalar s)) {
            return new Problem(Code.WRONG_TYPE, doc.locate(pointer), pointer,
                    describe(doc, pointer) + " must be " + joinOr(allowed.stream().map(v -> "`" + v + "`").toList()) + ", not " + actualType(node) + ".",
                    "Write one of the allowed values as a plain value.");
        }
        if (!s.isString() && allowed.contains(s.text())) {
            // version: 1.10 — the right text, but YAML made it a number.
            return new Problem(Code.WRONG_TYPE, doc.locate(pointer), pointer,
                    describe(doc, pointer) + " must be the string \"" + s.text() + "\", not " + typeName(s) + ".",
                    "Quote the value: `" + assignment(field, "\"" + s.text() + "\"") + "` (unquoted, YAML reads it as " + typeName(s) + ").");
        }
        if (e.getKeyword().equals("const")) {
            return new Problem(Code.VALUE_NOT_ALLOWED, doc.locate(pointer), pointer,
                    describe(doc, pointer) + " must be `" + allowed.get(0) + "`, not `" + s.text() + "`.",
                    "Write `" + assignment(field, allowed.get(0)) + "`.");
        }
        String suggestion = Suggestions.didYouMean(s.text(), allowed);
        return new Problem(Code.VALUE_NOT_ALLOWED, doc.locate(pointer), pointer,
                "`" + s.text() + "` is not a valid value for " + describe(doc, pointer) + ".",
                (suggestion.isEmpty() ? "" : suggestion + " ") + "Allowed: " + String.join(", ", allowed) + ".");
    }

    /** propertyNames: a key of a free-form mapping does not meet the rule for keys. */
    private Problem badKey(Document doc, Error e, String pointer) {
        String key = e.getProperty() == null ? "" : e.getProperty();
        String at = JsonPointers.append(pointer, key);
        JsonNode rule = e.getSchemaNode();
        Location loc = doc.locateKey(at);
        if (key.isEmpty()) {
            return new Problem(Code.CONSTRAINT_VIOLATED, loc, at, describe(doc, pointer) + " has an empty key.",
                    "Write the key's name, or remove the entry.");
        }
        String pattern = rule == null ? null : rule.path("pattern").asText(null);
        String words = pattern == null ? null : PATTERN_WORDS.getOrDefault(pattern, "keys matching `" + pattern + "`");
        return new Problem(Code.CONSTRAINT_VIOLATED, loc, at,
                "`" + key + "` is not a valid key in " + describe(doc, pointer) + (words == null ? "." : "; keys here must be " + words + "."),
                "Rename the key.");
    }

    /** not: with {@code required: [a, b]} it means "not both"; anything else gets a generic message. */
    private Problem notSchema(Document doc, Error e, String pointer) {
        JsonNode rule = e.getSchemaNode();
        JsonNode required = rule == null ? null : rule.get("required");
        if (required != null && required.isArray() && required.size() >= 2 && rule.size() == 1) {
            List<String> fields = new ArrayList<>();
            required.forEach(n -> fields.add("`" + n.asText() + "`"));
            return new Problem(Code.CONSTRAINT_VIOLATED, doc.locate(pointer), pointer,
                    describe(doc, pointer) + " sets both " + String.join(" and ", fields) + ", which exclude each other.",
                    "Keep only one of them.");
        }
        return new Problem(Code.CONSTRAINT_VIOLATED, doc.locate(pointer), pointer,
                describe(doc, pointer) + " has a form that is not allowed here.",
                "See docs/config-reference.md for what this field accepts.");
    }

    private Problem constraint(Document doc, Error e, String pointer, YNode node) {
        JsonNode limit = e.getSchemaNode();
        String n = limit == null ? "" : limit.asText();
        String name = describe(doc, pointer);
        String value = node instanceof YScalar s ? s.text() : "";
        Location at = doc.locate(pointer);
        return switch (e.getKeyword()) {
            case "minimum" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer,
                    name + " is " + value + ", but it must be at least " + n + ".", "Set it to " + n + " or more.");
            case "maximum" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer,
                    name + " is " + value + ", but it must be at most " + n + ".", "Set it to " + n + " or less.");
            case "exclusiveMinimum" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer,
                    name + " is " + value + ", but it must be more than " + n + ".", "Set it to more than " + n + ".");
            case "exclusiveMaximum" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer,
                    name + " is " + value + ", but it must be less than " + n + ".", "Set it to less than " + n + ".");
            case "minLength" -> value.isEmpty()
                    ? new Problem(Code.CONSTRAINT_VIOLATED, at, pointer, name + " is empty.", "Give it a value, or remove the field.")
                    : new Problem(Code.CONSTRAINT_VIOLATED, at, pointer,
                    name + " is " + value.codePointCount(0, value.length()) + " characters long, but it must be at least " + n + ".", "Lengthen the value.");
            case "maxLength" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer,
                    name + " is " + value.codePointCount(0, value.length()) + " characters long, more than the maximum of " + n + ".", "Shorten it to " + n + " characters or fewer.");
            case "minItems" -> node instanceof YSeq seq && seq.items().isEmpty()
                    ? new Problem(Code.CONSTRAINT_VIOLATED, at, pointer, name + " is an empty list.", "Add at least " + n + " item" + ("1".equals(n) ? "" : "s") + ", or remove the field.")
                    : new Problem(Code.CONSTRAINT_VIOLATED, at, pointer, name + " has fewer than " + n + " items.", "Add items until there are at least " + n + ".");
            case "maxItems" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer, name + " has more than " + n + " items.", "Remove items until there are at most " + n + ".");
            case "uniqueItems" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer, name + " lists the same item more than once.", "Remove the duplicates.");
            case "pattern" -> {
                String words = PATTERN_WORDS.get(n);
                String fixed = fixFor(n, value);
                yield new Problem(Code.CONSTRAINT_VIOLATED, at, pointer,
                        "`" + value + "` is not a valid value for " + name + (words == null ? "; it must match the pattern `" + n + "`." : "; it must be " + words + "."),
                        fixed != null ? "Did you mean `" + fixed + "`?" : "Change the value to match.");
            }
            case "minProperties" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer, name + " must have at least " + n + " entries.", "Add entries, or remove the field.");
            case "maxProperties" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer, name + " has more than " + n + " entries.", "Remove entries.");
            case "oneOf" -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer, name + " matches more than one of the forms allowed here.",
                    "See docs/config-reference.md for what this field accepts.");
            default -> new Problem(Code.CONSTRAINT_VIOLATED, at, pointer,
                    name + " is not valid: " + stripLocation(e.getMessage()) + ".",
                    "See docs/config-reference.md for what this field accepts.");
        };
    }

    /** A corrected value for the patterns the schemas use, when an obvious one exists. */
    private static String fixFor(String pattern, String value) {
        String fixed = switch (pattern) {
            case "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" -> value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
            case "^[0-9A-Za-z_-]+$" -> value.replaceAll("[^0-9A-Za-z_-]+", "-").replaceAll("^-+|-+$", "");
            case "^(user:.+|group:.+|system:authenticated)$" -> value.contains("@") && !value.contains(":") ? "user:" + value : null;
            case "^[a-z][a-z0-9+.-]*$" -> value.toLowerCase(Locale.ROOT).replaceAll(":.*$", "");
            default -> null;
        };
        return fixed == null || fixed.isEmpty() || fixed.equals(value) || !fixed.matches(pattern.substring(1, pattern.length() - 1)) ? null : fixed;
    }

    private static List<String> elements(NodePath path) {
        List<String> out = new ArrayList<>();
        if (path == null) return out;
        for (int i = 0; i < path.getNameCount(); i++) out.add(String.valueOf(path.getElement(i)));
        return out;
    }

    private static String pointer(NodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object el = path.getElement(i);
            sb.append('/').append(el instanceof Integer n ? n.toString() : JsonPointers.escape(String.valueOf(el)));
        }
        return sb.toString();
    }

    /** The field at {@code pointer} as a reader would write it: {@code spec.template.spec.kubernetes.pods.envVars[0].value}. */
    static String dotted(YNode root, String pointer) {
        StringBuilder sb = new StringBuilder();
        YNode cur = root;
        for (String t : JsonPointers.tokens(pointer)) {
            if (cur instanceof YSeq s) {
                sb.append('[').append(t).append(']');
                int i = Integer.parseInt(t);
                cur = i < s.items().size() ? s.items().get(i) : null;
            } else {
                if (PLAIN_KEY.matcher(t).matches()) {
                    if (!sb.isEmpty()) sb.append('.');
                    sb.append(t);
                } else {
                    sb.append("[\"").append(t.replace("\"", "\\\"")).append("\"]");
                }
                cur = cur instanceof YMap m ? m.get(t) : null;
            }
        }
        return sb.toString();
    }

    private static String dotted(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String t : JsonPointers.tokens(pointer)) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append(t);
        }
        return sb.toString().replaceAll("\\.(\\d+)(?=\\.|$)", "[]");
    }

    private static String describe(Document doc, String pointer) {
        return pointer.isEmpty() ? "the " + doc.kind().kindName() : "`" + dotted(doc.root(), pointer) + "`";
    }

    /** The last mapping key on the pointer ("" at the top). */
    private static String lastKey(String pointer) {
        List<String> tokens = JsonPointers.tokens(pointer);
        for (int i = tokens.size() - 1; i >= 0; i--) {
            if (!isIndex(tokens.get(i))) return tokens.get(i);
        }
        return "";
    }

    private static String lastToken(String pointer) {
        List<String> tokens = JsonPointers.tokens(pointer);
        return tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
    }

    private static boolean isIndex(String token) {
        return !token.isEmpty() && token.chars().allMatch(Character::isDigit);
    }

    /** {@code key: value} for a hint, or just the value for an item of a list. */
    private static String assignment(String key, String value) {
        return key.isEmpty() ? value : key + ": " + value;
    }

    private static List<String> types(JsonNode schemaNode) {
        List<String> out = new ArrayList<>();
        if (schemaNode == null) return out;
        if (schemaNode.isArray()) schemaNode.forEach(n -> out.add(n.asText()));
        else out.add(schemaNode.asText());
        return out;
    }

    private static String typeWord(String jsonType) {
        return switch (jsonType) {
            case "object" -> "a mapping";
            case "array" -> "a list";
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "a boolean";
            case "null" -> "empty";
            default -> "a " + jsonType;
        };
    }

    private static String joinOr(List<String> words) {
        if (words.isEmpty()) return "something else";
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String actualType(YNode node) {
        if (node instanceof YScalar s) return typeName(s);
        if (node instanceof YMap) return "a mapping";
        if (node instanceof YSeq) return "a list";
        return "nothing";
    }

    private static String typeName(YScalar s) {
        return switch (s.type()) {
            case STRING -> "a string";
            case INT -> "an integer";
            case FLOAT -> "a number";
            case BOOL -> "a boolean";
            case NULL -> "empty";
        };
    }

    private static List<String> allowedValues(JsonNode schemaNode, String keyword) {
        List<String> out = new ArrayList<>();
        if (schemaNode == null) return out;
        if (schemaNode.isArray()) schemaNode.forEach(n -> out.add(n.asText()));
        else out.add(schemaNode.asText());
        return List.copyOf(new LinkedHashSet<>(out));
    }

    private static String stripLocation(String message) {
        if (message == null) return "it does not meet the schema";
        int colon = message.indexOf(": ");
        String m = colon >= 0 && (message.startsWith("/") || message.startsWith("$")) ? message.substring(colon + 2) : message;
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }
}
