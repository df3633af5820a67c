package io.flinkops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.flinkconfig.OperatorKeys;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * How the rendered objects of one Deployment or SessionCluster differ between two revisions whose main object
 * has the same identity, sorted the way the operator treats each difference (its {@code ReflectiveDiffBuilder}
 * and {@code @SpecDiff} annotations at release 1.15.0):
 * <ul>
 *   <li>{@code job.upgradeMode}, {@code job.allowNonRestoredState} and the checkpoint and autoscaler nonces are
 *       {@code IGNORE}: recorded, used at the next upgrade, no restart;</li>
 *   <li>the fields of day-2 operations ({@link Operations#FIELDS}: restart, redeploy and savepoint nonces, the initial
 *       savepoint path), the annotations naming them and the FlinkStateSnapshots are operations, each with its own
 *       meaning, which the operation rules state;</li>
 *   <li>{@code flinkConfiguration} keys under {@code kubernetes.operator}, {@code job.autoscaler} and
 *       {@code parallelism.default} are {@code IGNORE} (the operator reads them itself);</li>
 *   <li>{@code job.state} is a state transition, handled on its own;</li>
 *   <li>everything else in {@code spec} is {@code UPGRADE} in native mode (even {@code job.parallelism} and
 *       {@code taskManager.replicas}, which are {@code SCALE} only in standalone mode): the job is upgraded,
 *       that is stopped and started again;</li>
 *   <li>labels and annotations are not part of the spec: the operator does not act on them;</li>
 *   <li>ConfigMaps are not watched: a change reaches the pods only when they are started again.</li>
 * </ul>
 * Rendered objects carry no commit id, so two revisions that render the same inputs compare equal.
 *
 * @param upgradeFields spec fields whose change makes the operator upgrade (restart) the job or cluster
 * @param ignoredFields spec fields the operator records without restarting
 * @param operationFields the fields and annotations of day-2 operations that change ({@link Operations}: nonces, the
 *                      initial savepoint path, the annotations naming them, FlinkStateSnapshots): diff's operation
 *                      rules speak for them, so they are in none of the other lists
 */
public record ObjectDelta(boolean equal, List<String> upgradeFields, List<String> ignoredFields, boolean stateChanged,
                          List<String> metadataFields, List<String> configMapsChanged, List<String> configMapsAdded,
                          List<String> configMapsRemoved, boolean deploymentNameChanged, List<String> operationFields) {

    /** The pod-template annotation with the hash of the ConfigMaps the pods read at start (render's {@code ConfigHash}). */
    public static final String CONFIG_HASH = Ownership.PREFIX + "config-hash";
    private static final List<String> CONFIG_HASH_PATH = List.of("podTemplate", "metadata", "annotations", CONFIG_HASH);

    private static final Set<String> IGNORED_JOB_FIELDS = Set.of("upgradeMode", "allowNonRestoredState", "checkpointTriggerNonce",
            "autoscalerResetNonce");

    public static ObjectDelta between(SubjectSide base, SubjectSide head) {
        RenderedObject b = base.main().orElseThrow();
        RenderedObject h = head.main().orElseThrow();
        ObjectNode bc = b.content();
        ObjectNode hc = h.content();

        Set<String> upgrade = new LinkedHashSet<>();
        Set<String> ignored = new LinkedHashSet<>();
        Set<String> operations = new LinkedHashSet<>();
        boolean[] state = {false};
        boolean[] deploymentName = {false};
        leaves(bc.path("spec"), hc.path("spec"), new ArrayList<>(), path -> {
            String field = collapse(path);
            if (Operations.FIELDS.contains(path)) {
                operations.add("spec." + String.join(".", path));
            } else if (path.size() == 2 && path.get(0).equals("job") && path.get(1).equals("state")) {
                state[0] = true;
            } else if (isIgnored(path)) {
                ignored.add(field);
            } else {
                if (path.size() == 1 && path.get(0).equals("deploymentName")) deploymentName[0] = true;
                upgrade.add(field);
            }
        });
        Set<String> metadata = new LinkedHashSet<>();
        leaves(bc.path("metadata"), hc.path("metadata"), new ArrayList<>(List.of("metadata")), path -> {
            String field = path.size() > 2 ? "metadata." + path.get(1) + "." + path.get(2) : String.join(".", path);
            if (path.size() > 2 && path.get(1).equals("annotations") && Operations.ANNOTATIONS.contains(path.get(2))) operations.add(field);
            else metadata.add(field);
        });
        Map<String, ObjectNode> bs = byName(base.stateSnapshots());
        Map<String, ObjectNode> hs = byName(head.stateSnapshots());
        for (String name : bs.keySet()) if (!bs.get(name).equals(hs.get(name))) operations.add(Operations.KIND_SNAPSHOT + " " + name);
        for (String name : hs.keySet()) if (!bs.containsKey(name)) operations.add(Operations.KIND_SNAPSHOT + " " + name);

        Map<String, ObjectNode> bm = configMaps(base);
        Map<String, ObjectNode> hm = configMaps(head);
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String name : bm.keySet()) {
            if (!hm.containsKey(name)) removed.add(name);
            else if (!bm.get(name).equals(hm.get(name))) changed.add(name);
        }
        for (String name : hm.keySet()) if (!bm.containsKey(name)) added.add(name);

        boolean equal = bc.equals(hc) && changed.isEmpty() && added.isEmpty() && removed.isEmpty() && bs.equals(hs);
        return new ObjectDelta(equal, List.copyOf(upgrade), List.copyOf(ignored), state[0], List.copyOf(metadata),
                changed, added, removed, deploymentName[0], List.copyOf(operations));
    }

    /** True when the objects of the two sides are equal; either side may be empty. */
    public static boolean sameObjects(SubjectSide base, SubjectSide head) {
        if (base.rendered() != head.rendered()) return false;
        if (base.rendered() && !base.main().get().content().equals(head.main().get().content())) return false;
        return configMaps(base).equals(configMaps(head)) && byName(base.stateSnapshots()).equals(byName(head.stateSnapshots()));
    }

    /** A day-2 operation changes (see {@link Operations}). */
    public boolean operationsChanged() {
        return !operationFields.isEmpty();
    }

    /** Changes the operator acts on by restarting the job or cluster. */
    public boolean restarts() {
        return !upgradeFields.isEmpty();
    }

    /** Does the hash of the ConfigMaps the pods read at start change (so the operator restarts them)? */
    public boolean configHashChanged() {
        return upgradeFields.contains(CONFIG_HASH);
    }

    public boolean configMapsDiffer() {
        return !configMapsChanged.isEmpty() || !configMapsAdded.isEmpty() || !configMapsRemoved.isEmpty();
    }

    private static Map<String, ObjectNode> configMaps(SubjectSide side) {
        return byName(side.configMaps());
    }

    private static Map<String, ObjectNode> byName(List<RenderedObject> objects) {
        Map<String, ObjectNode> out = new TreeMap<>();
        objects.forEach(o -> out.put(o.name(), o.content()));
        return out;
    }

    static boolean isIgnored(List<String> path) {
        if (path.size() >= 2 && path.get(0).equals("job") && IGNORED_JOB_FIELDS.contains(path.get(1))) return true;
        if (path.size() >= 2 && path.get(0).equals("flinkConfiguration")) {
            String key = path.get(1);
            return OperatorKeys.changeWithoutRestart(key);
        }
        return false;
    }

    /**
     * The field a reviewer recognises: {@code spec.job.parallelism}, {@code spec.flinkConfiguration.<key>},
     * {@code spec.taskManager.podTemplate}, {@code spec.logConfiguration}…
     */
    static String collapse(List<String> path) {
        if (path.isEmpty()) return "spec";
        if (path.equals(CONFIG_HASH_PATH)) return CONFIG_HASH;
        String first = path.get(0);
        int depth = switch (first) {
            case "job", "flinkConfiguration", "jobManager", "taskManager" -> 2;
            default -> 1;
        };
        return "spec." + String.join(".", path.subList(0, Math.min(depth, path.size())));
    }

    /** Calls {@code out} with the path of every value that differs; objects are compared key by key. */
    static void leaves(JsonNode a, JsonNode b, List<String> path, Consumer<List<String>> out) {
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) keys.add(it.next());
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) keys.add(it.next());
            for (String k : keys) {
                path.add(k);
                leaves(a.path(k), b.path(k), path, out);
                path.remove(path.size() - 1);
            }
        } else if (!a.equals(b)) {
            out.accept(List.copyOf(path));
        }
    }
}
