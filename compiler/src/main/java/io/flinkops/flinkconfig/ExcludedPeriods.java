package io.flinkops.flinkconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringTokenizer;

/**
 * The autoscaler's excluded periods ({@code job.autoscaler.excluded.periods}), read as the operator reads them
 * ({@code CalendarUtils.validateExcludedPeriods}, release 1.15.0): a {@code ;}-separated list of expressions, each a
 * daily time range ({@code 09:30-11:00}, Quartz's {@code DailyCalendar}: {@code H:M[:S[:ms]]}, start before end), a
 * Quartz cron expression, or one of each joined by {@code &&}.
 */
public final class ExcludedPeriods {
    private ExcludedPeriods() {
    }

    /**
     * Why the operator refuses the value: the first invalid expression and what is wrong with it; empty when every
     * expression is valid.
     */
    public static Optional<String> problem(String value) {
        for (String expression : list(value)) {
            Optional<String> problem = expressionProblem(expression);
            if (problem.isPresent()) return Optional.of("`" + expression + "` " + problem.get());
        }
        return Optional.empty();
    }

    private static Optional<String> expressionProblem(String expression) {
        String[] parts = expression.split("&&");
        if (parts.length > 2) return Optional.of("joins more than two expressions with `&&`");
        boolean anyDaily = false;
        boolean anyCron = false;
        for (String raw : parts) {
            String part = raw.strip();
            Optional<String> dailyProblem = dailyProblem(part);
            Optional<String> cronProblem = QuartzCron.problem(part);
            anyDaily |= dailyProblem.isEmpty();
            anyCron |= cronProblem.isEmpty();
            if (dailyProblem.isPresent() && cronProblem.isPresent()) {
                boolean looksDaily = part.contains(":") && part.contains("-");
                return Optional.of(looksDaily
                        ? "is not a valid daily time range: " + dailyProblem.get()
                        : "is neither a daily time range nor a valid cron expression: " + cronProblem.get());
            }
        }
        if (parts.length == 2 && !(anyDaily && anyCron)) {
            return Optional.of("joins two expressions of the same kind; `&&` joins a daily time range and a cron expression");
        }
        return Optional.empty();
    }

    /** Why {@code text} is not a daily time range {@code start-end}, or empty when it is one. */
    static Optional<String> dailyProblem(String text) {
        String[] ends = text.split("-");
        if (ends.length != 2) return Optional.of("a daily time range is `start-end`, e.g. `09:00-17:30`");
        try {
            int start = time(ends[0]);
            int end = time(ends[1]);
            if (start >= end) return Optional.of("the start " + ends[0] + " is not before the end " + ends[1]);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** {@code H:M[:S[:ms]]} as milliseconds of the day. */
    private static int time(String text) {
        List<String> parts = new ArrayList<>();
        StringTokenizer tokens = new StringTokenizer(text, ":");
        while (tokens.hasMoreTokens()) parts.add(tokens.nextToken());
        if (parts.size() < 2 || parts.size() > 4) throw new IllegalArgumentException("`" + text + "` is not a time of day `H:M[:S]`");
        int[] limits = {23, 59, 59, 999};
        String[] names = {"hour", "minute", "second", "millisecond"};
        int[] values = new int[4];
        for (int i = 0; i < parts.size(); i++) {
            int v;
            try {
                v = Integer.parseInt(parts.get(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("`" + text + "` is not a time of day `H:M[:S]`");
            }
            if (v < 0 || v > limits[i]) throw new IllegalArgumentException("the " + names[i] + " of `" + text + "` is not 0-" + limits[i]);
            values[i] = v;
        }
        return ((values[0] * 60 + values[1]) * 60 + values[2]) * 1000 + values[3];
    }

    /**
     * The expressions of a Flink list value: split at {@code ;} outside quotes, each trimmed (quotes removed); an
     * empty first or last entry is dropped, as Flink drops it.
     */
    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else current.append(c);
            } else if ((c == '\'' || c == '"') && current.toString().isBlank()) {
                quote = c;
                current.setLength(0);
            } else if (c == ';') {
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString().strip());
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) out.remove(out.size() - 1);
        if (!out.isEmpty() && out.get(0).isEmpty()) out.remove(0);
        return out;
    }
}
