package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.flinkops.render.Ownership;

import java.util.List;
import java.util.Optional;

/**
 * The kinds the agent may write, in dependency order, each with an explicit {@link ResourceDefinitionContext} (no API
 * discovery). Anything else is refused whatever the repo says.
 */
enum Kinds {
    SERVICE_ACCOUNT("", "v1", "ServiceAccount", "serviceaccounts"),
    ROLE("rbac.authorization.k8s.io", "v1", "Role", "roles"),
    ROLE_BINDING("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
    CONFIG_MAP("", "v1", "ConfigMap", "configmaps"),
    /** A FlinkDeployment labelled {@code flinkops.io/session-cluster}: before the jobs that run on it. */
    SESSION_CLUSTER("flink.apache.org", "v1beta1", "FlinkDeployment", "flinkdeployments"),
    FLINK_DEPLOYMENT("flink.apache.org", "v1beta1", "FlinkDeployment", "flinkdeployments"),
    FLINK_SESSION_JOB("flink.apache.org", "v1beta1", "FlinkSessionJob", "flinksessionjobs");

    /** One entry per API resource (session clusters and application deployments share one), for listing. */
    static final List<Kinds> RESOURCES = List.of(SERVICE_ACCOUNT, ROLE, ROLE_BINDING, CONFIG_MAP, FLINK_DEPLOYMENT, FLINK_SESSION_JOB);

    final String apiVersion;
    final String kind;
    final ResourceDefinitionContext context;

    Kinds(String group, String version, String kind, String plural) {
        this.apiVersion = group.isEmpty() ? version : group + "/" + version;
        this.kind = kind;
        this.context = new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    /** The {@link #RESOURCES} entry this kind is listed under (session clusters are FlinkDeployments). */
    Kinds resource() {
        return this == SESSION_CLUSTER ? FLINK_DEPLOYMENT : this;
    }

    /** The allowlisted kind of an object (session clusters told apart by their label), or empty. */
    static Optional<Kinds> of(String apiVersion, String kind, JsonNode labels) {
        for (Kinds k : values()) {
            if (k == SESSION_CLUSTER || !k.apiVersion.equals(apiVersion) || !k.kind.equals(kind)) continue;
            if (k == FLINK_DEPLOYMENT && labels != null && labels.hasNonNull(Ownership.SESSION_CLUSTER)) return Optional.of(SESSION_CLUSTER);
            return Optional.of(k);
        }
        return Optional.empty();
    }

    static String allowlist() {
        return "ServiceAccount, Role, RoleBinding (rbac.authorization.k8s.io/v1), ConfigMap (v1), FlinkDeployment, FlinkSessionJob (flink.apache.org/v1beta1)";
    }
}
