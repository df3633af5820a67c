package io.flinkops.render.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;

import java.util.List;

/** Kubernetes RBAC's rule matching, enough to ask what an emitted Role allows. */
final class Rbac {
    private Rbac() {
    }

    /**
     * Whether {@code role} allows {@code verb} on {@code resource} (with subresource, e.g. {@code pods/log}) of
     * {@code apiGroup}; {@code name} is the object's name, or null for requests without one (list, watch,
     * create), which rules with resourceNames never match.
     */
    static boolean allows(Role role, String apiGroup, String resource, String verb, String name) {
        for (PolicyRule r : role.getRules()) {
            if (matches(r.getApiGroups(), apiGroup) && matches(r.getResources(), resource) && matches(r.getVerbs(), verb)
                    && (empty(r.getResourceNames()) || name != null && r.getResourceNames().contains(name))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> values, String value) {
        return values != null && (values.contains(value) || values.contains("*"));
    }

    private static boolean empty(List<String> values) {
        return values == null || values.isEmpty();
    }
}
