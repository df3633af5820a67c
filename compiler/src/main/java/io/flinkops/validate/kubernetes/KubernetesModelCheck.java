package io.flinkops.validate.kubernetes;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.FieldPath;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YamlJson;

import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict validation of a Kubernetes object written in YAML against fabric8's model classes.
 *
 * <p>Deserializing with {@code FAIL_ON_UNKNOWN_PROPERTIES} is not enough: every fabric8 model class has an
 * {@code additionalProperties} map ({@code @JsonAnySetter}) that silently swallows unknown fields, and
 * Jackson coerces {@code "8080"} into an int and {@code 1.10} into the string "1.1". So the input tree is
 * walked against the classes' own Jackson properties: an unknown field is reported at its key with the
 * closest known field, a value of the wrong YAML type at the value, and quantities must parse. Leaves with a
 * deserializer of their own are read with it.
 *
 * <p>The walk introspects only the classes the written object reaches, one at a time: building Jackson's deserializer
 * for a whole {@code PodTemplateSpec} resolves hundreds of model classes, which cost more than the rest of a small
 * repo's validation on a cold JVM (docs/performance.md).
 */
public final class KubernetesModelCheck {

    /** A problem at {@code pointer} (relative to the checked object; {@code atKey}: report at the key). */
    public record Problem(FieldPath pointer, boolean atKey, String message, String hint) {
    }

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    /** A model class's deserializable properties by JSON name; empty for a leaf (a value with its own deserializer). */
    private static final Map<JavaType, Optional<Map<String, JavaType>>> BEANS = new ConcurrentHashMap<>();

    /** Kubernetes' quantity syntax (k8s.io/apimachinery resource.Quantity). */
    private static final Pattern QUANTITY = Pattern.compile(
            "[+-]?(\\d+(\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");
    private static final Pattern BYTE_UNIT_TYPO = Pattern.compile("(\\d+(\\.\\d+)?)\\s*([kKmMgGtTpPeE])(i?[bB]|i)?");

    private final List<Problem> problems = new ArrayList<>();
    private final YNode source;
    private final String root;

