package io.flinkops.render;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of Kubernetes object flinkops emits, with its API group, version and plural: the one list that the
 * renderers stamp their objects with and that the agent allows itself to write (nothing else is ever applied).
 * Listed in dependency order: what a Flink pod needs exists before the FlinkDeployment that starts it.
 */
public enum ObjectKind {
    SERVICE_ACCOUNT("", "v1", "ServiceAccount", "serviceaccounts"),
    ROLE("rbac.authorization.k8s.io", "v1", "Role", "roles"),
    ROLE_BINDING("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
    CONFIG_MAP("", "v1", "ConfigMap", "configmaps"),
    FLINK_DEPLOYMENT("flink.apache.org", "v1beta1", "FlinkDeployment", "flinkdeployments"),
    FLINK_SESSION_JOB("flink.apache.org", "v1beta1", "FlinkSessionJob", "flinksessionjobs"),
    /** Day-2 savepoints on operator 1.10+ (docs/day-2.md): after the job it references. */
    FLINK_STATE_SNAPSHOT("flink.apache.org", "v1beta1", "FlinkStateSnapshot", "flinkstatesnapshots");

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;

    ObjectKind(String group, String version, String kind, String plural) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
    }

    /** The API group; "" for the core group. */
    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    /** The object's {@code apiVersion}: {@code v1}, {@code flink.apache.org/v1beta1}. */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The object's {@code kind}. */
    public String kind() {
        return kind;
    }

    /** The resource name in API paths. */
    public String plural() {
        return plural;
    }

    /** The kind an object of {@code apiVersion} and {@code kind} has, if flinkops emits it. */
    public static Optional<ObjectKind> of(String apiVersion, String kind) {
        return Arrays.stream(values()).filter(k -> k.apiVersion().equals(apiVersion) && k.kind.equals(kind)).findFirst();
    }

    /** "ServiceAccount (v1), Role (rbac.authorization.k8s.io/v1), …" for messages. */
    public static String describeAll() {
        return String.join(", ", Arrays.stream(values()).map(k -> k.kind + " (" + k.apiVersion() + ")").toList());
    }
}
