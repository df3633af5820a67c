package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.diag.Suggestions;
import io.flinkops.logging.LogTemplates;
import io.flinkops.logging.LoggingProfiles;
import io.flinkops.model.Logging;
import io.flinkops.model.RepositorySpec;
import io.flinkops.render.logging.LogConfigurations;
import io.flinkops.render.logging.LogVariables;
import io.flinkops.resolve.Pointers;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.source.SourceTree;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.JsonPointers;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YamlLimits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * FO701–FO706: logging. Logger levels and names, the logging profile a Deployment or SessionCluster
 * names, its inline {@code log4j2ConfigurationTemplate}, and the profile templates flinkops.yaml declares.
 * Template problems are reported at their line inside the template: in the YAML block scalar that holds
 * an inline template, or in the profile's own file.
 */
public final class LoggingRules implements Rule {

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

    static final String DEPLOYMENT_LOGGING = Pointers.TEMPLATE_SPEC + "/logging";
    static final String SESSION_CLUSTER_LOGGING = "/spec/logging";
    private static final String TEMPLATE_FIELD = "log4j2ConfigurationTemplate";

    @Override
    public Set<Code> codes() {
        return Set.of(Code.INVALID_LOG_LEVEL, Code.UNKNOWN_LOGGING_PROFILE, Code.LOG_TEMPLATE_SYNTAX,
                Code.LOGGING_PROFILE_FILE_MISSING, Code.INVALID_LOGGER_NAME, Code.LOG_TEMPLATE_NOT_PROPERTIES);
    }

    @Override
    public void check(ResolvedRepo repo, RuleContext context) {
        new Run(repo, context).check();
    }

    private static final class Run {
        private final ResolvedRepo repo;
        private final RuleContext context;
        private final LoggingProfiles profiles;
        /** False when flinkops.yaml exists but failed its schema: its profiles are unknown, so names are not checked. */
        private final boolean profilesKnown;
        private final Map<String, Optional<List<String>>> fileLines = new HashMap<>();

        Run(ResolvedRepo repo, RuleContext context) {
            this.repo = repo;
            this.context = context;
            this.profiles = LoggingProfiles.load(repo.loaded().source(), repo.settings());
            this.profilesKnown = repo.repository().map(Resolved::isTyped).orElse(true);
        }

        void check() {
            repo.repository().filter(Resolved::isTyped).ifPresent(this::checkDeclaredProfiles);
            repo.deployments().filter(Resolved::isTyped).forEach(d -> {
                Logging logging = d.spec().templateSpec().logging();
                checkLogging(d, DEPLOYMENT_LOGGING, logging);
                // A job on a session cluster logs with the cluster's configuration; its own is not rendered.
                if (d.spec().sessionClusterName() == null) {
                    tryRendering(d, DEPLOYMENT_LOGGING, logging, "Deployment", LogVariables.forDeployment(d.namespace(), d.name()));
                }
            });
            for (ResolvedNamespace ns : repo.namespaces().values()) {
                ns.sessionClusters().values().stream().filter(Resolved::isTyped).forEach(s -> {
                    checkLogging(s, SESSION_CLUSTER_LOGGING, s.spec().logging());
                    tryRendering(s, SESSION_CLUSTER_LOGGING, s.spec().logging(), "SessionCluster",
                            LogVariables.forSessionCluster(s.namespace(), s.name()));
                });
            }
            reportRenderFailures();
        }

        // ---- rendering (FO703, FO706): what only shows when a template is rendered with the real variables

        private LogConfigurations renderer;

        /** Render failures by place and message, with the resources that hit them. */
        private final Map<List<Object>, List<String>> renderFailures = new LinkedHashMap<>();

        /**
         * Renders the log configuration exactly as the render stage will, so that a template that fails only
         * with real values (an attribute of a string, output over the size cap, XML or a malformed escape in the
         * output) is reported here and rendering never fails on a validated repo.
         */
        private void tryRendering(Resolved<?> resource, String base, Logging logging, String kind, LogVariables variables) {
            if (renderer == null) renderer = new LogConfigurations(profiles);
            LogConfigurations.Outcome outcome = renderer.attempt(logging, variables);
            if (outcome.ok()) return;
            LogConfigurations.Stage stage = outcome.failure().stage();
            // Missing profiles and problems of the template text are reported by the checks above.
            if (stage != LogConfigurations.Stage.RENDER && stage != LogConfigurations.Stage.OUTPUT) return;
            LogTemplates.Problem problem = outcome.failure().problem();
            Code code = stage == LogConfigurations.Stage.RENDER ? Code.LOG_TEMPLATE_SYNTAX : Code.LOG_TEMPLATE_NOT_PROPERTIES;
            LogConfigurations.Source source = outcome.source();
            Location at;
            String pointer;
            String message = problem.message();
            if (source.kind() == LogConfigurations.Source.Kind.INLINE) {
                pointer = base + "/" + TEMPLATE_FIELD;
                if (!(resource.at(pointer) instanceof YScalar scalar)) return;
                Placed placed = place(scalar, scalar.text(), problem);
                at = placed.location();
                if (!placed.exact()) message = message.replaceFirst("\\.$", "") + " (line " + problem.line() + " of the template).";
            } else if (source.kind() == LogConfigurations.Source.Kind.REPOSITORY_PROFILE && source.path() != null) {
                String file = LoggingProfiles.normalize(source.path());
                List<String> lines = profiles.get(source.profile()).flatMap(LoggingProfiles.Profile::text)
                        .map(t -> t.lines().toList()).orElse(List.of());
                int line = Math.max(1, Math.min(problem.line(), Math.max(1, lines.size())));
                at = new Location(file, line, columnIn(line <= lines.size() ? lines.get(line - 1) : "", problem.near()));
                pointer = "";
            } else {
                pointer = base + "/loggingProfile";
                at = resource.locate(pointer);
            }
            renderFailures.computeIfAbsent(List.of(code, at, pointer, message, problem.hint()), k -> new ArrayList<>())
                    .add(kind + " `" + resource.name() + "`");
        }