    private KubernetesModelCheck(YNode source, String root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Checks the YAML {@code source} as a {@code type}.
     *
     * @param root how messages name the checked object, e.g. {@code jobManagerPodTemplate}
     */
    public static List<Problem> check(YNode source, Class<?> type, String root) {
        KubernetesModelCheck check = new KubernetesModelCheck(source, root);
        JsonNode node = YamlJson.toJson(source);
        check.walk(node, MAPPER.constructType(type), FieldPath.ROOT, root);
        return List.copyOf(check.problems);
    }

    /** The value as written in YAML (`1.10`, `yes`), which the JSON view may have normalized. */
    private String written(FieldPath pointer, JsonNode node) {
        return JsonPointers.find(source, pointer.tokens()) instanceof YScalar s ? s.text() : node.asText();
    }

    private void walk(JsonNode node, JavaType type, FieldPath pointer, String path) {
        Class<?> raw = type.getRawClass();
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) return;
        if (node == null || node.isNull()) {
            problems.add(new Problem(pointer, false, "`" + path + "` is empty.", "Give it a value or remove it."));
            return;
        }
        if (raw == Quantity.class) {
            quantity(node, pointer, path);
        } else if (raw == IntOrString.class) {
            if (!node.isTextual() && !node.isIntegralNumber()) wrongType(node, pointer, path, "an integer or a string");
        } else if (raw == String.class || raw.isEnum()) {
            if (!node.isTextual()) wrongType(node, pointer, path, "a string");
        } else if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) wrongType(node, pointer, path, "an integer");
        } else if (raw == Long.class || raw == long.class) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) wrongType(node, pointer, path, "an integer");
        } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class || raw == BigDecimal.class) {
            if (!node.isNumber()) wrongType(node, pointer, path, "a number");
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (!node.isBoolean()) wrongType(node, pointer, path, "a boolean (true or false)");
        } else if (type.isMapLikeType()) {
            if (!node.isObject()) {
                wrongType(node, pointer, path, "a mapping");
                return;
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(e.getValue(), type.getContentType(), pointer.child(e.getKey()), path + "." + e.getKey());
            }
        } else if (type.isCollectionLikeType() || type.isArrayType()) {
            if (!node.isArray()) {
                wrongType(node, pointer, path, "a list");
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), type.getContentType(), pointer.index(i), path + "[" + i + "]");
            }
        } else {
            Optional<Map<String, JavaType>> bean = bean(type);
            if (bean.isEmpty()) {
                deserializeLeaf(node, type, pointer, path);
                return;
            }
            if (!node.isObject()) {
                wrongType(node, pointer, path, "a mapping (Kubernetes " + raw.getSimpleName() + ")");
                return;
            }
            Map<String, JavaType> properties = bean.get();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                FieldPath child = pointer.child(e.getKey());
                JavaType property = properties.get(e.getKey());
                if (property == null) {
                    unknownField(raw, properties.keySet(), e.getKey(), child, path, pointer.isRoot());
                } else {
                    walk(e.getValue(), property, child, path + "." + e.getKey());
                }
            }
        }
    }

    private void unknownField(Class<?> raw, Set<String> known, String field, FieldPath pointer, String path, boolean top) {
        String hint = Suggestions.didYouMean(field, known);
        if (raw == PodTemplateSpec.class && top && Set.of("apiVersion", "kind", "status").contains(field)) {
            hint = "A pod template is a Kubernetes PodTemplateSpec (`metadata` and `spec`), not a Pod; remove `" + field + "`.";
        } else if (raw == PodSecurityContext.class && hasProperty(SecurityContext.class, field)) {
            hint = "`" + field + "` is a container setting (Kubernetes SecurityContext), not a pod setting; set it on the container instead.";
        } else if (raw == SecurityContext.class && hasProperty(PodSecurityContext.class, field)) {
            hint = "`" + field + "` is a pod setting (Kubernetes PodSecurityContext); set it in the pod's `spec.securityContext`.";
        } else if (hint.isEmpty()) {
            hint = known.size() <= 12
                    ? "Remove it; known fields here: " + String.join(", ", known) + "."
                    : "Remove it, or check the spelling against the Kubernetes " + raw.getSimpleName() + " reference.";
        }
        problems.add(new Problem(pointer, true, "Unknown field `" + field + "` in `" + path + "` (a Kubernetes " + raw.getSimpleName() + ").", hint));
    }

    private static boolean hasProperty(Class<?> type, String field) {
        return bean(MAPPER.constructType(type)).map(b -> b.containsKey(field)).orElse(false);
    }

    private void quantity(JsonNode node, FieldPath pointer, String path) {
        if (node.isNumber()) {
            if (node.decimalValue().signum() < 0) negative(pointer, path, node.asText());
            return;
        }
        if (!node.isTextual()) {
            wrongType(node, pointer, path, "a quantity such as `2Gi` or `500m`");
            return;
        }
        String text = node.asText();
        if (!QUANTITY.matcher(text).matches()) {
            String hint = "Write a number with an optional suffix: Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024), n, u, m, k, M, G, T, P, E (powers of 1000), e.g. `2Gi` or `500m`.";
            Matcher typo = BYTE_UNIT_TYPO.matcher(text.strip());
            if (typo.matches()) {
                hint = "Did you mean `" + typo.group(1) + Character.toUpperCase(typo.group(3).charAt(0)) + "i`? " + hint;
            }
            problems.add(new Problem(pointer, false, "`" + path + "` is not a Kubernetes quantity: `" + text + "`.", hint));
        } else if (text.startsWith("-")) {
            negative(pointer, path, text);
        }
    }

    private void negative(FieldPath pointer, String path, String text) {
        problems.add(new Problem(pointer, false, "`" + path + "` is negative (`" + text + "`).", "Kubernetes accepts only quantities of 0 or more here."));
    }

    private void wrongType(JsonNode node, FieldPath pointer, String path, String expected) {
        String hint;
        if (expected.equals("a string") && node.isValueNode()) {
            hint = "Quote the value: `\"" + written(pointer, node) + "\"` (unquoted, YAML reads it as " + describe(node) + ").";
        } else if (node.isTextual() && (expected.startsWith("an integer") || expected.equals("a number")) && node.asText().matches("[+-]?\\d+(\\.\\d+)?")) {
            hint = "Write `" + node.asText() + "` without quotes.";
        } else if (node.isTextual() && expected.startsWith("a boolean") && node.asText().matches("(?i)true|false")) {
            hint = "Write `" + node.asText().toLowerCase(java.util.Locale.ROOT) + "` without quotes.";
        } else {
            hint = "Write " + expected + " here.";
        }
        problems.add(new Problem(pointer, false, "`" + path + "` must be " + expected + ", not " + describe(node) + ".", hint));
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull()) return "null";
        if (node.isObject()) return "a mapping";
        if (node.isArray()) return "a list";
        if (node.isTextual()) return "a string";
        if (node.isIntegralNumber()) return "an integer";
        if (node.isNumber()) return "a number";
        if (node.isBoolean()) return "a boolean";
        return "a value";
    }

    private void deserializeLeaf(JsonNode node, JavaType type, FieldPath pointer, String path) {
        try {
            MAPPER.readerFor(type).readValue(node);
        } catch (Exception e) {
            problems.add(new Problem(pointer, false, "`" + path + "` is not a valid Kubernetes " + type.getRawClass().getSimpleName() + ".",
                    firstLine(e.getMessage())));
        }
    }

    private static String firstLine(String message) {
        if (message == null) return "";
        String line = message.lines().findFirst().orElse("").strip();
        return line.endsWith(".") ? line : line + ".";
    }

    /**
     * The properties Jackson would set on {@code type}, from its annotations and accessors alone; empty for a type
     * read by a deserializer of its own (a quantity, a time), for an abstract type and for a JDK type.
     */
    static Optional<Map<String, JavaType>> bean(JavaType type) {
        return BEANS.computeIfAbsent(type, t -> {
            Class<?> raw = t.getRawClass();
            if (raw == IntOrString.class || raw.isPrimitive() || raw.getName().startsWith("java.")
                    || Modifier.isAbstract(raw.getModifiers())) {
                return Optional.empty();
            }
            DeserializationConfig config = MAPPER.getDeserializationConfig();
            BeanDescription description = config.introspect(t);
            if (config.getAnnotationIntrospector().findDeserializer(description.getClassInfo()) != null) return Optional.empty();
            Map<String, JavaType> properties = new TreeMap<>();
            for (BeanPropertyDefinition p : description.findProperties()) {
                if (p.couldDeserialize()) properties.put(p.getName(), p.getPrimaryType());
            }
            return Optional.of(Collections.unmodifiableMap(properties));
        });
    }
}
