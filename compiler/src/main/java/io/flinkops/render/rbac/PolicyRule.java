package io.flinkops.render.rbac;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;

/**
 * One rule of a Kubernetes Role ({@code rbac.authorization.k8s.io/v1 PolicyRule}).
 *
 * @param resourceNames restricts the rule to these objects; empty means every object of the resources, so a
 *                      rule meant to be restricted must never be emitted with an empty list (see
 *                      {@link #restrictedTo})
 */
public record PolicyRule(List<String> apiGroups, List<String> resources, List<String> verbs, List<String> resourceNames) {
    /** The core API group ({@code v1}: pods, configmaps, events…). */
    public static final String CORE = "";
    public static final String APPS = "apps";
    public static final String FLINK = "flink.apache.org";

    public PolicyRule {
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        verbs = List.copyOf(verbs);
        resourceNames = List.copyOf(resourceNames);
    }

    public static PolicyRule of(String apiGroup, List<String> resources, String... verbs) {
        return new PolicyRule(List.of(apiGroup), resources, List.of(verbs), List.of());
    }

    /** This rule, restricted to the named objects (sorted); an empty collection is a programming error. */
    public PolicyRule restrictedTo(Collection<String> names) {
        if (names.isEmpty()) throw new IllegalArgumentException("resourceNames must not be empty: it would grant every object");
        return new PolicyRule(apiGroups, resources, verbs, names.stream().distinct().sorted().toList());
    }

    public ObjectNode toJson() {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        apiGroups.forEach(rule.putArray("apiGroups")::add);
        resources.forEach(rule.putArray("resources")::add);
        if (!resourceNames.isEmpty()) resourceNames.forEach(rule.putArray("resourceNames")::add);
        verbs.forEach(rule.putArray("verbs")::add);
        return rule;
    }
}
