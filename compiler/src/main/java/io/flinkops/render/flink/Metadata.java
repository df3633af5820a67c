package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Code;
import io.flinkops.render.Ownership;
import io.flinkops.yaml.JsonPointers;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code metadata} of the emitted objects: the user's {@code kubernetes.labels} and annotations
 * ({@code template.metadata.annotations}, overridden by {@code kubernetes.annotations}), then flinkops' own
 * labels and annotations ({@link Ownership#stamp}), which always win. User keys in flinkops' own namespace
 * ({@code flinkops.io/…}, {@code app.kubernetes.io/managed-by}) are dropped, so no object can claim to be
 * something it is not.
 */
final class Metadata {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Metadata() {
    }

    /** A user-supplied map and where it is written (a JSON pointer to the map in the resource). */
    record Source(Map<String, String> values, String pointer) {
        static Source of(Map<String, String> values, String pointer) {
            return new Source(values == null ? Map.of() : values, pointer);
        }
    }

    static boolean reserved(String key) {
        return key.startsWith(Ownership.PREFIX) || key.equals(Ownership.MANAGED_BY);
    }

    /**
     * The metadata of an object: name, namespace, labels and annotations.
     *
     * @param annotations annotation sources, later ones overriding earlier ones
     */
    static ObjectNode build(MappingContext ctx, String name, Source labels, Source... annotations) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("name", name);
        metadata.put("namespace", ctx.kubernetesNamespace());
        SortedMap<String, String> l = new TreeMap<>();
        labels.values().forEach((k, v) -> {
            if (k == null || v == null || reserved(k)) return;
            String pointer = JsonPointers.append(labels.pointer(), k);
            String hint = "Use a Kubernetes label: a key like `team` or `acme.io/team`, and a value of at most 63 letters, digits, `-`, `_` or `.`.";
            Optional<String> keyProblem = keyProblem(k);
            if (keyProblem.isPresent()) {
                ctx.reportKey(Code.INVALID_LABEL_OR_ANNOTATION, pointer, "Label `" + k + "`: " + keyProblem.get() + ".", hint);
                return;
            }
            Optional<String> valueProblem = labelValueProblem(v);
            if (valueProblem.isPresent()) {
                ctx.report(Code.INVALID_LABEL_OR_ANNOTATION, pointer, "Label `" + k + "`: " + valueProblem.get() + ".", hint);
                return;
            }
            l.put(k, v);
        });
        SortedMap<String, String> a = new TreeMap<>();
        for (Source s : annotations) {
            s.values().forEach((k, v) -> {
                if (k == null || v == null || reserved(k)) return;
                Optional<String> problem = keyProblem(k);
                if (problem.isPresent()) {
                    ctx.reportKey(Code.INVALID_LABEL_OR_ANNOTATION, JsonPointers.append(s.pointer(), k),
                            "Annotation `" + k + "`: " + problem.get() + ".",
                            "Use a Kubernetes annotation key like `acme.io/owner`.");
                    return;
                }
                a.put(k, v);
            });
        }
        ObjectNode labelNode = metadata.putObject("labels");
        l.forEach(labelNode::put);
        ObjectNode annotationNode = metadata.putObject("annotations");
        a.forEach(annotationNode::put);
        return metadata;
    }

    /** Why {@code key} is not a Kubernetes qualified name, if it is not. */
    static Optional<String> keyProblem(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return Optional.of("the prefix `" + prefix + "` is not a lower-case DNS name");
            }
        }
        if (name.isEmpty()) return Optional.of("the name part is empty");
        if (name.length() > 63) return Optional.of("the name part is longer than 63 characters");
        if (!NAME.matcher(name).matches()) {
            return Optional.of("the name part may contain only letters, digits, `-`, `_` and `.`, and must start and end with a letter or digit");
        }
        return Optional.empty();
    }

    static Optional<String> labelValueProblem(String value) {
        if (value.isEmpty()) return Optional.empty();
        if (value.length() > 63) return Optional.of("the value is longer than 63 characters");
        if (!NAME.matcher(value).matches()) {
            return Optional.of("the value `" + value + "` may contain only letters, digits, `-`, `_` and `.`, and must start and end with a letter or digit");
        }
        return Optional.empty();
    }
}
