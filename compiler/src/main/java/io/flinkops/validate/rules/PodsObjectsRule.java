package io.flinkops.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YSeq;
import io.flinkops.yaml.YamlJson;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * FO803: the Kubernetes objects inside {@code kubernetes.pods} (affinity, security context, tolerations, image pull
 * secrets, environment sources, volumes and mounts) are valid. Checked on the effective spec, so a problem that
 * comes from a defaults file is reported there.
 */
public final class PodsObjectsRule implements Rule {

    private static final Code CODE = Code.INVALID_KUBERNETES_OBJECT;

    @Override
    public Set<Code> codes() {
        return Set.of(CODE);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (KubernetesSection section : KubernetesSection.all(plan)) {
            FieldPath pointer = section.at("pods");
            if (section.resource().at(pointer) instanceof YMap pods) pods(context, section.resource(), pointer, pods);
        }
    }

    private static void pods(RuleContext context, Resolved<?> resource, FieldPath pointer, YMap pods) {
        pods.map("affinity").ifPresent(a -> valid(context, resource, pointer.child("affinity"), a, Affinity.class, "pods.affinity"));
        pods.map("securityContext").ifPresent(sc ->
                valid(context, resource, pointer.child("securityContext"), sc, PodSecurityContext.class, "pods.securityContext"));
        List<YNode> tolerations = items(pods, "tolerations");
        for (int i = 0; i < tolerations.size(); i++) {
            FieldPath p = pointer.child("tolerations").index(i);
            String path = "pods.tolerations[" + i + "]";
            if (valid(context, resource, p, tolerations.get(i), Toleration.class, path)) {
                TolerationCheck.check(context, resource, p, path, YamlJson.toJson(tolerations.get(i)));
            }
        }
        List<YNode> secrets = items(pods, "imagePullSecrets");
        for (int i = 0; i < secrets.size(); i++) {
            valid(context, resource, pointer.child("imagePullSecrets").index(i), secrets.get(i), LocalObjectReference.class, "pods.imagePullSecrets[" + i + "]");
        }
        List<YNode> envVars = items(pods, "envVars");
        for (int i = 0; i < envVars.size(); i++) {
            if (!(envVars.get(i) instanceof YMap env) || env.map("valueFrom").isEmpty()) continue;
            YMap valueFrom = env.map("valueFrom").get();
            FieldPath p = pointer.child("envVars").index(i).child("valueFrom");
            String path = "pods.envVars[" + i + "].valueFrom";
            if (valid(context, resource, p, valueFrom, EnvVarSource.class, path)) {
                exactlyOne(context, resource, p, path, YamlJson.toJson(valueFrom), Set.of(), "source",
                        "Set one of `secretKeyRef`, `configMapKeyRef`, `fieldRef` or `resourceFieldRef`.");
            }
        }
        volumeMounts(context, resource, pointer, items(pods, "volumeMounts"));
    }

    private static void volumeMounts(RuleContext context, Resolved<?> resource, FieldPath pointer, List<YNode> volumeMounts) {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < volumeMounts.size(); i++) {
            if (!(volumeMounts.get(i) instanceof YMap vm)) continue;
            FieldPath p = pointer.child("volumeMounts").index(i);
            String path = "pods.volumeMounts[" + i + "]";
            String name = vm.text("name").orElse(null);
            if (name != null) {
                if (seen.containsKey(name)) {
                    context.report(CODE, resource, p.child("name"), "Volume `" + name + "` is declared twice in `pods.volumeMounts` (also at `" + seen.get(name) + "`).",
                            "Give every volume its own name, or merge the two entries.");
                } else {
                    seen.put(name, path);
                }
            }
            Optional<YMap> volume = vm.map("volume");
            if (volume.isPresent() && valid(context, resource, p.child("volume"), volume.get(), Volume.class, path + ".volume")) {
                JsonNode v = YamlJson.toJson(volume.get());
                exactlyOne(context, resource, p.child("volume"), path + ".volume", v, Set.of("name"), "volume source",
                        "Add one, e.g. `secret: {secretName: …}`, `configMap: {name: …}`, `emptyDir: {}` or `persistentVolumeClaim: {claimName: …}`.");
                sameName(context, resource, p.child("volume", "name"), path + ".volume.name", v, name);
            }
            Optional<YMap> mount = vm.map("volumeMount");
            if (mount.isPresent() && valid(context, resource, p.child("volumeMount"), mount.get(), VolumeMount.class, path + ".volumeMount")) {
                JsonNode m = YamlJson.toJson(mount.get());
                if (!m.hasNonNull("mountPath")) {
                    context.report(CODE, resource, p.child("volumeMount"), "`" + path + ".volumeMount` has no `mountPath`.",
                            "Add `mountPath:` with the directory the volume appears at in the Flink container.");
                }
                sameName(context, resource, p.child("volumeMount", "name"), path + ".volumeMount.name", m, name);
            }
        }
    }

    private static List<YNode> items(YMap map, String key) {
        return map.get(key) instanceof YSeq seq ? seq.items() : List.of();
    }

    private static boolean valid(RuleContext context, Resolved<?> resource, FieldPath pointer, YNode node, Class<?> type, String path) {
        return ModelCheckReport.valid(context, CODE, resource, pointer, node, type, path);
    }

    private static void exactlyOne(RuleContext context, Resolved<?> resource, FieldPath pointer, String path, JsonNode node,
                                   Set<String> ignore, String what, String hint) {
        Set<String> set = new TreeSet<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!ignore.contains(f)) set.add(f);
        });
        if (set.isEmpty()) {
            context.report(CODE, resource, pointer, "`" + path + "` has no " + what + ".", hint);
        } else if (set.size() > 1) {
            context.report(CODE, resource, pointer,
                    "`" + path + "` has " + set.size() + " " + what + "s (" + String.join(", ", set.stream().map(s -> "`" + s + "`").toList()) + "); Kubernetes allows one.",
                    "Keep one of them.");
        }
    }

    /** VVP writes the volume's name three times; flinkops fills in the inner ones when they are left out. */
    private static void sameName(RuleContext context, Resolved<?> resource, FieldPath pointer, String path, JsonNode node, String name) {
        if (name == null || !node.has("name") || name.equals(node.path("name").asText())) return;
        context.report(CODE, resource, pointer,
                "`" + path + "` is `" + node.path("name").asText() + "`, but the entry is named `" + name + "`.",
                "Use the same name in `name`, `volume.name` and `volumeMount.name` (or leave the inner names out).");
    }
}
