package io.flinkops.validate.rules.logging;

import io.flinkops.model.FieldPath;
import io.flinkops.diag.Code;
import io.flinkops.diag.Suggestions;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** FO701, FO705: the levels and names of {@code log4jLoggers}, which log4j would otherwise ignore or misread. */
public final class LoggerRules implements Rule {

    /** log4j2's standard levels. log4j reads them case-insensitively, and so does flinkops. */
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF", "ALL");

    /** Level names from other logging systems, with the log4j level that means the same. */
    private static final Map<String, String> LEVEL_ALIASES = Map.ofEntries(
            Map.entry("WARNING", "WARN"), Map.entry("ERR", "ERROR"), Map.entry("SEVERE", "ERROR"),
            Map.entry("CRITICAL", "FATAL"), Map.entry("INFORMATION", "INFO"), Map.entry("NOTICE", "INFO"),
            Map.entry("CONFIG", "INFO"), Map.entry("FINE", "DEBUG"), Map.entry("FINER", "TRACE"),
            Map.entry("FINEST", "TRACE"), Map.entry("VERBOSE", "TRACE"), Map.entry("NONE", "OFF"),
            Map.entry("DISABLED", "OFF"), Map.entry("ON", "ALL"));

    /** What a logger name may hold: a Java package or class name (with `$` for nested classes) or a hyphenated name. */
    private static final Pattern LOGGER_NAME = Pattern.compile("[\\p{L}\\p{N}_$-]+(\\.[\\p{L}\\p{N}_$-]+)*");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.INVALID_LOG_LEVEL, Code.INVALID_LOGGER_NAME);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (LoggingBlock block : LoggingBlock.of(plan)) {
            if (block.logging() == null || block.logging().log4jLoggers() == null) continue;
            block.logging().log4jLoggers().forEach((logger, level) -> checkLogger(context, block.resource(), block.pointer(), logger, level));
        }
    }

    private static void checkLogger(RuleContext context, Resolved<?> resource, FieldPath base, String logger, String level) {
        FieldPath pointer = base.child("log4jLoggers", logger);
        if (!logger.isEmpty()) checkLoggerName(context, resource, pointer, logger);
        if (level == null) return;
        String upper = level.toUpperCase(Locale.ROOT);
        if (LEVELS.contains(upper)) return;
        String candidate = upper.strip();
        String suggestion = LEVELS.contains(candidate) ? candidate
                : LEVEL_ALIASES.getOrDefault(candidate, Suggestions.closest(candidate, LEVELS).orElse(null));
        String who = logger.isEmpty() ? "The root logger (`\"\"`)" : "Logger `" + logger + "`";
        context.report(Code.INVALID_LOG_LEVEL, resource, pointer,
                who + " has the level `" + level + "`, which log4j does not know.",
                (suggestion == null ? "" : "Did you mean `" + suggestion + "`? ") + "Levels: " + String.join(", ", LEVELS) + ".");
    }

    private static void checkLoggerName(RuleContext context, Resolved<?> resource, FieldPath pointer, String logger) {
        if (logger.equalsIgnoreCase("root") || logger.equalsIgnoreCase("rootLogger")) {
            context.reportKey(Code.INVALID_LOGGER_NAME, resource, pointer,
                    "Logger `" + logger + "` is an ordinary logger of that name, not the root logger.",
                    "Use the key `\"\"` to set the root logger's level.");
            return;
        }
        if (LOGGER_NAME.matcher(logger).matches()) return;
        String bad = logger.codePoints()
                .filter(c -> !(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-' || c == '.'))
                .findFirst().stream().mapToObj(LoggerRules::describeChar).findFirst()
                .orElse("an empty part between dots");
        context.reportKey(Code.INVALID_LOGGER_NAME, resource, pointer,
                "Logger name `" + printable(logger) + "` contains " + bad + ", which no logger name has.",
                "Use a Java package or class name: letters, digits, `_`, `$` and `-`, in parts separated by single dots.");
    }

    private static String describeChar(int c) {
        return switch (c) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            case '\n', '\r' -> "a line break";
            default -> Character.isISOControl(c) ? String.format("the control character U+%04X", c) : "`" + Character.toString(c) + "`";
        };
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '\n') out.append("\\n");
            else if (c == '\r') out.append("\\r");
            else if (c == '\t') out.append("\\t");
            else if (Character.isISOControl(c)) out.append(String.format("\\u%04x", c));
            else out.appendCodePoint(c);
        });
        return out.toString();
    }
}