        private void reportRenderFailures() {
            renderFailures.forEach((key, who) -> {
                String message = (String) key.get(3);
                String whom = who.size() == 1 ? who.get(0) : who.get(0) + " and " + (who.size() - 1) + " more";
                context.diagnostics().report((Code) key.get(0), (Location) key.get(1), (String) key.get(2),
                        message.replaceFirst("\\.$", "") + " (rendering " + whom + ").", (String) key.get(4));
            });
        }

        // ---- flinkops.yaml loggingProfiles (FO704, and FO703/FO706 in the profile files)

        private void checkDeclaredProfiles(Resolved<RepositorySpec> repository) {
            for (LoggingProfiles.Profile p : profiles.declared()) {
                String pointer = JsonPointers.of("spec", "loggingProfiles", p.name(), "file");
                if (!p.readable()) {
                    context.report(Code.LOGGING_PROFILE_FILE_MISSING, repository, pointer, p.problem(), p.hint());
                    continue;
                }
                String file = LoggingProfiles.normalize(p.path());
                String text = p.text().orElseThrow();
                String subject = "Logging profile `" + p.name() + "`";
                List<String> lines = text.lines().toList();
                if (text.isBlank()) {
                    context.diagnostics().report(Code.LOG_TEMPLATE_SYNTAX, Location.ofFile(file), "",
                            subject + " is empty, so log4j would fall back to its error-only default configuration.",
                            "Write the log4j2 properties template into the file.");
                    continue;
                }
                if (LogTemplates.looksLikeXml(text)) {
                    int first = 1;
                    while (first < lines.size() && lines.get(first - 1).isBlank()) first++;
                    String content = first <= lines.size() ? lines.get(first - 1) : "";
                    context.diagnostics().report(Code.LOG_TEMPLATE_NOT_PROPERTIES, new Location(file, first, columnIn(content, "<")), "",
                            subject + " is an XML log4j2 configuration, but Flink reads `log4j-console.properties` as a properties file.",
                            xmlHint());
                }
                for (LogTemplates.Problem problem : LogTemplates.analyze(text, subject).problems()) {
                    int line = Math.max(1, Math.min(problem.line(), Math.max(1, lines.size())));
                    String content = line <= lines.size() ? lines.get(line - 1) : "";
                    context.diagnostics().report(Code.LOG_TEMPLATE_SYNTAX, new Location(file, line, columnIn(content, problem.near())), "",
                            problem.message(), problem.hint());
                }
            }
        }

        // ---- logging of a Deployment or SessionCluster

        private void checkLogging(Resolved<?> resource, String base, Logging logging) {
            if (logging == null) return;
            if (logging.log4jLoggers() != null) {
                logging.log4jLoggers().forEach((logger, level) -> checkLogger(resource, base, logger, level));
            }
            if (logging.loggingProfile() != null) checkProfileName(resource, base, logging.loggingProfile());
            if (logging.log4j2ConfigurationTemplate() != null) checkInlineTemplate(resource, base + "/" + TEMPLATE_FIELD);
        }

