package io.flinkops.plan.pods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.FieldPath;
import io.flinkops.model.KubernetesSpec.Pods;
import io.flinkops.model.KubernetesSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the pod templates of a FlinkDeployment from VVP's {@code kubernetes.pods} or from the user's
 * {@code jobManagerPodTemplate} / {@code taskManagerPodTemplate}; the main container is
 * {@code flink-main-container}.
 *
 * <p>{@code kubernetes.pods} applies to JobManager and TaskManager alike and becomes the common
 * {@code spec.podTemplate}; the pod templates become {@code spec.jobManager.podTemplate} and
 * {@code spec.taskManager.podTemplate} exactly as written. The two never meet in one FlinkDeployment (FO801),
 * so the operator never has to merge a flinkops template with another one (its merge is positional by default,
 * which would mix up containers listed in a different order). For the same reason the {@link PodAdditions} go
 * into the common template when there are no pod templates, and into <em>both</em> role templates otherwise
 * (a role without a template of its own gets one holding just the additions).
 *
 * <p>Additions never override what the user wrote: an environment variable, volume or mount path the user's
 * main container (or pod) already has is not added again. When the user's definition differs from the
 * addition, {@link #conflicts} reports it, so the caller can turn it into a diagnostic.
 *
 * <p>Lists keep the user's order with the additions appended in theirs; map keys are sorted when the manifest
 * is written. Kubernetes objects the user wrote (affinity, tolerations, volumes, security contexts, whole
 * templates) are copied as written: they were checked strictly against the Kubernetes model (FO802, FO803).
 */
public final class PodTemplates {
    public static final String MAIN_CONTAINER = "flink-main-container";

    /**
     * The environment variables the user gives the main container, by name: {@code pods.envVars}, then the pod
     * templates' main container {@code env} (JobManager, then TaskManager; the first one set wins). A variable set
     * with {@code valueFrom} has the value "".
     */
    public static SortedMap<String, String> mainContainerEnv(KubernetesSpec kubernetes) {
        SortedMap<String, String> out = new TreeMap<>();
        if (kubernetes == null) return out;
        if (kubernetes.pods() != null && kubernetes.pods().envVars() != null) {
            for (KubernetesSpec.EnvVar e : kubernetes.pods().envVars()) {
                if (e != null && e.name() != null) out.putIfAbsent(e.name(), e.value() == null ? "" : e.value());
            }
        }
        for (JsonNode template : Arrays.asList(kubernetes.jobManagerPodTemplate(), kubernetes.taskManagerPodTemplate())) {
            if (template == null) continue;
            for (JsonNode container : template.path("spec").path("containers")) {
                if (!MAIN_CONTAINER.equals(container.path("name").asText())) continue;
                for (JsonNode env : container.path("env")) {
                    if (env.path("name").isTextual()) out.putIfAbsent(env.path("name").asText(), env.path("value").asText(""));
                }
            }
        }
        return out;
    }
    /** {@code kubernetes.pods}, relative to the {@code kubernetes} block. */
    static final FieldPath PODS = FieldPath.of("pods");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The fields of the pod templates, in the order they are looked at. */
    public static final String JOB_MANAGER_TEMPLATE = "jobManagerPodTemplate";
    public static final String TASK_MANAGER_TEMPLATE = "taskManagerPodTemplate";

    private PodTemplates() {
    }

    /**
     * @param kubernetes the effective {@code kubernetes} block (may be null)
     * @param additions  what the Flink mapping adds to the main container of both roles (may be null)
     */
    public static PodTemplateSet build(KubernetesSpec kubernetes, PodAdditions additions) {
        PodAdditions add = additions == null ? PodAdditions.NONE : additions;
        ObjectNode common = kubernetes == null || !isSet(kubernetes.pods()) ? null : fromPods(kubernetes.pods());
        ObjectNode jobManager = kubernetes == null ? null : copy(kubernetes.jobManagerPodTemplate());
        ObjectNode taskManager = kubernetes == null ? null : copy(kubernetes.taskManagerPodTemplate());
        if (!isEmpty(add)) {
            if (jobManager != null || taskManager != null) {
                jobManager = addTo(jobManager == null ? F.objectNode() : jobManager, add);
                taskManager = addTo(taskManager == null ? F.objectNode() : taskManager, add);
            } else {
                common = addTo(common == null ? F.objectNode() : common, add);
            }
        }
        return new PodTemplateSet(common, jobManager, taskManager);
    }

    /** Whether {@code kubernetes.pods} sets anything (an empty {@code pods: {}} sets nothing). */
    public static boolean isSet(Pods pods) {
        return pods != null && (nonEmpty(pods.labels()) || nonEmpty(pods.annotations()) || nonEmpty(pods.nodeSelector())
                || pods.affinity() != null || nonEmpty(pods.tolerations()) || nonEmpty(pods.imagePullSecrets())
                || nonEmpty(pods.envVars()) || nonEmpty(pods.volumeMounts()) || pods.securityContext() != null);
    }

    // ---- kubernetes.pods

    private static ObjectNode fromPods(Pods pods) {
        ObjectNode template = F.objectNode();
        ObjectNode metadata = F.objectNode();
        putMap(metadata, "labels", pods.labels());
        putMap(metadata, "annotations", pods.annotations());
        if (!metadata.isEmpty()) template.set("metadata", metadata);

        ObjectNode spec = F.objectNode();
        putMap(spec, "nodeSelector", pods.nodeSelector());
        if (pods.affinity() != null) spec.set("affinity", pods.affinity().deepCopy());
        if (nonEmpty(pods.tolerations())) {
            ArrayNode tolerations = spec.putArray("tolerations");
            pods.tolerations().stream().filter(Objects::nonNull).forEach(t -> tolerations.add(t.deepCopy()));
        }
        if (nonEmpty(pods.imagePullSecrets())) {
            ArrayNode secrets = spec.putArray("imagePullSecrets");
            for (KubernetesSpec.NameRef ref : pods.imagePullSecrets()) {
                if (ref != null && ref.name() != null) secrets.addObject().put("name", ref.name());
            }
        }
        if (pods.securityContext() != null) spec.set("securityContext", pods.securityContext().deepCopy());

        ArrayNode volumes = F.arrayNode();
        ArrayNode mounts = F.arrayNode();
        for (KubernetesSpec.VolumeAndMount vm : list(pods.volumeMounts())) {
            if (vm == null) continue;
            if (vm.volume() instanceof ObjectNode v) volumes.add(named(vm.name(), v));
            if (vm.volumeMount() instanceof ObjectNode m) mounts.add(named(vm.name(), m));
        }
        ArrayNode env = F.arrayNode();
        for (KubernetesSpec.EnvVar e : list(pods.envVars())) {
            if (e == null) continue;
            ObjectNode var = env.addObject();
            if (e.name() != null) var.put("name", e.name());
            if (e.value() != null) var.put("value", e.value());
            if (e.valueFrom() != null) var.set("valueFrom", e.valueFrom().deepCopy());
        }
        if (!env.isEmpty() || !mounts.isEmpty()) {
            ObjectNode main = spec.putArray("containers").addObject().put("name", MAIN_CONTAINER);
            if (!env.isEmpty()) main.set("env", env);
            if (!mounts.isEmpty()) main.set("volumeMounts", mounts);
        }
        if (!volumes.isEmpty()) spec.set("volumes", volumes);
        if (!spec.isEmpty()) template.set("spec", spec);
        return template;
    }

    /** VVP writes a volume's name three times; {@code volume.name} and {@code volumeMount.name} may be left out. */
    private static ObjectNode named(String name, ObjectNode object) {
        ObjectNode out = F.objectNode();
        if (object.has("name")) {
            out.set("name", object.get("name"));
        } else if (name != null) {
            out.put("name", name);
        }
        object.properties().forEach(e -> {
            if (!e.getKey().equals("name")) out.set(e.getKey(), e.getValue().deepCopy());
        });
        return out;
    }

    // ---- additions

    private static ObjectNode addTo(ObjectNode template, PodAdditions add) {
        ObjectNode spec = object(template, "spec");
        if (spec == null) return template; // not a mapping: FO802 reports it, and nothing is rendered
        ObjectNode main = mainContainer(spec, true);
        if (main == null) return template;
        // Lists are created only for what is added: an empty `env: []` would not survive the operator's model.
        ArrayNode env = add.env().isEmpty() ? null : array(main, "env");
        for (JsonNode var : add.env()) {
            if (env != null && find(env, "name", var.path("name").asText()) == null) env.add(var);
        }
        ArrayNode volumes = add.volumes().isEmpty() ? null : array(spec, "volumes");
        for (JsonNode volume : add.volumes()) {
            if (volumes != null && find(volumes, "name", volume.path("name").asText()) == null) volumes.add(volume);
        }
        ArrayNode mounts = add.mounts().isEmpty() ? null : array(main, "volumeMounts");
        for (JsonNode mount : add.mounts()) {
            if (mounts != null && find(mounts, "mountPath", mount.path("mountPath").asText()) == null) mounts.add(mount);
        }
        return template;
    }

    /** The main container of a pod spec; with {@code create}, appended when missing (sidecars keep their indices). */
    static ObjectNode mainContainer(ObjectNode spec, boolean create) {
        JsonNode containers = spec.get("containers");
        if (containers instanceof ArrayNode list) {
            JsonNode main = find(list, "name", MAIN_CONTAINER);
            if (main instanceof ObjectNode m) return m;
            if (main != null || !create) return null;
            return list.addObject().put("name", MAIN_CONTAINER);
        }
        if (containers != null || !create) return null;
        return spec.putArray("containers").addObject().put("name", MAIN_CONTAINER);
    }

    // ---- conflicts

    /**
     * Something the Flink mapping wants to add that the user already defines differently.
     *
     * @param kind    {@code env}, {@code volume} or {@code mountPath}
     * @param name    the variable or volume name, or the mount path
     * @param pointer the user's definition, relative to the {@code kubernetes} block
     *                (e.g. {@code /pods/envVars/2}, {@code /jobManagerPodTemplate/spec/containers/0/env/1})
     */
    public record Conflict(String kind, String name, FieldPath pointer) {
    }

    /**
     * The additions that {@link #build} leaves out because the user's main container (or pod) already defines
     * the same environment variable, volume or mount path differently; an identical definition is no conflict.
     */
    public static List<Conflict> conflicts(KubernetesSpec kubernetes, PodAdditions additions) {
        List<Conflict> out = new ArrayList<>();
        if (kubernetes == null || additions == null || isEmpty(additions)) return out;
        PodTemplateSet user = build(kubernetes, PodAdditions.NONE);
        // The templates the user wrote, by where they are in the kubernetes block (the root for kubernetes.pods).
        Map<FieldPath, ObjectNode> sources = new java.util.LinkedHashMap<>();
        if (user.jobManager() != null || user.taskManager() != null) {
            if (user.jobManager() != null) sources.put(FieldPath.of(JOB_MANAGER_TEMPLATE), user.jobManager());
            if (user.taskManager() != null) sources.put(FieldPath.of(TASK_MANAGER_TEMPLATE), user.taskManager());
        } else if (user.common() != null) {
            sources.put(FieldPath.ROOT, user.common());
        }
        List<ObjectNode> env = additions.env();
        List<ObjectNode> volumes = additions.volumes();
        List<ObjectNode> mounts = additions.mounts();
        Pods pods = kubernetes.pods();
        sources.forEach((base, template) -> {
            JsonNode spec = template.path("spec");
            JsonNode containers = spec.path("containers");
            int mainIndex = indexOf(containers, "name", MAIN_CONTAINER);
            JsonNode main = mainIndex < 0 ? F.objectNode() : containers.get(mainIndex);
            FieldPath mainPointer = base.child("spec", "containers").index(mainIndex);
            for (JsonNode add : env) {
                int i = indexOf(main.path("env"), "name", add.path("name").asText());
                if (i >= 0 && !main.path("env").get(i).equals(add)) {
                    out.add(new Conflict("env", add.path("name").asText(),
                            base.isRoot() ? PODS.child("envVars").index(i) : mainPointer.child("env").index(i)));
                }
            }
            for (JsonNode add : volumes) {
                int i = indexOf(spec.path("volumes"), "name", add.path("name").asText());
                if (i >= 0 && !spec.path("volumes").get(i).equals(add)) {
                    out.add(new Conflict("volume", add.path("name").asText(),
                            base.isRoot() ? PODS.child("volumeMounts").index(podsEntry(pods, i, true)).child("volume")
                                    : base.child("spec", "volumes").index(i)));
                }
            }
            for (JsonNode add : mounts) {
                int i = indexOf(main.path("volumeMounts"), "mountPath", add.path("mountPath").asText());
                if (i >= 0 && !main.path("volumeMounts").get(i).equals(add)) {
                    out.add(new Conflict("mountPath", add.path("mountPath").asText(),
                            base.isRoot() ? PODS.child("volumeMounts").index(podsEntry(pods, i, false)).child("volumeMount", "mountPath")
                                    : mainPointer.child("volumeMounts").index(i).child("mountPath")));
                }
            }
        });
        return out;
    }

    // ---- where a rendered field comes from

    /**
     * The path, relative to the {@code kubernetes} block, of what the user wrote that became the field at
     * {@code rendered} of the common template built from {@code pods}. Fields that {@code kubernetes.pods}
     * cannot express (container settings other than env and mounts, host namespaces, …) map to {@code /pods}.
     */
    public static FieldPath podsSource(Pods pods, FieldPath rendered) {
        List<String> t = rendered.tokens();
        FieldPath rest = t.size() > 2 ? rest(t, 2) : FieldPath.ROOT;
        if (t.size() >= 2 && t.get(0).equals("metadata") && (t.get(1).equals("labels") || t.get(1).equals("annotations"))) {
            return PODS.child(t.get(1)).resolve(rest);
        }
        if (t.size() >= 2 && t.get(0).equals("spec")) {
            switch (t.get(1)) {
                case "nodeSelector", "affinity", "tolerations", "imagePullSecrets", "securityContext" -> {
                    return PODS.child(t.get(1)).resolve(rest);
                }
                case "volumes" -> {
                    if (t.size() >= 3 && index(t.get(2)) >= 0) {
                        return PODS.child("volumeMounts").index(podsEntry(pods, index(t.get(2)), true)).child("volume").resolve(rest(t, 3));
                    }
                    return PODS.child("volumeMounts");
                }
                case "containers" -> {
                    if (t.size() >= 5 && t.get(2).equals("0") && t.get(3).equals("env") && index(t.get(4)) >= 0) {
                        return PODS.child("envVars").resolve(rest(t, 4));
                    }
                    if (t.size() >= 5 && t.get(2).equals("0") && t.get(3).equals("volumeMounts") && index(t.get(4)) >= 0) {
                        return PODS.child("volumeMounts").index(podsEntry(pods, index(t.get(4)), false)).child("volumeMount").resolve(rest(t, 5));
                    }
                    return PODS;
                }
                default -> {
                    return PODS;
                }
            }
        }
        return PODS;
    }

    /** The {@code volumeMounts} entry that rendered as the {@code n}-th volume (or mount). */
    private static int podsEntry(Pods pods, int n, boolean volume) {
        int seen = 0;
        List<KubernetesSpec.VolumeAndMount> entries = pods == null ? List.of() : list(pods.volumeMounts());
        for (int i = 0; i < entries.size(); i++) {
            KubernetesSpec.VolumeAndMount vm = entries.get(i);
            if (vm == null) continue;
            JsonNode part = volume ? vm.volume() : vm.volumeMount();
            if (part instanceof ObjectNode && seen++ == n) return i;
        }
        return n;
    }

    private static FieldPath rest(List<String> tokens, int from) {
        return FieldPath.of(tokens.subList(from, tokens.size()).toArray(String[]::new));
    }

    private static int index(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---- helpers

    private static boolean isEmpty(PodAdditions add) {
        return add.env().isEmpty() && add.volumes().isEmpty() && add.mounts().isEmpty();
    }

    private static ObjectNode copy(JsonNode template) {
        return template instanceof ObjectNode o ? o.deepCopy() : null;
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        if (child == null || child.isNull()) return parent.putObject(field);
        return child instanceof ObjectNode o ? o : null;
    }

    private static ArrayNode array(ObjectNode parent, String field) {
        JsonNode child = parent.get(field);
        if (child == null || child.isNull()) return parent.putArray(field);
        return child instanceof ArrayNode a ? a : null;
    }

    private static JsonNode find(ArrayNode list, String field, String value) {
        int i = indexOf(list, field, value);
        return i < 0 ? null : list.get(i);
    }

    private static int indexOf(JsonNode list, String field, String value) {
        if (!list.isArray()) return -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path(field).isTextual() && list.get(i).path(field).asText().equals(value)) return i;
        }
        return -1;
    }

    private static void putMap(ObjectNode parent, String field, Map<String, String> map) {
        if (!nonEmpty(map)) return;
        ObjectNode o = parent.putObject(field);
        map.forEach((k, v) -> {
            if (v != null) o.put(k, v);
        });
    }

    private static boolean nonEmpty(Map<?, ?> map) {
        return map != null && !map.isEmpty();
    }

    private static boolean nonEmpty(List<?> list) {
        return list != null && !list.isEmpty();
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }
}
