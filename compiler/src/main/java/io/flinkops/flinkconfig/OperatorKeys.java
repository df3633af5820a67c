package io.flinkops.flinkconfig;

import java.util.List;
import java.util.Map;

/**
 * What the Flink Kubernetes Operator does with keys of a resource's {@code flinkConfiguration} itself, rather than
 * passing them to Flink: keys it refuses, keys it reads before or without starting Flink, and keys whose change it
 * records without restarting the job.
 */
public final class OperatorKeys {
    private OperatorKeys() {
    }

    /**
     * A key the operator sets itself and rejects in a resource ({@code DefaultValidator}: "Forbidden Flink config key").
     *
     * @param setTo what the operator sets it to
     * @param hint  what to do instead
     */
    public record Forbidden(String setTo, String hint) {
    }

    public static final Map<String, Forbidden> FORBIDDEN = Map.of(
            "kubernetes.namespace", new Forbidden("to the Kubernetes namespace of the FlinkDeployment",
                    "Remove the key; the Kubernetes namespace comes from the DeploymentTarget's `kubernetes.namespace`."),
            "kubernetes.cluster-id", new Forbidden("to the name of the FlinkDeployment",
                    "Remove the key; the cluster id is the name of the Deployment or SessionCluster."),
            "high-availability.cluster-id", new Forbidden("to the cluster id, so that the HA data of each deployment stays apart",
                    "Remove the key; the operator derives it from the cluster id."));

    /**
     * Prefixes of the keys whose change the operator records without restarting (its spec diff marks them
     * {@code IGNORE}): its own options and the autoscaler's, and the default parallelism (the job's parallelism is
     * in the spec).
     */
    private static final List<String> NO_RESTART_PREFIXES = List.of("job.autoscaler", FlinkOptions.DEFAULT_PARALLELISM.current(),
            "kubernetes.operator");

    /** The operator's own option families (its jar, not Flink's), read per resource from {@code flinkConfiguration}. */
    public static final List<String> OPERATOR_PREFIXES = List.of("kubernetes.operator.", "job.autoscaler.");

    /** Whether a change of {@code key} is recorded by the operator without restarting the job or cluster. */
    public static boolean changeWithoutRestart(String key) {
        return NO_RESTART_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** Whether {@code key} is one of the operator's own options. */
    public static boolean isOperatorOption(String key) {
        return OPERATOR_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /**
     * Keys whose value the operator reads itself, or from which it derives other settings, before or without starting
     * Flink: a {@code ${…}} reference there would be used unexpanded (Flink's pods fill references in, the operator
     * does not).
     */
    public static boolean readByOperator(String key) {
        return key.startsWith("kubernetes.") || key.startsWith("job.autoscaler.") || key.startsWith("$internal.")
                || key.startsWith("security.ssl.rest.")
                || FlinkOptions.SAVEPOINT_DIR.names().contains(key)
                || FlinkOptions.HA_STORAGE_DIR.names().contains(key);
    }
}
