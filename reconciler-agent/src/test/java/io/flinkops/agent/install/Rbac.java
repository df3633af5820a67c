package io.flinkops.agent.install;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Kubernetes RBAC authorization, as the API server's RBAC authorizer decides it, over the Roles, ClusterRoles and
 * bindings of one kustomize build: may this ServiceAccount make this request? Only what the install's manifests grant
 * counts (no default cluster roles such as {@code system:basic-user}, which grant nothing the agent uses).
 */
final class Rbac {
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    /**
     * One authorization check, as the API server makes it.
     *
     * @param namespace the request's namespace; null for a cluster-scope request (a list across all namespaces)
     * @param name      the object's name; null when the request has none (list, create by POST)
     */
    record Request(String verb, String group, String resource, String namespace, String name) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (name == null ? "" : " " + name)
                    + (namespace == null ? " (all namespaces)" : " in " + namespace);
        }
    }

    record Subject(String namespace, String name) {
        @Override
        public String toString() {
            return "ServiceAccount " + namespace + "/" + name;
        }
    }

    private final List<JsonNode> objects;

    Rbac(List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    /** Does any binding of {@code subject} in this build allow {@code q}? */
    boolean allows(Subject subject, Request q) {
        for (JsonNode binding : objects) {
            String kind = binding.path("kind").asText();
            boolean clusterWide = kind.equals("ClusterRoleBinding");
            if (!clusterWide && !kind.equals("RoleBinding")) continue;
            if (!binds(binding, subject)) continue;
            String bindingNamespace = binding.path("metadata").path("namespace").asText(null);
            // A RoleBinding grants only in its own namespace, never at cluster scope.
            if (!clusterWide && (q.namespace() == null || !q.namespace().equals(bindingNamespace))) continue;
            JsonNode role = role(binding.path("roleRef"), bindingNamespace);
            if (role == null) continue; // a binding to a missing role grants nothing, as in Kubernetes
            for (JsonNode rule : role.path("rules")) {
                if (matches(rule, q)) return true;
            }
        }
        return false;
    }

    /** The bindings in this build, ClusterRoleBindings and RoleBindings. */
    List<JsonNode> bindings() {
        return objects.stream().filter(o -> o.path("kind").asText().endsWith("RoleBinding")).toList();
    }

    /** The Role (in {@code namespace}) or ClusterRole a roleRef names, or null when the build has none. */
    JsonNode role(JsonNode roleRef, String namespace) {
        String kind = roleRef.path("kind").asText();
        String name = roleRef.path("name").asText();
        for (JsonNode o : objects) {
            if (!o.path("kind").asText().equals(kind) || !o.path("metadata").path("name").asText().equals(name)) continue;
            if (kind.equals("Role") && !Objects.equals(namespace, o.path("metadata").path("namespace").asText(null))) continue;
            return o;
        }
        return null;
    }

    static boolean binds(JsonNode binding, Subject subject) {
        for (JsonNode s : binding.path("subjects")) {
            if (s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(subject.name())
                    && s.path("namespace").asText().equals(subject.namespace())) return true;
        }
        return false;
    }

    private static boolean matches(JsonNode rule, Request q) {
        if (!has(rule.path("apiGroups"), q.group()) || !has(rule.path("resources"), q.resource()) || !has(rule.path("verbs"), q.verb())) {
            return false;
        }
        JsonNode names = rule.path("resourceNames");
        // resourceNames restrict a rule to named objects: a request without a name (list, create) does not match it.
        return names.isEmpty() || (q.name() != null && contains(names, q.name()));
    }

    private static boolean has(JsonNode list, String value) {
        return contains(list, value) || contains(list, "*");
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode v : list) if (v.asText().equals(value)) return true;
        return false;
    }

    /**
     * Everything a Role or ClusterRole grants, one line per verb and resource: {@code "patch flink.apache.org/flinkdeployments"},
     * with {@code " [name,...]"} when the rule names its objects. Sorted, for exact comparison.
     */
    static SortedSet<String> grants(JsonNode role) {
        SortedSet<String> out = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            List<String> names = new ArrayList<>();
            rule.path("resourceNames").forEach(n -> names.add(n.asText()));
            String suffix = names.isEmpty() ? "" : " " + names.stream().sorted().toList();
            for (JsonNode g : rule.path("apiGroups")) {
                for (JsonNode r : rule.path("resources")) {
                    for (JsonNode v : rule.path("verbs")) {
                        out.add(grant(v.asText(), g.asText(), r.asText()) + suffix);
                    }
                }
            }
        }
        return out;
    }

    static String grant(String verb, String group, String resource) {
        return verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
    }
}
