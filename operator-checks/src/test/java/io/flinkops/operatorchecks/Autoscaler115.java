package io.flinkops.operatorchecks;

import org.apache.logging.log4j.core.util.CronExpression;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The autoscaler admission check of operator 1.15.0 ({@code AutoscalerValidator.validateAutoscalerOptions}, which its
 * {@code DefaultValidator} runs last for a FlinkDeployment and a FlinkSessionJob), emulated: operator 1.7.0 checks only
 * the scale factors, the old {@code target.utilization} key and the boundary for a lower bound of 0, and not the
 * excluded periods. Written from the 1.15.0 sources (ranges, keys and their fallbacks, messages); for the cron
 * part of an excluded period it asks log4j-core's {@code CronExpression}, which is Quartz's parser carried over
 * (Quartz itself is not on this classpath).
 */
final class Autoscaler115 {
    private static final String PREFIX = "job.autoscaler.";
    private static final String OLD_PREFIX = "kubernetes.operator.job.autoscaler.";

    /** One option: its key, then the keys Flink falls back to, in order. */
    private record Option(String key, List<String> fallbacks) {
        static Option of(String name) {
            return new Option(PREFIX + name, List.of(OLD_PREFIX + name));
        }

        /** The value Flink's {@code Configuration.get} reads: the key's, else the first fallback that is present. */
        Optional<String> value(Map<String, String> config) {
            if (config.containsKey(key)) return Optional.of(config.get(key));
            return fallbacks.stream().filter(config::containsKey).findFirst().map(config::get);
        }
    }

    private static final Option ENABLED = Option.of("enabled");
    private static final Option SCALE_DOWN = Option.of("scale-down.max-factor");
    private static final Option SCALE_UP = Option.of("scale-up.max-factor");
    private static final Option TARGET = new Option(PREFIX + "utilization.target",
            List.of(OLD_PREFIX + "utilization.target", OLD_PREFIX + "target.utilization", PREFIX + "target.utilization"));
    private static final Option BOUNDARY = Option.of("target.utilization.boundary");
    private static final Option MAX = Option.of("utilization.max");
    private static final Option MIN = Option.of("utilization.min");
    private static final Option COEFFICIENT_MIN = Option.of("observed-scalability.coefficient-min");
    private static final Option EXCLUDED_PERIODS = Option.of("excluded.periods");
    private static final double DEFAULT_TARGET = 0.7;

    private Autoscaler115() {
    }

    /** The first refusal, in the operator's order, for the effective configuration; empty when admitted. */
    static Optional<String> validate(Map<String, String> config) {
        if (!ENABLED.value(config).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false)) return Optional.empty();
        Optional<String> first = number(config, SCALE_DOWN, 0.0, null);
        if (first.isEmpty()) first = number(config, SCALE_UP, 0.0, null);
        if (first.isEmpty()) first = number(config, TARGET, 0.0, 1.0);
        if (first.isEmpty()) first = number(config, BOUNDARY, 0.0, null);
        if (first.isPresent()) return first;
        double target = TARGET.value(config).map(v -> Double.parseDouble(v.trim())).orElse(DEFAULT_TARGET); // valid: checked above
        first = number(config, MAX, target, 1.0);
        if (first.isEmpty()) first = number(config, MIN, 0.0, target);
        if (first.isEmpty()) first = number(config, COEFFICIENT_MIN, 0.01, 1.0);
        if (first.isEmpty()) first = excludedPeriods(config);
        return first;
    }

    private static Optional<String> number(Map<String, String> config, Option option, Double min, Double max) {
        Optional<String> raw = option.value(config);
        if (raw.isEmpty()) return Optional.empty();
        double value;
        try {
            value = Double.parseDouble(raw.get().trim());
        } catch (NumberFormatException e) {
            return Optional.of("Invalid value in the autoscaler config " + option.key());
        }
        if ((min != null && value < min) || (max != null && value > max)) {
            return Optional.of("The AutoScalerOption " + option.key() + " is invalid, it should be a value within the range ["
                    + (min == null ? "-Infinity" : min.toString()) + ", " + (max == null ? "+Infinity" : max.toString()) + "]");
        }
        return Optional.empty();
    }

    private static Optional<String> excludedPeriods(Map<String, String> config) {
        Optional<String> raw = EXCLUDED_PERIODS.value(config);
        if (raw.isEmpty()) return Optional.empty();
        String key = EXCLUDED_PERIODS.key();
        for (String expression : split(raw.get())) {
            String[] parts = expression.split("&&");
            if (parts.length > 2) return Optional.of("Invalid value " + expression + " in the autoscaler config " + key);
            boolean daily = false;
            boolean cron = false;
            for (String part : parts) {
                boolean d = isDaily(part.strip());
                boolean c = isCron(part.strip());
                daily |= d;
                cron |= c;
                if (!d && !c) {
                    return Optional.of("Invalid value " + expression + " in the autoscaler config " + key
                            + ", the value is neither a valid daily expression nor a valid cron expression");
                }
            }
            if (parts.length == 2 && !(daily && cron)) {
                return Optional.of("Invalid value " + expression + " in the autoscaler config " + key
                        + ", the value can not be configured as dailyExpression && dailyExpression or cronExpression && cronExpression");
            }
        }
        return Optional.empty();
    }

    /** Quartz's {@code DailyCalendar(start, end)}: {@code H:M[:S[:ms]]} each, start strictly before end. */
    private static boolean isDaily(String text) {
        String[] ends = text.split("-");
        if (ends.length != 2) return false;
        long start = millisOfDay(ends[0]);
        long end = millisOfDay(ends[1]);
        return start >= 0 && end >= 0 && start < end;
    }

    private static long millisOfDay(String time) {
        List<String> parts = new ArrayList<>();
        for (String p : time.split(":")) {
            if (!p.isEmpty()) parts.add(p);
        }
        if (parts.size() < 2 || parts.size() > 4) return -1;
        int[] max = {23, 59, 59, 999};
        long[] unit = {3_600_000, 60_000, 1_000, 1};
        long millis = 0;
        for (int i = 0; i < parts.size(); i++) {
            int v;
            try {
                v = Integer.parseInt(parts.get(i));
            } catch (NumberFormatException e) {
                return -1;
            }
            if (v < 0 || v > max[i]) return -1;
            millis += v * unit[i];
        }
        return millis;
    }

    private static boolean isCron(String text) {
        try {
            new CronExpression(text);
            return true;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /** A Flink list value: {@code ;}-separated, entries trimmed, an empty first or last entry dropped. */
    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(";", -1)) out.add(s.trim());
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        if (!out.isEmpty() && out.get(0).isEmpty()) out.remove(0);
        return out;
    }
}
