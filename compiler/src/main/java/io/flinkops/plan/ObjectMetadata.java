package io.flinkops.plan;

import io.flinkops.model.FieldPath;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The user's labels and annotations of an emitted object: {@code kubernetes.labels}, and the annotations of
 * {@code template.metadata.annotations} overridden by {@code kubernetes.annotations}. Keys in flinkops' own namespace
 * ({@code flinkops.io/…}, {@code app.kubernetes.io/managed-by}) are left out, so no object can claim to be something
 * it is not; so are keys and values Kubernetes would refuse (FO927 reports them).
 *
 * @param labels      the valid labels
 * @param annotations the valid annotations
 * @param sources     where they are written, for the rule that reports invalid ones
 */
public record ObjectMetadata(SortedMap<String, String> labels, SortedMap<String, String> annotations, List<Source> sources) {
    /** flinkops' own label and annotation prefix. */
    public static final String FLINKOPS_PREFIX = "flinkops.io/";
    /** The label that names the tool managing an object. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /**
     * A user-supplied map and where it is written.
     *
     * @param pointer where the map is in the resource
     * @param labels  true for labels, false for annotations
     */
    public record Source(Map<String, String> values, FieldPath pointer, boolean labels) {
        public Source {
            values = values == null ? Map.of() : values;
        }

        /** The pointer of one key of the map. */
        public FieldPath pointer(String key) {
            return pointer.child(key);
        }
    }

    /** @param annotations annotation sources, later ones overriding earlier ones */
    static ObjectMetadata of(Source labels, List<Source> annotations) {
        SortedMap<String, String> l = new TreeMap<>();
        labels.values().forEach((k, v) -> {
            if (k != null && v != null && !reserved(k) && keyProblem(k).isEmpty() && labelValueProblem(v).isEmpty()) l.put(k, v);
        });
        SortedMap<String, String> a = new TreeMap<>();
        for (Source s : annotations) {
            s.values().forEach((k, v) -> {
                if (k != null && v != null && !reserved(k) && keyProblem(k).isEmpty()) a.put(k, v);
            });
        }
        return new ObjectMetadata(readOnly(l), readOnly(a), Stream.concat(Stream.of(labels), annotations.stream()).toList());
    }

    private static SortedMap<String, String> readOnly(SortedMap<String, String> map) {
        return map.isEmpty() ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(map);
    }

    /** A key in flinkops' own namespace, which only flinkops sets. */
    public static boolean reserved(String key) {
        return key.startsWith(FLINKOPS_PREFIX) || key.equals(MANAGED_BY);
    }

    /** Why {@code key} is not a Kubernetes qualified name, if it is not. */
    public static Optional<String> keyProblem(String key) {
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

    /** Why {@code value} is not a Kubernetes label value, if it is not. */
    public static Optional<String> labelValueProblem(String value) {
        if (value.isEmpty()) return Optional.empty();
        if (value.length() > 63) return Optional.of("the value is longer than 63 characters");
        if (!NAME.matcher(value).matches()) {
            return Optional.of("the value `" + value + "` may contain only letters, digits, `-`, `_` and `.`, and must start and end with a letter or digit");
        }
        return Optional.empty();
    }
}
