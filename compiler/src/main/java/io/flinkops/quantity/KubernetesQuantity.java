package io.flinkops.quantity;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes quantity syntax ({@code k8s.io/apimachinery/pkg/api/resource.ParseQuantity}):
 * <pre>
 * quantity ::= [+-] number suffix
 * number   ::= digits | digits "." digits | digits "." | "." digits
 * suffix   ::= "" | binarySI | decimalSI | ("e" | "E") [+-] digits
 * binarySI ::= Ki | Mi | Gi | Ti | Pi | Ei          (powers of 1024)
 * decimalSI::= n | u | m | k | M | G | T | P | E    (powers of 1000; m is milli, not mega)
 * </pre>
 * Suffixes are case-sensitive and no whitespace is allowed. The value is exact (a {@link BigDecimal}).
 */
public final class KubernetesQuantity {
    private static final Pattern SYNTAX = Pattern.compile(
            "([+-]?)([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");
    private static final int MAX_EXPONENT = 1000;

    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
    private static final Map<String, BigDecimal> MULTIPLIERS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("Ki", KIBI),
            Map.entry("Mi", KIBI.pow(2)),
            Map.entry("Gi", KIBI.pow(3)),
            Map.entry("Ti", KIBI.pow(4)),
            Map.entry("Pi", KIBI.pow(5)),
            Map.entry("Ei", KIBI.pow(6)),
            Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
            Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
            Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
            Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
            Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
            Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
            Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
            Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
            Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)));

    /** The outcome of parsing: the exact value with its suffix, or why the text is not a quantity. */
    public record Result(BigDecimal value, String suffix, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private KubernetesQuantity() {
    }

    public static Result parse(String text) {
        if (text == null || text.isEmpty()) return new Result(null, null, "the value is empty");
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) return new Result(null, null, "it is not a Kubernetes quantity");
        String number = m.group(2);
        if (number.endsWith(".")) number = number.substring(0, number.length() - 1);
        BigDecimal value = new BigDecimal(number);
        if (m.group(1).equals("-")) value = value.negate();
        String suffix = m.group(3) == null ? "" : m.group(3);
        BigDecimal multiplier = MULTIPLIERS.get(suffix);
        if (multiplier != null) {
            value = value.multiply(multiplier);
        } else {
            String digits = suffix.substring(1);
            int exponent;
            try {
                exponent = Integer.parseInt(digits.startsWith("+") ? digits.substring(1) : digits);
            } catch (NumberFormatException e) {
                return new Result(null, null, "the exponent is too large");
            }
            if (Math.abs(exponent) > MAX_EXPONENT) return new Result(null, null, "the exponent is too large");
            value = value.scaleByPowerOfTen(exponent);
        }
        return new Result(value, suffix, null);
    }

    public static boolean parses(String text) {
        return parse(text).ok();
    }
}
