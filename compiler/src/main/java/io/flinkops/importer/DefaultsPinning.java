package io.flinkops.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Keeps the defaults of an existing config repo from changing what an imported manifest runs. A Deployment imported
 * into a repo with global or namespace defaults inherits every setting it does not write itself (a TaskManager
 * count, checkpoint settings, a logging profile), and the operator would get more than the manifest said. For each
 * inherited value the Deployment gets an explicit {@code null}, VVP's and flinkops' way of removing an inherited
 * value, at the highest level where the manifest has nothing: its effective spec is then what the manifest says.
 */
final class DefaultsPinning {
    private DefaultsPinning() {
    }

    /**
     * Writes {@code null} into {@code spec} (a Deployment's own spec) for every value {@code effective} (its effective
     * spec) has and it has not; returns the paths pinned ({@code template.spec.numberOfTaskManagers}).
     */
    static List<String> pin(ObjectNode spec, JsonNode effective) {
        List<String> out = new ArrayList<>();
        pin(spec, effective, "", out);
        return out;
    }

    private static void pin(ObjectNode own, JsonNode effective, String path, List<String> out) {
        if (effective == null || !effective.isObject()) return;
        for (Iterator<String> it = effective.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String child = path.isEmpty() ? key : path.endsWith("flinkConfiguration") || path.endsWith("labels") || path.endsWith("annotations")
                    ? Json.key(path, key) : path + "." + key;
            JsonNode mine = own.get(key);
            if (mine == null) {
                own.putNull(key);
                out.add(child);
            } else if (mine.isObject() && effective.get(key).isObject()) {
                pin((ObjectNode) mine, effective.get(key), child, out);
            }
        }
    }
}
