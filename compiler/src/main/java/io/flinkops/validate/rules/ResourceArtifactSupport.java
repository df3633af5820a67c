package io.flinkops.validate.rules;

import io.flinkops.resolve.Resolved;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;

import java.util.List;
import java.util.stream.Collectors;

/** Message helpers shared by the FO5xx/FO6xx rules (ResourceRules, FlinkVersionRules, ImageRules, ArtifactRules). */
final class ResourceArtifactSupport {
    private ResourceArtifactSupport() {
    }

    /** The raw text of the scalar at {@code pointer} in the effective tree ({@code 0.05} as written), or the fallback. */
    static String text(Resolved<?> resource, String pointer, Object fallback) {
        YNode n = resource.at(pointer);
        return n instanceof YScalar s ? s.text() : String.valueOf(fallback);
    }

    /** "a, b, c" */
    static String list(List<String> items) {
        return items.stream().collect(Collectors.joining(", "));
    }

    /** "1 TaskManager", "2 TaskManagers". */
    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
