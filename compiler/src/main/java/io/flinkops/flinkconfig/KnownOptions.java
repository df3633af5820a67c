package io.flinkops.flinkconfig;

import io.flinkops.model.FlinkVersions;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configuration keys Flink knows, by version, and the current name of a deprecated key (FO402, FO403, FO408-FO410).
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

    /** A Flink minor version as the catalogue is asked for it: {@code 1.20}. */
    Pattern MINOR_VERSION = Pattern.compile("[0-9]+\\.[0-9]+");

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

    /** The catalogued Flink versions ({@code major.minor}), oldest first. */
    List<String> versions();

    /**
     * Whether keys are checked against {@code flinkVersion}: a minor version not older than the oldest catalogued one.
     * An older version (which the operator refuses, FO602) or something that is not a version is not checked; a newer
     * one is answered with the newest catalogued version of its major.
     */
    default boolean checksVersion(String flinkVersion) {
        return flinkVersion != null && MINOR_VERSION.matcher(flinkVersion).matches() && !versions().isEmpty()
                && FlinkVersions.compare(flinkVersion, versions().get(0)) >= 0;
    }

    /**
     * The key Flink {@code flinkMajorMinor} reads {@code key} as, when {@code key} is there only the deprecated (or
     * fallback) name of another key it knows; empty for its primary keys and keys it does not know.
     */
    Optional<String> canonicalKeyOf(String key, String flinkMajorMinor);

    /**
     * The name under which Flink {@code flinkMajorMinor} knows the option of {@code key}: the key itself, its new name
     * (the key was removed there) or an old name (the key is newer than that version); empty if it has no such option.
     */
    Optional<String> nameIn(String key, String flinkMajorMinor);

    /**
     * The Flink version in which {@code key} was removed, seen from Flink {@code flinkMajorMinor}, a 2.x version: the
     * key is known to a catalogued 1.x version but not to {@code flinkMajorMinor}; the version named is the first
     * catalogued one after the newest that still knows it. Empty for 1.x versions and keys the version knows.
     */
    default Optional<String> removedIn(String key, String flinkMajorMinor) {
        if (flinkMajorMinor == null || !MINOR_VERSION.matcher(flinkMajorMinor).matches() || flinkMajorMinor.startsWith("1.")
                || isKnown(key, flinkMajorMinor)) return Optional.empty();
        List<String> all = versions();
        String lastKnown = null;
        for (String v : all) {
            if (FlinkVersions.compare(v, flinkMajorMinor) > 0) break;
            if (isKnown(key, v)) lastKnown = v;
        }
        if (lastKnown == null) return Optional.empty(); // unknown to every version up to this one: not removed, unknown
        boolean known1x = all.stream().anyMatch(v -> v.startsWith("1.") && isKnown(key, v));
        if (!known1x) return Optional.empty();
        int next = all.indexOf(lastKnown) + 1;
        return Optional.of(next < all.size() ? all.get(next) : flinkMajorMinor);
    }

    /**
     * The current name of {@code key}: from the catalogue, else from the options flinkops itself knows under several
     * names ({@link FlinkOptions#aliases()}), else the key itself.
     */
    default String currentName(String key) {
        return canonicalKeyOf(key).orElseGet(() -> FlinkOptions.aliases().getOrDefault(key, key));
    }
}