        private void checkLogger(Resolved<?> resource, String base, String logger, String level) {
            String pointer = JsonPointers.append(base + "/log4jLoggers", logger);
            if (!logger.isEmpty()) checkLoggerName(resource, pointer, logger);
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

        private void checkLoggerName(Resolved<?> resource, String pointer, String logger) {
            if (logger.equalsIgnoreCase("root") || logger.equalsIgnoreCase("rootLogger")) {
                context.reportKey(Code.INVALID_LOGGER_NAME, resource, pointer,
                        "Logger `" + logger + "` is an ordinary logger of that name, not the root logger.",
                        "Use the key `\"\"` to set the root logger's level.");
                return;
            }
            if (LOGGER_NAME.matcher(logger).matches()) return;
            String bad = logger.codePoints()
                    .filter(c -> !(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-' || c == '.'))
                    .findFirst().stream().mapToObj(LoggingRules::describeChar).findFirst()
                    .orElse("an empty part between dots");
            context.reportKey(Code.INVALID_LOGGER_NAME, resource, pointer,
                    "Logger name `" + printable(logger) + "` contains " + bad + ", which no logger name has.",
                    "Use a Java package or class name: letters, digits, `_`, `$` and `-`, in parts separated by single dots.");
        }

        private void checkProfileName(Resolved<?> resource, String base, String name) {
            if (profiles.contains(name) || !profilesKnown) return;
            List<String> names = profiles.names();
            String dym = Suggestions.didYouMean(name, names);
            context.report(Code.UNKNOWN_LOGGING_PROFILE, resource, base + "/loggingProfile",
                    "Logging profile `" + name + "` does not exist.",
                    (dym.isEmpty() ? "" : dym + " ") + "Profiles: " + String.join(", ", names)
                            + "; declare more under `loggingProfiles` in flinkops.yaml.");
        }

        // ---- inline templates

        private void checkInlineTemplate(Resolved<?> resource, String pointer) {
            if (!(resource.at(pointer) instanceof YScalar scalar)) return;
            String text = scalar.text();
            String subject = "`" + TEMPLATE_FIELD + "`";
            if (text.isBlank()) {
                context.report(Code.LOG_TEMPLATE_SYNTAX, resource, pointer, subject + " is empty, so log4j would fall back to its error-only default configuration.",
                        "Remove it to use the logging profile, or write the log4j2 properties template here.");
                return;
            }
            if (LogTemplates.looksLikeXml(text)) {
                List<String> lines = List.of(text.split("\n", -1));
                int first = 1;
                while (first < lines.size() && lines.get(first - 1).isBlank()) first++;
                Placed placed = place(scalar, text, new LogTemplates.Problem(first, "<", "", ""));
                context.diagnostics().report(Code.LOG_TEMPLATE_NOT_PROPERTIES, placed.location(), pointer,
                        subject + " is an XML log4j2 configuration, but Flink reads `log4j-console.properties` as a properties file.",
                        xmlHint());
            }
            for (LogTemplates.Problem problem : LogTemplates.analyze(text, subject).problems()) {
                Placed placed = place(scalar, text, problem);
                String message = placed.exact() ? problem.message()
                        : problem.message().replaceFirst("\\.$", "") + " (line " + problem.line() + " of the template).";
                context.diagnostics().report(Code.LOG_TEMPLATE_SYNTAX, placed.location(), pointer, message, problem.hint());
            }
        }

        private record Placed(Location location, boolean exact) {
        }

        /**
         * The file position of a template line. In a literal block scalar ({@code |}) the template's line n is
         * the file line after the indicator plus n - 1, indented by the block's indentation; a one-line
         * scalar starts at the scalar. Anything else (folded or quoted multi-line scalars) is reported at the
         * scalar with the template line in the message.
         */
        private Placed place(YScalar scalar, String text, LogTemplates.Problem problem) {
            Location at = scalar.location();
            List<String> file = lines(at.file()).orElse(null);
            List<String> template = List.of(text.split("\n", -1));
            int n = Math.max(1, Math.min(problem.line(), template.size()));
            String content = template.get(n - 1);
            if (file == null || at.line() < 1 || at.line() > file.size()) return new Placed(at, false);
            String indicatorLine = file.get(at.line() - 1);
            int start = at.column() - 1;
            char indicator = start < indicatorLine.length() ? indicatorLine.charAt(start) : ' ';
            if (indicator == '|') {
                int index = at.line() + n - 1; // 0-based index of the file line holding template line n
                if (index < file.size()) {
                    String line = file.get(index);
                    if (!content.isEmpty() && line.endsWith(content)) {
                        int indent = line.length() - content.length();
                        return new Placed(new Location(at.file(), index + 1, indent + columnIn(content, problem.near())), true);
                    }
                    if (content.isBlank()) return new Placed(new Location(at.file(), index + 1, 1), true);
                }
                return new Placed(at, false);
            }
            if (template.size() == 1) {
                int offset = indicator == '"' || indicator == '\'' ? start + 1 : start;
                if (indicatorLine.startsWith(content, offset)) {
                    return new Placed(new Location(at.file(), at.line(), offset + columnIn(content, problem.near())), true);
                }
            }
            return new Placed(at, false);
        }

        private Optional<List<String>> lines(String file) {
            return fileLines.computeIfAbsent(file, f -> {
                SourceTree.Content content = repo.loaded().source().read(f, YamlLimits.DEFAULT.maxFileBytes());
                if (!(content instanceof SourceTree.Bytes b)) return Optional.empty();
                String s = new String(b.bytes(), StandardCharsets.UTF_8);
                if (s.startsWith("\uFEFF")) s = s.substring(1);
                return Optional.of(List.of(s.split("\\R", -1)));
            });
        }
    }

    static int columnIn(String line, String near) {
        return LogTemplates.column(line, near);
    }

    private static String xmlHint() {
        return "Rewrite it in log4j2's properties syntax (e.g. `rootLogger.level = {{ rootLoggerLogLevel }}`, "
                + "`logger.<id>.name = …` and `logger.<id>.level = …`), or remove it and use a logging profile.";
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
