package io.flinkops.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.flinkops.diag.Code;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.pods.PodTemplates;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YamlJson;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * FO802: a pod template is a valid Kubernetes PodTemplateSpec whose containers Kubernetes accepts, with Flink in
 * {@code flink-main-container}. Checked on the effective spec, so a template from a defaults file is reported there.
 */
public final class PodTemplateRule implements Rule {

    /** The container Flink runs in; every other container of a pod template is a sidecar. */
    private static final String MAIN_CONTAINER = PodTemplates.MAIN_CONTAINER;

    private static final Code CODE = Code.INVALID_POD_TEMPLATE;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Override
    public Set<Code> codes() {
        return Set.of(CODE);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (KubernetesSection section : KubernetesSection.all(plan)) {
            for (String template : KubernetesSection.TEMPLATES) {
                if (section.resource().at(section.at(template)) instanceof YMap t) podTemplate(context, section, template, t);
            }
        }
    }

    private static void podTemplate(RuleContext context, KubernetesSection section, String field, YMap template) {
        Resolved<?> resource = section.resource();
        FieldPath pointer = section.at(field);
        // the checks below read the structure, so they wait until it is valid
        if (!ModelCheckReport.valid(context, CODE, resource, pointer, template, PodTemplateSpec.class, field)) return;
        JsonNode spec = YamlJson.toJson(template).path("spec");
        Map<String, String> names = new HashMap<>();
        for (String list : List.of("containers", "initContainers")) {
            JsonNode containers = spec.path(list);
            for (int i = 0; i < containers.size(); i++) {
                container(context, resource, pointer.child("spec", list).index(i), field + ".spec." + list + "[" + i + "]",
                        list.equals("initContainers"), containers.get(i), names);
            }
        }
    }

    private static void container(RuleContext context, Resolved<?> resource, FieldPath pointer, String path, boolean init,
                                  JsonNode container, Map<String, String> names) {
        String name = container.path("name").asText(null);
        if (name == null) {
            context.report(CODE, resource, pointer, "`" + path + "` has no `name`.",
                    "Name it: `" + MAIN_CONTAINER + "` is the Flink container; any other name is a sidecar.");
        } else if (!DNS_LABEL.matcher(name).matches() || name.length() > 63) {
            context.report(CODE, resource, pointer.child("name"), "Container name `" + name + "` is not a valid Kubernetes name.",
                    "Use at most 63 lower-case letters, digits and `-`, starting and ending with a letter or digit.");
        } else if (names.containsKey(name)) {
            context.report(CODE, resource, pointer.child("name"), "Container name `" + name + "` is used twice in this pod (also at `" + names.get(name) + "`).",
                    "Give every container of the pod its own name.");
        } else {
            names.put(name, path);
        }
        boolean main = MAIN_CONTAINER.equals(name);
        if (main && init) {
            context.report(CODE, resource, pointer.child("name"), "`" + MAIN_CONTAINER + "` is listed under `initContainers`.",
                    "Move it to `containers`; Flink runs in that container, it is not an init container.");
        } else if (!main && !container.has("image")) {
            String dym = name == null ? "" : Suggestions.didYouMean(name, List.of(MAIN_CONTAINER));
            context.report(CODE, resource, name == null ? pointer : pointer.child("name"),
                    (init ? "Init container" : "Sidecar container") + (name == null ? "" : " `" + name + "`") + " has no `image`.",
                    dym.isEmpty()
                            ? "Give it an `image`; only `" + MAIN_CONTAINER + "` gets its image from flinkops."
                            : dym + " Only `" + MAIN_CONTAINER + "` gets its image from flinkops; every other container needs an `image`.");
        }
        ports(context, resource, pointer, path, container.path("ports"));
        requestsWithinLimits(context, resource, pointer, path, container.path("resources"));
    }

    private static void ports(RuleContext context, Resolved<?> resource, FieldPath pointer, String path, JsonNode ports) {
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i).path("containerPort");
            if (port.isIntegralNumber() && (port.asLong() < 1 || port.asLong() > 65535)) {
                context.report(CODE, resource, pointer.child("ports").index(i).child("containerPort"),
                        "`" + path + ".ports[" + i + "].containerPort` is " + port.asText() + ", outside 1–65535.", "Use a port number from 1 to 65535.");
            }
        }
    }

    private static void requestsWithinLimits(RuleContext context, Resolved<?> resource, FieldPath pointer, String path, JsonNode resources) {
        JsonNode requests = resources.path("requests");
        JsonNode limits = resources.path("limits");
        for (Iterator<String> it = requests.fieldNames(); it.hasNext(); ) {
            String resourceName = it.next();
            if (!limits.has(resourceName)) continue;
            BigDecimal request = amount(requests.get(resourceName));
            BigDecimal limit = amount(limits.get(resourceName));
            if (request != null && limit != null && request.compareTo(limit) > 0) {
                context.report(CODE, resource, pointer.child("resources", "requests", resourceName),
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
}
