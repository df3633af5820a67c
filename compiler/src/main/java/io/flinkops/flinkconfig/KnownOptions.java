package io.flinkops.flinkconfig;

import java.util.List;
import java.util.Optional;

/**
 * The configuration keys Flink knows, by version, and the current name of a deprecated key (FO402, FO403).
 * Implemented by the catalogue generated from Flink's own option definitions ({@link OptionCatalogue}).
 */
public interface KnownOptions {

    /**
     * Key families that no option definition in Flink's jars lists, yet are read (FO402 does not warn):
     * <ul>
     * <li>{@code kubernetes.operator.}, {@code job.autoscaler.}: the Flink Kubernetes Operator's own options
     *     (its jar, not Flink's), read per resource from {@code flinkConfiguration};</li>
     * <li>{@code s3.}, {@code s3a.}, {@code fs.s3a.}, {@code presto.s3.}, {@code gs.}, {@code fs.gs.},
     *     {@code fs.azure.}, {@code fs.oss.}: the filesystem plugins copy every key with their prefixes into
     *     their Hadoop/Presto configuration;</li>
     * <li>{@code flink.hadoop.}: copied into the Hadoop configuration;</li>
     * <li>{@code containerized.master.env.}, {@code containerized.taskmanager.env.}: environment variables
     *     of the JobManager and TaskManager processes (the rest of the key is the variable's name);</li>
     * <li>{@code pipeline.global-job-parameters.}: the map option written one entry per key.</li>
     * </ul>
     * Reporter and external-resource families ({@code metrics.reporter.<name>.*}, {@code traces.reporter.<name>.*},
     * {@code external-resource.<name>.*}) are in the catalogue itself as placeholder keys.
     */
    List<String> PASS_THROUGH_PREFIXES = List.of(
            OperatorKeys.OPERATOR_PREFIXES.get(0), OperatorKeys.OPERATOR_PREFIXES.get(1),
            "s3.", "s3a.", "fs.s3a.", "presto.s3.", "gs.", "fs.gs.", "fs.azure.", "fs.oss.",
            "flink.hadoop.",
            "containerized.master.env.", "containerized.taskmanager.env.",
            "pipeline.global-job-parameters.");

    /** Whether {@code key} belongs to a family that is read although no option lists it. */
    static boolean isPassThrough(String key) {
        for (String prefix : PASS_THROUGH_PREFIXES) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) return true;
        }
        return false;
    }

    /** Whether some catalogued Flink version accepts {@code key} (under its current or a deprecated name). */
    boolean isKnown(String key);

    /** Whether Flink {@code flinkMajorMinor} (e.g. "1.20") accepts {@code key}. */
    boolean isKnown(String key, String flinkMajorMinor);

    /** The current name of a deprecated key; empty for current and unknown keys. */
    Optional<String> canonicalKeyOf(String key);

    /** "Did you mean" candidates for an unknown key, best first. */
    List<String> suggestions(String unknownKey, int max);

    /**
     * The current name of {@code key}: from the catalogue, else from the options flinkops itself knows under several
     * names ({@link FlinkOptions#aliases()}), else the key itself.
     */
    default String currentName(String key) {
        return canonicalKeyOf(key).orElseGet(() -> FlinkOptions.aliases().getOrDefault(key, key));
    }
}
