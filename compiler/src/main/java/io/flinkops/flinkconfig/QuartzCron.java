package io.flinkops.flinkconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a text is a cron expression that Quartz 2.4 ({@code org.quartz.CronExpression}, which the operator's
 * autoscaler reads its excluded periods with) accepts: 6 or 7 fields (seconds, minutes, hours, day of month, month,
 * day of week, year), each a {@code ,}-list of values, ranges, steps, {@code *}, {@code ?}, names ({@code JAN},
 * {@code MON}) and the {@code L}, {@code W}, {@code #} forms; exactly one of day of month and day of week is
 * {@code ?}.
 *
 * <p>Quartz is lenient in places (it ignores what follows a name or a complete value, and fields after the
 * seventh); this check follows it there, so that it never rejects what the operator accepts.
 */
final class QuartzCron {
    private static final int SECOND = 0;
    private static final int MINUTE = 1;
    private static final int HOUR = 2;
    private static final int DAY_OF_MONTH = 3;
    private static final int MONTH = 4;
    private static final int DAY_OF_WEEK = 5;
    private static final int YEAR = 6;
    private static final String[] FIELD_NAMES = {"seconds", "minutes", "hours", "day of month", "month", "day of week", "year"};
    private static final int[] MIN = {0, 0, 0, 1, 1, 1, 0};
    private static final int[] MAX = {59, 59, 23, 31, 12, 7, Integer.MAX_VALUE};
    private static final int[] MAX_STEP = {59, 59, 23, 31, 12, 7, Integer.MAX_VALUE};
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final Map<String, Integer> DAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);

    private QuartzCron() {
    }

    /** Why Quartz rejects {@code expression}, or empty when it accepts it. */
    static Optional<String> problem(String expression) {
        try {
            new QuartzCron.Parse(expression.toUpperCase(Locale.US)).run();
            return Optional.empty();
        } catch (Invalid e) {
            return Optional.of(e.getMessage());
        }
    }

    private static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /** One parse; Quartz keeps this state in the expression object. */
    private static final class Parse {
        private final String text;
        private boolean dayOfMonthNoSpec;
        private boolean dayOfWeekNoSpec;
        private boolean lastDayOfMonth;

        Parse(String text) {
            this.text = text;
        }

        void run() throws Invalid {
            List<String> fields = new ArrayList<>();
            for (String token : text.split("[ \t]+")) {
                if (!token.isEmpty()) fields.add(token);
            }
            if (fields.size() < 6) {
                throw new Invalid("it has " + fields.size() + " field" + (fields.size() == 1 ? "" : "s")
                        + ", but a Quartz cron expression has 6 or 7 (seconds, minutes, hours, day of month, month, day of week, year)");
            }
            // Quartz reads seven fields at most and ignores the rest.
            for (int type = SECOND; type <= YEAR && type < fields.size(); type++) field(type, fields.get(type));
            if (dayOfMonthNoSpec == dayOfWeekNoSpec) {
                throw new Invalid("exactly one of the day-of-month and day-of-week fields must be `?`");
            }
        }

        private void field(int type, String field) throws Invalid {
            if (type == DAY_OF_MONTH && field.indexOf('L') >= 0 && field.length() > 1 && field.contains(",")) {
                throw new Invalid("`L` cannot be combined with other days of the month");
            }
            if (type == DAY_OF_WEEK && field.indexOf('L') >= 0 && field.length() > 1 && field.contains(",")) {
                throw new Invalid("`L` cannot be combined with other days of the week");
            }
            if (type == DAY_OF_WEEK && field.indexOf('#') != field.lastIndexOf('#')) {
                throw new Invalid("only one `#` (nth day of the week) is supported");
            }
            for (String item : field.split(",")) {
                if (!item.isEmpty()) item(type, item);
            }
        }

        private void item(int type, String s) throws Invalid {
            char c = s.charAt(0);
            if (c >= 'A' && c <= 'Z' && !s.equals("L") && !s.equals("LW") && !s.matches("^L-[0-9]*W?")) {
                name(type, s);
                return;
            }
            if (c == '?') {
                if (s.length() > 2) throw new Invalid("unexpected `" + s.charAt(1) + "` after `?` in the " + FIELD_NAMES[type] + " field");
                if (type != DAY_OF_MONTH && type != DAY_OF_WEEK) {
                    throw new Invalid("`?` is only allowed in the day-of-month and day-of-week fields");
                }
                if (type == DAY_OF_WEEK && !lastDayOfMonth && dayOfMonthNoSpec) {
                    throw new Invalid("`?` cannot be both the day of month and the day of week");
                }
                if (type == DAY_OF_MONTH) dayOfMonthNoSpec = true;
                else dayOfWeekNoSpec = true;
                return;
            }
            if (c == '*' || c == '/') {
                if (c == '*' && s.length() == 1) return;
                if (c == '/' && s.length() == 1) throw new Invalid("`/` must be followed by a number in the " + FIELD_NAMES[type] + " field");
                int i = c == '*' ? 1 : 0;
                if (s.charAt(i) != '/') return; // Quartz ignores what follows `*`
                String step = s.substring(i + 1);
                if (step.isEmpty()) throw new Invalid("`/` must be followed by a number in the " + FIELD_NAMES[type] + " field");
                checkStep(type, parseInt(step, type));
                return;
            }
            if (c == 'L') {
                lastDay(type, s);
                return;
            }
            if (c >= '0' && c <= '9') {
                number(type, s);
                return;
            }
            throw new Invalid("unexpected character `" + c + "` in the " + FIELD_NAMES[type] + " field");
        }

        /** A month or day name, optionally {@code -NAME}, or for days {@code #n} or {@code L}; Quartz ignores the rest. */
        private void name(int type, String s) throws Invalid {
            if (type != MONTH && type != DAY_OF_WEEK) {
                throw new Invalid("names such as `" + s + "` are not allowed in the " + FIELD_NAMES[type] + " field");
            }
            if (s.length() < 3) throw new Invalid("`" + s + "` is not a " + (type == MONTH ? "month" : "day") + " name");
            checkName(type, s.substring(0, 3));
            if (s.length() > 3) {
                char next = s.charAt(3);
                if (next == '-') {
                    if (s.length() < 7) throw new Invalid("`" + s + "` is not a range of " + (type == MONTH ? "months" : "days"));
                    checkName(type, s.substring(4, 7));
                } else if (next == '#' && type == DAY_OF_WEEK) {
                    nth(s.substring(4));
                }
            }
        }

        private static void checkName(int type, String name) throws Invalid {
            boolean known = type == MONTH ? MONTHS.contains(name) : DAYS.containsKey(name);
            if (!known) throw new Invalid("`" + name + "` is not a " + (type == MONTH ? "month (JAN-DEC)" : "day of the week (SUN-SAT)"));
        }

        private void lastDay(int type, String s) throws Invalid {
            if (type == DAY_OF_MONTH) lastDayOfMonth = true;
            if (type != DAY_OF_MONTH || s.length() == 1) return;
            int i = 1;
            if (s.charAt(i) == '-') {
                i++;
                if (i >= s.length()) throw new Invalid("`L-` must be followed by a number of days");
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                int offset = start == i ? 0 : parseInt(s.substring(start, i), type);
                if (offset > 30) throw new Invalid("the offset from the last day of the month must be 30 or less");
            }
        }

        /** A value, and what may follow it: {@code L}, {@code W}, {@code #n}, {@code -end[/step]}, {@code /step}. */
        private void number(int type, String s) throws Invalid {
            int i = digits(s, 0);
            int value = parseInt(s.substring(0, i), type);
            if (i == s.length()) {
                checkRange(type, value, -1);
                return;
            }
            char c = s.charAt(i);
            switch (c) {
                case 'L' -> {
                    if (type != DAY_OF_WEEK) throw new Invalid("`L` after a number is only allowed in the day-of-week field");
                    if (value < 1 || value > 7) throw new Invalid("days of the week are 1-7");
                }
                case 'W' -> {
                    if (type != DAY_OF_MONTH) throw new Invalid("`W` is only allowed in the day-of-month field");
                    if (value > 31) throw new Invalid("`W` needs a day of the month of 31 or less");
                }
                case '#' -> {
                    if (type != DAY_OF_WEEK) throw new Invalid("`#` is only allowed in the day-of-week field");
                    nth(s.substring(i + 1));
                }
                case '-' -> {
                    int start = i + 1;
                    if (start >= s.length() || !Character.isDigit(s.charAt(start))) {
                        throw new Invalid("`" + s + "`: a range needs a number after `-` in the " + FIELD_NAMES[type] + " field");
                    }
                    int end = digits(s, start);
                    int last = parseInt(s.substring(start, end), type);
                    if (end < s.length() && s.charAt(end) == '/') {
                        int stepStart = end + 1;
                        if (stepStart >= s.length() || !Character.isDigit(s.charAt(stepStart))) {
                            throw new Invalid("`/` must be followed by a number in the " + FIELD_NAMES[type] + " field");
                        }
                        parseInt(s.substring(stepStart, digits(s, stepStart)), type);
                    }
                    checkRange(type, value, last);
                    if (type == YEAR && last < value) throw new Invalid("a range of years must not end before it starts");
                }
                case '/' -> {
                    int stepStart = i + 1;
                    if (stepStart >= s.length()) throw new Invalid("`/` must be followed by a number in the " + FIELD_NAMES[type] + " field");
                    if (!Character.isDigit(s.charAt(stepStart))) {
                        throw new Invalid("unexpected `" + s.charAt(stepStart) + "` after `/` in the " + FIELD_NAMES[type] + " field");
                    }
                    int end = digits(s, stepStart);
                    // Quartz reads one digit, then the rest of a number; after a one-digit step it wants nothing else.
                    if (end == stepStart + 1 && end < s.length()) {
                        throw new Invalid("unexpected `" + s.charAt(end) + "` after `/` in the " + FIELD_NAMES[type] + " field");
                    }
                    checkStep(type, parseInt(s.substring(stepStart, end), type));
                    checkRange(type, value, -1);
                }
                default -> checkRange(type, value, -1); // Quartz ignores what follows a complete value
            }
        }

        private static void nth(String n) throws Invalid {
            try {
                int nth = Integer.parseInt(n);
                if (nth >= 1 && nth <= 5) return;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new Invalid("`#` must be followed by a number from 1 to 5");
        }

        private static int digits(String s, int from) {
            int i = from;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            return i;
        }

        private static int parseInt(String digits, int type) throws Invalid {
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                throw new Invalid("`" + digits + "` is not a number in the " + FIELD_NAMES[type] + " field");
            }
        }

        private static void checkRange(int type, int value, int end) throws Invalid {
            if (type == YEAR) return;
            boolean bad = type == DAY_OF_WEEK ? value == 0 || value > 7 || end > 7 : value < MIN[type] || value > MAX[type] || end > MAX[type];
            if (bad) {
                throw new Invalid("the " + FIELD_NAMES[type] + " must be " + MIN[type] + "-" + MAX[type] + ", not " + (end > MAX[type] ? end : value));
            }
        }

        private static void checkStep(int type, int step) throws Invalid {
            if (step > MAX_STEP[type]) throw new Invalid("a step of " + step + " is too large for the " + FIELD_NAMES[type] + " field");
        }
    }
}
