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
     * The range the autoscaler's admission check requires of one of its options when the autoscaler is enabled
     * ({@code AutoscalerValidator}, release 1.15.0). A bound is a number, or (null with {@code byTarget}) the effective
     * utilization target; a null bound without it is open.
     *
     * @param minByTarget the lower bound is the utilization target
     * @param maxByTarget the upper bound is the utilization target
     */
    public record AutoscalerRange(FlinkOption option, Double min, boolean minByTarget, Double max, boolean maxByTarget) {
        static AutoscalerRange of(FlinkOption option, Double min, Double max) {
            return new AutoscalerRange(option, min, false, max, false);
        }
    }

    /** The utilization target when it is not set ({@code job.autoscaler.utilization.target}). */
    public static final double DEFAULT_UTILIZATION_TARGET = 0.7;

    /** The autoscaler options the operator checks, in the order it checks them. */
    public static final List<AutoscalerRange> AUTOSCALER_RANGES = List.of(
            AutoscalerRange.of(FlinkOptions.AUTOSCALER_MAX_SCALE_DOWN_FACTOR, 0.0, null),
            AutoscalerRange.of(FlinkOptions.AUTOSCALER_MAX_SCALE_UP_FACTOR, 0.0, null),
            AutoscalerRange.of(FlinkOptions.AUTOSCALER_UTILIZATION_TARGET, 0.0, 1.0),
            AutoscalerRange.of(FlinkOptions.AUTOSCALER_UTILIZATION_BOUNDARY, 0.0, null),
            new AutoscalerRange(FlinkOptions.AUTOSCALER_UTILIZATION_MAX, null, true, 1.0, false),
            new AutoscalerRange(FlinkOptions.AUTOSCALER_UTILIZATION_MIN, 0.0, false, null, true),
            AutoscalerRange.of(FlinkOptions.AUTOSCALER_SCALABILITY_COEFFICIENT_MIN, 0.01, 1.0));

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
