package io.flinkops.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Flink versions each Flink Kubernetes Operator release accepts in {@code spec.flinkVersion}.
 *
 * <p>Source: the {@code FlinkVersion} enum and the FlinkDeployment CRD
 * ({@code helm/flink-kubernetes-operator/crds/flinkdeployments.flink.apache.org-v1.yml}) at the
 * apache/flink-kubernetes-operator tags release-1.7.0 … release-1.15.0. The enum starts at v1_13, but
 * v1_13 and v1_14 are "no longer supported since 1.7" ({@code FlinkVersion.isSupported}: at least v1_15;
 * the validator rejects older versions from 1.9 on). The newest version is v1_19 up to 1.9, v1_20 in 1.10,
 * v2_0 in 1.11 and 1.12, and v2_2 from 1.13; the 1.15.0 Java enum goes on to v2_4, but the CRD shipped with
 * 1.15.0 stops at v2_2, and the emitted objects must pass that CRD, so 2.2 is the newest for 1.15 too.
 */
public final class FlinkVersions {

    /** Every Flink minor version some operator release knows, oldest first (the enum's order). */
    public static final List<String> ALL = List.of(
            "1.13", "1.14", "1.15", "1.16", "1.17", "1.18", "1.19", "1.20", "2.0", "2.1", "2.2");

    /** The oldest Flink version any supported operator release runs. */
    public static final String OLDEST_SUPPORTED = "1.15";

    /** Operator release → newest Flink version it accepts. Keep in step with repository.schema.json. */
    public static final Map<String, String> NEWEST_BY_OPERATOR;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("1.7", "1.19");
        m.put("1.8", "1.19");
        m.put("1.9", "1.19");
        m.put("1.10", "1.20");
        m.put("1.11", "2.0");
        m.put("1.12", "2.0");
        m.put("1.13", "2.2");
        m.put("1.14", "2.2");
        m.put("1.15", "2.2");
        NEWEST_BY_OPERATOR = java.util.Collections.unmodifiableMap(m);
    }

    private static final Pattern MINOR = Pattern.compile("([0-9]+)\\.([0-9]+)");
    private static final Pattern PATCH = Pattern.compile("([0-9]+)\\.([0-9]+)\\.[0-9]+");

    private FlinkVersions() {
    }

    /** Whether {@code flinkVersion} is a Flink minor version some operator release knows (null is not). */
    public static boolean isKnown(String flinkVersion) {
        return flinkVersion != null && ALL.contains(flinkVersion);
    }

    /** Whether {@code operatorVersion} is an operator release flinkops knows. */
    public static boolean knowsOperator(String operatorVersion) {
        return NEWEST_BY_OPERATOR.containsKey(operatorVersion);
    }

    /** The Flink versions {@code operatorVersion} supports, oldest first; empty for an unknown operator. */
    public static List<String> supported(String operatorVersion) {
        String newest = NEWEST_BY_OPERATOR.get(operatorVersion);
        if (newest == null) return List.of();
        return ALL.subList(ALL.indexOf(OLDEST_SUPPORTED), ALL.indexOf(newest) + 1);
    }

    public static boolean isSupported(String flinkVersion, String operatorVersion) {
        return supported(operatorVersion).contains(flinkVersion);
    }

    /** The oldest known operator release that supports {@code flinkVersion}, if any. */
    public static Optional<String> firstOperatorSupporting(String flinkVersion) {
        return NEWEST_BY_OPERATOR.keySet().stream().filter(op -> isSupported(flinkVersion, op)).findFirst();
    }

    /** Whether the text is a minor version such as {@code 1.20} (not necessarily a known one). */
    public static boolean isMinorVersion(String text) {
        return text != null && MINOR.matcher(text).matches();
    }

    /** {@code 1.20} for a patch version such as {@code 1.20.1}. */
    public static Optional<String> minorOfPatch(String text) {
        if (text == null) return Optional.empty();
        Matcher m = PATCH.matcher(text);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2))) : Optional.empty();
    }

    /**
     * Compares dotted version numbers part by part as numbers ({@code 1.9} &lt; {@code 1.10} &lt; {@code 2.0}); a missing
     * or non-numeric part counts as 0. Flink and operator versions alike.
     */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? number(x[i]) : 0;
            int q = i < y.length ? number(y[i]) : 0;
            if (p != q) return Integer.compare(p, q);
        }
        return 0;
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The minor version of the operator's enum constant, e.g. {@code 1.20} for {@code v1_20}; "?" for null. */
    public static String fromEnumName(String enumName) {
        return enumName == null ? "?" : enumName.replaceFirst("^v", "").replace('_', '.');
    }

    /** The operator's enum constant for a minor version, e.g. {@code v1_20} for {@code 1.20}. */
    public static String enumName(String flinkVersion) {
        return "v" + flinkVersion.replace('.', '_');
    }

    /** "1.15 to 1.19" or "1.15 to 1.20 and 2.0 to 2.2": the versions grouped by major version. */
    public static String describe(List<String> versions) {
        List<String> groups = new ArrayList<>();
        String first = null;
        String last = null;
        for (String v : versions) {
            if (first != null && !major(v).equals(major(first))) {
                groups.add(range(first, last));
                first = null;
            }
            if (first == null) first = v;
            last = v;
        }
        if (first != null) groups.add(range(first, last));
        return String.join(" and ", groups);
    }

    /** The major version of {@code v} ({@code 1.20} → {@code 1}), or {@code v} itself when it has no dot. */
    public static String major(String v) {
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    private static String range(String first, String last) {
        return first.equals(last) ? first : first + " to " + last;
    }
}
