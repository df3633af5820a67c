package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.render.Ownership;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which fields differ between two versions of an object, as JSON pointers ({@code /spec/job/parallelism}: the form
 * {@code --ignore-differences} takes, so a field reported as drift can be copied into it). Arrays are named as a
 * whole. At most {@value #MAX} fields are named, then "… and N more".
 */
final class FieldDiff {
    static final int MAX = 20;
    /** What changes with every write or belongs to the agent's own bookkeeping, not to what the object does. */
    private static final Set<String> NOISE = Set.of("/metadata/resourceVersion", "/metadata/generation", "/metadata/managedFields",
            "/metadata/creationTimestamp", "/metadata/uid", "/metadata/selfLink", "/status",
            "/metadata/annotations/" + escape(ContentHash.ANNOTATION), "/metadata/annotations/" + escape(Ownership.SOURCE_COMMIT));

    private FieldDiff() {
    }

    /**
     * The fields the agent sets ({@code desired}) whose live value differs, or that are missing live: the same test
     * as {@link Applier#contained}, naming what fails it. Fields only the live object has are no drift.
     */
    static List<String> drifted(JsonNode desired, JsonNode live) {
        List<String> out = new ArrayList<>();
        drifted("", desired, live, out);
        return capped(out);
    }

    private static void drifted(String at, JsonNode desired, JsonNode live, List<String> out) {
        if (desired.isObject() && live != null && live.isObject()) {
            for (var e : desired.properties()) drifted(at + "/" + escape(e.getKey()), e.getValue(), live.get(e.getKey()), out);
            return;
        }
        if (live == null || !Applier.contained(desired, live)) out.add(at.isEmpty() ? "/" : at);
    }

    /** Every field that differs between {@code before} and {@code after}, both ways, without the {@link #NOISE}. */
    static List<String> changed(JsonNode before, JsonNode after) {
        Set<String> out = new TreeSet<>();
        changed("", before, after, out);
        return capped(new ArrayList<>(out));
    }

    private static void changed(String at, JsonNode before, JsonNode after, Set<String> out) {
        if (NOISE.contains(at)) return;
        if (before != null && after != null && before.isObject() && after.isObject()) {
            Set<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) changed(at + "/" + escape(k), before.get(k), after.get(k), out);
            return;
        }
        boolean same = before == null ? after == null : after != null && (before.isNumber() && after.isNumber()
                ? before.decimalValue().compareTo(after.decimalValue()) == 0 : before.equals(after));
        if (!same) out.add(at.isEmpty() ? "/" : at);
    }

    private static List<String> capped(List<String> fields) {
        if (fields.size() <= MAX) return fields;
        List<String> out = new ArrayList<>(fields.subList(0, MAX));
        out.add("… and " + (fields.size() - MAX) + " more");
        return out;
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
