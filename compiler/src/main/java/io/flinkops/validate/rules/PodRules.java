package io.flinkops.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.resolve.Pointers;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.kubernetes.KubernetesModelCheck;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YSeq;
import io.flinkops.yaml.YamlJson;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * FO801–FO803: pods and pod templates. {@code kubernetes.pods} and the pod templates exclude each other
 * (VVP); pod templates must be valid Kubernetes PodTemplateSpecs whose main container is
 * {@code flink-main-container}; the Kubernetes objects inside {@code kubernetes.pods} must be valid.
 * Deployments are checked on their effective spec, so a problem that comes from a defaults file is
 * reported there.
 */
public final class PodRules implements Rule {

    /** The container Flink runs in; every other container of a pod template is a sidecar. */
    public static final String MAIN_CONTAINER = "flink-main-container";

    static final String DEPLOYMENT_KUBERNETES = Pointers.TEMPLATE_SPEC + "/kubernetes";
    static final String SESSION_CLUSTER_KUBERNETES = "/spec/kubernetes";

    private static final List<String> TEMPLATES = List.of("jobManagerPodTemplate", "taskManagerPodTemplate");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Set<String> TOLERATION_OPERATORS = Set.of("Equal", "Exists");
    private static final Set<String> TOLERATION_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.PODS_AND_POD_TEMPLATES, Code.INVALID_POD_TEMPLATE, Code.INVALID_KUBERNETES_OBJECT);
    }

    @Override
    public void check(ResolvedRepo repo, RuleContext context) {
        repo.deployments().filter(Resolved::isTyped).forEach(d ->
                check(context, d, DEPLOYMENT_KUBERNETES, d.spec().templateSpec().kubernetes()));
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            ns.sessionClusters().values().stream().filter(Resolved::isTyped).forEach(s ->
                    check(context, s, SESSION_CLUSTER_KUBERNETES, s.spec().kubernetes()));
        }
    }

    private static void check(RuleContext context, Resolved<?> resource, String base, KubernetesSpec kubernetes) {
        if (kubernetes == null) return;
        exclusive(context, resource, base);
        for (String template : TEMPLATES) {
            if (resource.at(base + "/" + template) instanceof YMap t) podTemplate(context, resource, base, template, t);
        }
        if (resource.at(base + "/pods") instanceof YMap pods) pods(context, resource, base + "/pods", pods);
    }

    // ---- FO801

    private static void exclusive(RuleContext context, Resolved<?> resource, String base) {
        String podsPointer = base + "/pods";
        if (!isSet(resource.at(podsPointer))) return;
        String own = resource.document().file();
        Location pods = resource.locateKey(podsPointer);
        for (String template : TEMPLATES) {
            String pointer = base + "/" + template;
            if (!isSet(resource.at(pointer))) continue;
            Location tpl = resource.locateKey(pointer);
            boolean sameFile = pods.file().equals(tpl.file());
            String message = "`kubernetes.pods`" + (sameFile ? "" : " (from " + pods.file() + ")") + " and `kubernetes." + template + "`"
                    + (sameFile ? "" : " (from " + tpl.file() + ")") + " cannot be used together.";
            boolean podsOwn = pods.file().equals(own);
            boolean tplOwn = tpl.file().equals(own);
            String hint;
            if (!podsOwn && tplOwn) {
                hint = "Use one of them: set `pods: null` here to drop the `kubernetes.pods` inherited from " + pods.file() + ", or move these settings into it.";
            } else if (podsOwn && !tplOwn) {
                hint = "Use one of them: set `" + template + ": null` here to drop the template inherited from " + tpl.file() + ", or move these settings into it.";
            } else if (podsOwn) {
                hint = "Use either `kubernetes.pods` (simple pod settings) or the pod templates (full PodTemplateSpecs), not both.";
            } else {
                hint = "Change the defaults so they do not set both, or set the unwanted one to `null` in the Deployment.";
            }
            if (podsOwn && !tplOwn) context.reportKey(Code.PODS_AND_POD_TEMPLATES, resource, podsPointer, message, hint);
            else context.reportKey(Code.PODS_AND_POD_TEMPLATES, resource, pointer, message, hint);
        }
    }

    /** Present and not an empty mapping (an empty {@code pods: {}} sets nothing). */
    private static boolean isSet(YNode node) {
        return node != null && !node.isNull() && !(node instanceof YMap m && m.entries().isEmpty());
    }

    // ---- FO802

    private static void podTemplate(RuleContext context, Resolved<?> resource, String base, String field, YMap template) {
        String pointer = base + "/" + field;
        List<KubernetesModelCheck.Problem> problems = KubernetesModelCheck.check(template, PodTemplateSpec.class, field);
        report(context, resource, Code.INVALID_POD_TEMPLATE, pointer, problems);
        if (!problems.isEmpty()) return; // the checks below read the structure that was just found broken
        JsonNode spec = YamlJson.toJson(template).path("spec");
        Map<String, String> names = new HashMap<>();
        for (String list : List.of("containers", "initContainers")) {
            JsonNode containers = spec.path(list);
            for (int i = 0; i < containers.size(); i++) {
                container(context, resource, pointer + "/spec/" + list + "/" + i, field + ".spec." + list + "[" + i + "]",
                        list.equals("initContainers"), containers.get(i), names);
            }
        }
    }

    private static void container(RuleContext context, Resolved<?> resource, String pointer, String path, boolean init,
                                  JsonNode container, Map<String, String> names) {
        Code code = Code.INVALID_POD_TEMPLATE;
        String name = container.path("name").asText(null);
        if (name == null) {
            context.report(code, resource, pointer, "`" + path + "` has no `name`.",
                    "Name it: `" + MAIN_CONTAINER + "` is the Flink container; any other name is a sidecar.");
        } else if (!DNS_LABEL.matcher(name).matches() || name.length() > 63) {
            context.report(code, resource, pointer + "/name", "Container name `" + name + "` is not a valid Kubernetes name.",
                    "Use at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit.");
        } else if (names.containsKey(name)) {
            context.report(code, resource, pointer + "/name", "Container name `" + name + "` is used twice in this pod (also at `" + names.get(name) + "`).",
                    "Give every container of the pod its own name.");
        } else {
            names.put(name, path);
        }
        boolean main = MAIN_CONTAINER.equals(name);
        if (main && init) {
            context.report(code, resource, pointer + "/name", "`" + MAIN_CONTAINER + "` is listed under `initContainers`.",
                    "Move it to `containers`; Flink runs in that container, it is not an init container.");
        } else if (!main && !container.has("image")) {
            String dym = name == null ? "" : Suggestions.didYouMean(name, List.of(MAIN_CONTAINER));
            context.report(code, resource, name == null ? pointer : pointer + "/name",
                    (init ? "Init container" : "Sidecar container") + (name == null ? "" : " `" + name + "`") + " has no `image`.",
                    dym.isEmpty()
                            ? "Give it an `image`; only `" + MAIN_CONTAINER + "` gets its image from flinkops."
                            : dym + " Only `" + MAIN_CONTAINER + "` gets its image from flinkops; every other container needs an `image`.");
        }
        JsonNode ports = container.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i).path("containerPort");
            if (port.isIntegralNumber() && (port.asLong() < 1 || port.asLong() > 65535)) {
                context.report(code, resource, pointer + "/ports/" + i + "/containerPort",
                        "`" + path + ".ports[" + i + "].containerPort` is " + port.asText() + ", outside 1–65535.", "Use a port number from 1 to 65535.");
            }
        }
        JsonNode requests = container.path("resources").path("requests");
        JsonNode limits = container.path("resources").path("limits");
        for (Iterator<String> it = requests.fieldNames(); it.hasNext(); ) {
            String resourceName = it.next();
            if (!limits.has(resourceName)) continue;
            BigDecimal request = amount(requests.get(resourceName));
            BigDecimal limit = amount(limits.get(resourceName));
            if (request != null && limit != null && request.compareTo(limit) > 0) {
                context.report(code, resource, pointer + "/resources/requests/" + JsonPointers.escape(resourceName),
                        "`" + path + ".resources.requests." + resourceName + "` (" + requests.get(resourceName).asText()
                                + ") is more than its limit (" + limits.get(resourceName).asText() + ").",
                        "Kubernetes rejects a pod whose request exceeds its limit; raise the limit or lower the request.");
            }
        }
    }

    private static BigDecimal amount(JsonNode quantity) {
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity.asText()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---- FO803

    private static void pods(RuleContext context, Resolved<?> resource, String pointer, YMap pods) {
        Code code = Code.INVALID_KUBERNETES_OBJECT;
        pods.map("affinity").ifPresent(a -> strict(context, resource, pointer + "/affinity", a, Affinity.class, "pods.affinity"));
        pods.map("securityContext").ifPresent(sc ->
                strict(context, resource, pointer + "/securityContext", sc, PodSecurityContext.class, "pods.securityContext"));
        List<YNode> tolerations = items(pods, "tolerations");
        for (int i = 0; i < tolerations.size(); i++) {
            String p = pointer + "/tolerations/" + i;
            String path = "pods.tolerations[" + i + "]";
            if (strict(context, resource, p, tolerations.get(i), Toleration.class, path)) {
                toleration(context, resource, p, path, YamlJson.toJson(tolerations.get(i)));
            }
        }
        List<YNode> secrets = items(pods, "imagePullSecrets");
        for (int i = 0; i < secrets.size(); i++) {
            strict(context, resource, pointer + "/imagePullSecrets/" + i, secrets.get(i), LocalObjectReference.class, "pods.imagePullSecrets[" + i + "]");
        }
        List<YNode> envVars = items(pods, "envVars");
        for (int i = 0; i < envVars.size(); i++) {
            if (!(envVars.get(i) instanceof YMap env) || env.map("valueFrom").isEmpty()) continue;
            YMap valueFrom = env.map("valueFrom").get();
            String p = pointer + "/envVars/" + i + "/valueFrom";
            String path = "pods.envVars[" + i + "].valueFrom";
            if (strict(context, resource, p, valueFrom, EnvVarSource.class, path)) {
                exactlyOne(context, resource, p, path, YamlJson.toJson(valueFrom), Set.of(), "source",
                        "Set one of `secretKeyRef`, `configMapKeyRef`, `fieldRef` or `resourceFieldRef`.");
            }
        }
        Map<String, String> seen = new HashMap<>();
        List<YNode> volumeMounts = items(pods, "volumeMounts");
        for (int i = 0; i < volumeMounts.size(); i++) {
            if (!(volumeMounts.get(i) instanceof YMap vm)) continue;
            String p = pointer + "/volumeMounts/" + i;
            String path = "pods.volumeMounts[" + i + "]";
            String name = vm.text("name").orElse(null);
            if (name != null) {
                if (seen.containsKey(name)) {
                    context.report(code, resource, p + "/name", "Volume `" + name + "` is declared twice in `pods.volumeMounts` (also at `" + seen.get(name) + "`).",
                            "Give every volume its own name, or merge the two entries.");
                } else {
                    seen.put(name, path);
                }
            }
            Optional<YMap> volume = vm.map("volume");
            if (volume.isPresent() && strict(context, resource, p + "/volume", volume.get(), Volume.class, path + ".volume")) {
                JsonNode v = YamlJson.toJson(volume.get());
                exactlyOne(context, resource, p + "/volume", path + ".volume", v, Set.of("name"), "volume source",
                        "Add one, e.g. `secret: {secretName: …}`, `configMap: {name: …}`, `emptyDir: {}` or `persistentVolumeClaim: {claimName: …}`.");
                sameName(context, resource, p + "/volume/name", path + ".volume.name", v, name);
            }
            Optional<YMap> mount = vm.map("volumeMount");
            if (mount.isPresent() && strict(context, resource, p + "/volumeMount", mount.get(), VolumeMount.class, path + ".volumeMount")) {
                JsonNode m = YamlJson.toJson(mount.get());
                if (!m.hasNonNull("mountPath")) {
                    context.report(code, resource, p + "/volumeMount", "`" + path + ".volumeMount` has no `mountPath`.",
                            "Add `mountPath:` with the directory the volume appears at in the Flink container.");
                }
                sameName(context, resource, p + "/volumeMount/name", path + ".volumeMount.name", m, name);
            }
        }
    }

    private static List<YNode> items(YMap map, String key) {
        return map.get(key) instanceof YSeq seq ? seq.items() : List.of();
    }

    /** Strict check; reports and returns false when the object is not a valid {@code type}. */
    private static boolean strict(RuleContext context, Resolved<?> resource, String pointer, YNode node, Class<?> type, String path) {
        List<KubernetesModelCheck.Problem> problems = KubernetesModelCheck.check(node, type, path);
        report(context, resource, Code.INVALID_KUBERNETES_OBJECT, pointer, problems);
        return problems.isEmpty();
    }

    private static void toleration(RuleContext context, Resolved<?> resource, String pointer, String path, JsonNode t) {
        Code code = Code.INVALID_KUBERNETES_OBJECT;
        String operator = t.path("operator").asText("Equal");
        if (t.has("operator") && !TOLERATION_OPERATORS.contains(operator)) {
            context.report(code, resource, pointer + "/operator", "`" + operator + "` is not a toleration operator.",
                    Suggestions.didYouMean(operator, TOLERATION_OPERATORS).isEmpty() ? "Use `Equal` or `Exists`."
                            : Suggestions.didYouMean(operator, TOLERATION_OPERATORS) + " Operators: Equal, Exists.");
        } else if (operator.equals("Exists") && !t.path("value").asText("").isEmpty()) {
            context.report(code, resource, pointer + "/value", "`" + path + "` has a `value`, but operator `Exists` matches any value.",
                    "Remove `value`, or use operator `Equal`.");
        } else if (operator.equals("Equal") && t.path("key").asText("").isEmpty()) {
            context.report(code, resource, pointer, "`" + path + "` has no `key`, which operator `Equal` needs.",
                    "Add the taint's `key`, or use operator `Exists` to tolerate every taint.");
        }
        if (t.has("effect") && !t.path("effect").asText().isEmpty() && !TOLERATION_EFFECTS.contains(t.path("effect").asText())) {
            String effect = t.path("effect").asText();
            String dym = Suggestions.didYouMean(effect, TOLERATION_EFFECTS);
            context.report(code, resource, pointer + "/effect", "`" + effect + "` is not a taint effect.",
                    (dym.isEmpty() ? "" : dym + " ") + "Effects: NoSchedule, PreferNoSchedule, NoExecute.");
        }
        if (t.has("tolerationSeconds") && !"NoExecute".equals(t.path("effect").asText())) {
            context.report(code, resource, pointer + "/tolerationSeconds", "`" + path + ".tolerationSeconds` is set, but the effect is not `NoExecute`.",
                    "Set `effect: NoExecute` or remove `tolerationSeconds`; only NoExecute taints evict pods after a delay.");
        }
    }

    private static void exactlyOne(RuleContext context, Resolved<?> resource, String pointer, String path, JsonNode node,
                                   Set<String> ignore, String what, String hint) {
        Set<String> set = new TreeSet<>();
        node.fieldNames().forEachRemaining(f -> {
            if (!ignore.contains(f)) set.add(f);
        });
        if (set.isEmpty()) {
            context.report(Code.INVALID_KUBERNETES_OBJECT, resource, pointer, "`" + path + "` has no " + what + ".", hint);
        } else if (set.size() > 1) {
            context.report(Code.INVALID_KUBERNETES_OBJECT, resource, pointer,
                    "`" + path + "` has " + set.size() + " " + what + "s (" + String.join(", ", set.stream().map(s -> "`" + s + "`").toList()) + "); Kubernetes allows one.",
                    "Keep one of them.");
        }
    }

    /** VVP writes the volume's name three times; flinkops fills in the inner ones when they are left out. */
    private static void sameName(RuleContext context, Resolved<?> resource, String pointer, String path, JsonNode node, String name) {
        if (name == null || !node.has("name") || name.equals(node.path("name").asText())) return;
        context.report(Code.INVALID_KUBERNETES_OBJECT, resource, pointer,
                "`" + path + "` is `" + node.path("name").asText() + "`, but the entry is named `" + name + "`.",
                "Use the same name in `name`, `volume.name` and `volumeMount.name` (or leave the inner names out).");
    }

    private static void report(RuleContext context, Resolved<?> resource, Code code, String pointer, List<KubernetesModelCheck.Problem> problems) {
        for (KubernetesModelCheck.Problem p : problems) {
            String at = pointer + p.pointer();
            if (p.atKey()) context.reportKey(code, resource, at, p.message(), p.hint());
            else context.report(code, resource, at, p.message(), p.hint());
        }
    }
}
