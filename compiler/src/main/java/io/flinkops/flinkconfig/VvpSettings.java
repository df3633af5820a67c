package io.flinkops.flinkconfig;

import io.flinkops.model.FlinkVersions;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Ververica Platform settings in {@code flinkConfiguration} that Apache Flink does not have (FO411–FO413), and the one
 * flinkops translates.
 *
 * <ul>
 * <li>{@code high-availability: vvp-kubernetes} is VVP's own Kubernetes high availability (deprecated since VVP 2.10),
 *     which keeps its metadata in VVP's Universal Blob Storage. Its Apache Flink counterpart is Flink's Kubernetes high
 *     availability, the same ConfigMap-based leader election, which VVP itself recommends instead: flinkops renders
 *     that (under the key and value the Flink version reads), so that a repo exported from VVP keeps its HA, and warns
 *     (FO411). Flink's needs {@code high-availability.storageDir}, which VVP took from Universal Blob Storage: without
 *     it the JobManager does not start, so that is an error (FO412) rather than a silent translation.</li>
 * <li>{@code wiaz://} is VVP's own file system for Azure Blob Storage with workload identity (a VVP plugin in VVP's
 *     Flink images); Apache Flink has no such scheme (FO413).</li>
 * </ul>
 */
public final class VvpSettings {
    private VvpSettings() {
    }

    /** VVP's own high availability, as the value of {@code high-availability} or {@code high-availability.type}. */
    public static final String VVP_HA = "vvp-kubernetes";
    /** VVP's Azure workload identity file system. */
    public static final Pattern VVP_FILE_SYSTEM = Pattern.compile("(?i)\\bwiaz://");
    /** The factory Flink 1.15 names Kubernetes high availability by (the value {@code kubernetes} is 1.16+). */
    public static final String KUBERNETES_HA_FACTORY = "org.apache.flink.kubernetes.highavailability.KubernetesHaServicesFactory";

    /** Whether {@code value} names VVP's own high availability. */
    public static boolean isVvpHa(String value) {
        return value != null && value.trim().toLowerCase(Locale.ROOT).equals(VVP_HA);
    }

    /** The key and value under which Flink {@code flinkVersion} turns on its Kubernetes high availability. */
    public static Map.Entry<String, String> kubernetesHa(String flinkVersion) {
        boolean known = flinkVersion != null && FlinkVersions.isMinorVersion(flinkVersion);
        if (known && FlinkVersions.compare(flinkVersion, "1.16") < 0) {
            return Map.entry(FlinkOptions.HA_TYPE.names().get(1), KUBERNETES_HA_FACTORY);
        }
        if (known && FlinkVersions.compare(flinkVersion, "1.17") < 0) {
            return Map.entry(FlinkOptions.HA_TYPE.names().get(1), "kubernetes");
        }
        return Map.entry(FlinkOptions.HA_TYPE.current(), "kubernetes");
    }

    /** "`high-availability.type: kubernetes`", as the translation is written for {@code flinkVersion}. */
    public static String describeKubernetesHa(String flinkVersion) {
        Map.Entry<String, String> ha = kubernetesHa(flinkVersion);
        return "`" + ha.getKey() + ": " + ha.getValue() + "`";
    }

    /** The key under which {@code configuration} names VVP's high availability, if it does. */
    public static Optional<String> vvpHaKey(Map<String, String> configuration) {
        return FlinkOptions.HA_TYPE.names().stream().filter(k -> isVvpHa(configuration.get(k))).findFirst();
    }

    /**
     * Replaces VVP's high availability in an emitted configuration by Flink's Kubernetes high availability for
     * {@code flinkVersion} (the rules report it: FO411, or FO412 when it cannot work).
     */
    public static void translate(SortedMap<String, String> configuration, String flinkVersion) {
        Optional<String> key = vvpHaKey(configuration);
        if (key.isEmpty()) return;
        configuration.remove(key.get());
        Map.Entry<String, String> ha = kubernetesHa(flinkVersion);
        configuration.putIfAbsent(ha.getKey(), ha.getValue());
    }
}
