package io.flinkops.quantity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * A JobManager/TaskManager {@code memory} value read the way the Flink Kubernetes Operator reads it: as a
 * Flink memory size first ({@code 2g}, {@code 1536m}; units are binary), and only when that fails as a
 * Kubernetes quantity ({@code 2Gi}, {@code 2G} = 2×10⁹). Both readings are kept so that rules can tell
 * when a value means different amounts to Flink and to Kubernetes.
 *
 * <p>Unlike the operator, flinkops does not upper-case a value before reading it as a Kubernetes quantity
 * (the operator reads {@code 2gib} as {@code 2Gi}), and requires a whole, positive number of bytes.
 * Renderers should write {@link #toFlinkString()}, which every operator version reads the same way: the
 * operator's own check rejects every fractional quantity such as {@code 1.5Gi}, because fabric8 turns it
 * into {@code 1610612736.0}, which Flink's MemorySize cannot parse.
 *
 * @param text       the value as written
 * @param flink      the Flink reading
 * @param kubernetes the Kubernetes reading
 */
public record MemorySize(String text, FlinkMemorySize.Result flink, KubernetesQuantity.Result kubernetes) {

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigInteger NICE = BigInteger.valueOf(10_000);

    public static MemorySize of(String text) {
        return new MemorySize(text, FlinkMemorySize.parse(text), KubernetesQuantity.parse(text));
    }

    /** The byte count the operator uses (Flink's reading first), if the value has a valid one. */
    public Optional<Long> bytes() {
        if (flink.ok()) return Optional.of(flink.bytes());
        if (!kubernetes.ok()) return Optional.empty();
        BigDecimal v = kubernetes.value();
        if (v.signum() < 0 || v.compareTo(LONG_MAX) > 0 || !isWhole(v)) return Optional.empty();
        return Optional.of(v.longValueExact());
    }

    /**
     * Why the value has no valid byte count, as a clause to follow the value ("is negative"), or empty when
     * it has one.
     */
    public Optional<String> problem() {
        if (flink.ok()) return Optional.empty();
        if (!kubernetes.ok()) return Optional.of("is neither a Flink memory size nor a Kubernetes quantity");
        BigDecimal v = kubernetes.value();
        if (v.signum() < 0) return Optional.of("is negative");
        if (!isWhole(v)) return Optional.of("is " + plain(v) + " bytes to Kubernetes, not a whole number of bytes");
        if (v.compareTo(LONG_MAX) > 0) return Optional.of("is too large");
        return Optional.empty();
    }

    /** Whether Flink and Kubernetes both read the value but to different amounts ({@code 2G}, {@code 1024m}, {@code 500k}). */
    public boolean ambiguous() {
        return flink.ok() && kubernetes.ok()
                && BigDecimal.valueOf(flink.bytes()).compareTo(kubernetes.value()) != 0;
    }

    /** The exact Kubernetes reading in bytes, if Kubernetes reads the value. */
    public Optional<BigDecimal> kubernetesBytes() {
        return kubernetes.ok() ? Optional.of(kubernetes.value()) : Optional.empty();
    }

    /** The value in Flink syntax, with a unit Kubernetes does not also read ({@code 2g}, {@code 1536mb}). */
    public Optional<String> toFlinkString() {
        return bytes().map(FlinkMemorySize::format);
    }

    /** "2147483648 bytes (2 GiB)", "2000000000 bytes", "1.024 bytes"; the binary unit only when it reads well. */
    public static String describe(BigDecimal bytes) {
        String plain = plain(bytes) + (bytes.compareTo(BigDecimal.ONE) == 0 ? " byte" : " bytes");
        if (!isWhole(bytes) || bytes.signum() <= 0) return plain;
        return binary(bytes.toBigIntegerExact()).map(b -> plain + " (" + b + ")").orElse(plain);
    }

    /** "2 GiB", "1536 MiB", "500 KiB": the largest binary unit that divides {@code bytes} into a readable number. */
    public static Optional<String> binary(BigInteger bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        String best = null;
        BigInteger unit = BigInteger.ONE;
        for (String u : units) {
            unit = unit.shiftLeft(10);
            if (bytes.compareTo(unit) >= 0 && bytes.mod(unit).signum() == 0 && bytes.divide(unit).compareTo(NICE) < 0) {
                best = bytes.divide(unit) + " " + u;
            }
        }
        return Optional.ofNullable(best);
    }

    public static String describe(long bytes) {
        return describe(BigDecimal.valueOf(bytes));
    }

    private static boolean isWhole(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
