package io.flinkops.logging;

import io.flinkops.model.Logging;
import io.flinkops.model.RepositorySpec;
import io.flinkops.source.SourceTree;

import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code logConfiguration["log4j-console.properties"]}: the user's {@code log4j2ConfigurationTemplate},
 * else the named logging profile (built in or declared in flinkops.yaml), else {@code default}.
 *
 * <p>Flink starts its JobManager and TaskManagers with
 * {@code -Dlog4j.configurationFile=file:/opt/flink/conf/log4j-console.properties} (bin/flink-console.sh, which
 * the Kubernetes entry points call), and log4j picks its properties parser by that extension, so the result is
 * always a log4j2 properties file. It is checked before it is returned: it is not XML, {@code java.util.Properties}
 * (which log4j reads it with) can load it, and it is ASCII (log4j reads ISO-8859-1; see
 * {@link PropertiesEscaping#asciiOnly}).
 *
 * <p>The plan stage renders the log configuration of every Deployment and SessionCluster once, through
 * {@link #attempt} with the variables of its FlinkDeployment (the real job id included); validation reports what
 * failed and the render stage copies what succeeded, so a template that validates always renders.
 */
public final class LogConfigurations {
    public static final String KEY = "log4j-console.properties";

    /** The root logger's level when {@code log4jLoggers} has no {@code ""} entry (Flink's stock level). */
    public static final String DEFAULT_ROOT_LEVEL = "INFO";

    private final LoggingProfiles profiles;
    /**
     * The templates analysed so far, by subject and text: a repo uses a handful of templates for thousands of
     * deployments, and compiling one costs far more than rendering it. One instance serves one compilation (the plan
     * stage and the logging rules share it), so every template is compiled once per compilation.
     */
    private final Map<List<String>, LogTemplates.Analysis> analyses = new ConcurrentHashMap<>();
    /**
     * The templates that ran out of budget, by subject, text and budget, with the problem: one that does for one object is not
     * rendered again for the others (a template in a defaults file may be used by every Deployment of a namespace, and
     * each attempt would cost the whole budget). They get the same failure.
     */
    private final Map<List<Object>, LogTemplates.Problem> overBudget = new ConcurrentHashMap<>();

    /** How many objects of each namespace have their log configuration rendered, to share {@link LogTemplates#NAMESPACE_RENDERED_CHARS}. */
    private volatile Map<String, Integer> renderedPerNamespace = Map.of();

    public LogConfigurations(LoggingProfiles profiles) {
        this.profiles = profiles;
    }

    /**
     * Tells how many Deployments and SessionClusters of each namespace will be rendered, before any is: each then gets
     * its share of {@link LogTemplates#NAMESPACE_RENDERED_CHARS}. The share depends only on the count, so every object's
     * outcome depends only on its own template and values, whatever order they are rendered in.
     */
    public void expect(Map<String, Integer> renderedPerNamespace) {
        this.renderedPerNamespace = Map.copyOf(renderedPerNamespace);
    }

    private LogTemplates.Budget budgetIn(String namespace) {
        int n = Math.max(1, renderedPerNamespace.getOrDefault(namespace == null ? "" : namespace, 1));
        return LogTemplates.Budget.DEFAULT.sharing(LogTemplates.NAMESPACE_RENDERED_CHARS / n, n);
    }

    /** The renderer for one repo: its profiles (built in and declared) are read once. */
    public static LogConfigurations of(SourceTree source, RepositorySpec settings) {
        return new LogConfigurations(LoggingProfiles.load(source, settings));
    }

    /** The profiles this renderer uses. */
    public LoggingProfiles profiles() {
        return profiles;
    }

    /** {@link LogTemplates#analyze}, remembered for this compilation. */
    public LogTemplates.Analysis analyze(String text, String subject) {
        return analyses.computeIfAbsent(List.of(subject, text), k -> LogTemplates.analyze(text, subject));
    }

    /**
     * The rendered {@code log4j-console.properties}.
     *
     * @param logging   the effective {@code logging} of the Deployment or SessionCluster (null: all defaults)
     * @throws LogConfigurationException when the template cannot be rendered; validation reports every such
     *                                   case first, so on a validated repo this is a flinkops bug
     */
    public String render(Logging logging, LogVariables variables) {
        Outcome outcome = attempt(logging, variables);
        if (outcome.failure() != null) throw new LogConfigurationException(outcome);
        return outcome.text();
    }

    /** Where the template of an outcome came from. */
    public record Source(Kind kind, String profile, String path) {
        public enum Kind { INLINE, BUILT_IN_PROFILE, REPOSITORY_PROFILE }

        /** How messages name it: "`log4j2ConfigurationTemplate`" or "Logging profile `json`". */
        public String subject() {
            return kind == Kind.INLINE ? "`log4j2ConfigurationTemplate`" : "Logging profile `" + profile + "`";
        }
    }

    /** Why a template did not give a configuration, and so which check of validation reports it. */
    public enum Stage {
        /** The profile does not exist or its file cannot be read (FO702, FO704). */
        UNAVAILABLE,
        /** The template itself: empty, XML, a syntax error or an unknown name (FO703, FO706 from the template text). */
        TEMPLATE,
        /** The template failed while rendering (FO703, found by rendering it). */
        RENDER,
        /** The template needed more work, nesting or time than a template may use (FO707, found by rendering it). */
        BUDGET,
        /** The rendered text is XML or not loadable as properties (FO706, found by rendering it). */
        OUTPUT
    }

    /** Why rendering failed: the stage, and the problem at its line of the template. */
    public record Failure(Stage stage, LogTemplates.Problem problem) {
    }

    /** The rendered text, or the failure (exactly one is non-null). */
    public record Outcome(Source source, String text, Failure failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /** Renders without throwing: what {@link #render} returns, or why it cannot. */
    public Outcome attempt(Logging logging, LogVariables variables) {
        String inline = logging == null ? null : logging.log4j2ConfigurationTemplate();
        Source source;
        String text;
        if (inline != null) {
            source = new Source(Source.Kind.INLINE, null, null);
            text = inline;
        } else {
            String name = logging == null || logging.loggingProfile() == null ? LoggingProfiles.DEFAULT : logging.loggingProfile();
            var profile = profiles.get(name);
            if (profile.isEmpty()) {
                return failed(new Source(Source.Kind.REPOSITORY_PROFILE, name, null), Stage.UNAVAILABLE, 1,
                        "Logging profile `" + name + "` does not exist.", "Profiles: " + String.join(", ", profiles.names()) + ".");
            }
            var p = profile.get();
            source = new Source(p.origin() == LoggingProfiles.Origin.BUILT_IN ? Source.Kind.BUILT_IN_PROFILE : Source.Kind.REPOSITORY_PROFILE,
                    name, p.path());
            if (!p.readable()) return failed(source, Stage.UNAVAILABLE, 1, p.problem(), p.hint());
            text = p.text().orElseThrow();
        }
        String subject = source.subject();
        if (text.isBlank()) {
            return failed(source, Stage.TEMPLATE, 1, subject + " is empty, so log4j would fall back to its error-only default configuration.",
                    "Write the log4j2 properties template.");
        }
        if (LogTemplates.looksLikeXml(text)) return notProperties(source, Stage.TEMPLATE, text);
        LogTemplates.Analysis analysis = analyze(text, subject);
        if (!analysis.ok()) return new Outcome(source, null, new Failure(Stage.TEMPLATE, analysis.problems().get(0)));
        LogTemplates.Budget budget = budgetIn(variables == null ? null : variables.namespace());
        List<Object> key = List.of(subject, text, budget);
        LogTemplates.Problem spent = overBudget.get(key);
        if (spent != null) return new Outcome(source, null, new Failure(Stage.BUDGET, spent));
        LogTemplates.Rendered rendered = LogTemplates.render(analysis.template(), variables(logging, variables), subject, budget);
        if (!rendered.ok()) {
            LogTemplates.Problem problem = rendered.problem().atLine(LogTemplates.lineOf(text, rendered.problem().line()));
            if (!rendered.overBudget()) return new Outcome(source, null, new Failure(Stage.RENDER, problem));
            overBudget.putIfAbsent(key, problem);
            return new Outcome(source, null, new Failure(Stage.BUDGET, problem));
        }
        if (isXml(rendered.text())) return notProperties(source, Stage.OUTPUT, text);
        String out = PropertiesEscaping.asciiOnly(rendered.text());
        String unloadable = loadProblem(out);
        if (unloadable != null) {
            return failed(source, Stage.OUTPUT, malformedEscapeLine(text),
                    subject + " renders a file that Java properties cannot load (" + unloadable + "), so log4j would fall back to its error-only default configuration.",
                    "A backslash followed by `u` must start a `\\u` + four hex digits escape; write `\\\\` for a backslash.");
        }
        return new Outcome(source, out, null);
    }

    /** The template variables: the logging spec's levels plus {@code variables}. */
    public static Map<String, Object> variables(Logging logging, LogVariables variables) {
        if (variables == null) variables = new LogVariables(null, null, null, null);
        Map<String, Object> v = new HashMap<>();
        v.put("rootLoggerLogLevel", rootLevel(logging));
        v.put("userConfiguredLoggers", Collections.unmodifiableSortedMap(userLoggers(logging)));
        v.put("namespace", orEmpty(variables.namespace()));
        v.put("deploymentName", orEmpty(variables.deploymentName()));
        v.put("deploymentId", orEmpty(variables.deploymentId()));
        v.put("jobId", orEmpty(variables.jobId()));
        return v;
    }

    /** The root logger's level: {@code log4jLoggers[""]} upper-cased, else {@link #DEFAULT_ROOT_LEVEL}. */
    public static String rootLevel(Logging logging) {
        String level = logging == null || logging.log4jLoggers() == null ? null : logging.log4jLoggers().get("");
        return level == null ? DEFAULT_ROOT_LEVEL : level.toUpperCase(Locale.ROOT);
    }

    /** {@code log4jLoggers} without the root logger, sorted by name, levels upper-cased; null levels are absent. */
    public static SortedMap<String, String> userLoggers(Logging logging) {
        SortedMap<String, String> out = new TreeMap<>();
        if (logging == null || logging.log4jLoggers() == null) return out;
        logging.log4jLoggers().forEach((name, level) -> {
            if (name != null && !name.isEmpty() && level != null) out.put(name, level.toUpperCase(Locale.ROOT));
        });
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * True when a rendered file is XML rather than properties: it starts (after blank lines and properties
     * comments) with {@code <}. No log4j properties key starts with {@code <}.
     */
    static boolean isXml(String rendered) {
        if (LogTemplates.looksLikeXml(rendered)) return true;
        for (String line : rendered.split("\n", -1)) {
            String s = line.strip();
            if (s.startsWith("\uFEFF")) s = s.substring(1).strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("!")) continue;
            return s.startsWith("<");
        }
        return false;
    }

    private static Outcome notProperties(Source source, Stage stage, String template) {
        List<String> lines = LogTemplates.lines(template);
        int first = 1;
        while (first < lines.size() && lines.get(first - 1).isBlank()) first++;
        boolean fromTemplate = stage == Stage.TEMPLATE;
        if (!fromTemplate) {
            first = 1;
            while (first < lines.size() && !lines.get(first - 1).contains("<")) first++;
            if (!lines.get(first - 1).contains("<")) first = 1;
        }
        return failed(source, stage, first,
                source.subject() + (fromTemplate ? " is" : " renders") + " an XML log4j2 configuration, but Flink reads `"
                        + KEY + "` as a properties file.",
                "Rewrite it in log4j2's properties syntax (e.g. `rootLogger.level = {{ rootLoggerLogLevel }}`, "
                        + "`logger.<id>.name = …` and `logger.<id>.level = …`), or remove it and use a logging profile.");
    }

    private static Outcome failed(Source source, Stage stage, int line, String message, String hint) {
        return new Outcome(source, null, new Failure(stage, new LogTemplates.Problem(line, "", message, hint)));
    }

    /** Why {@code java.util.Properties} cannot load the text (a malformed {@code \\u} escape), or null. */
    private static String loadProblem(String text) {
        try {
            new Properties().load(new StringReader(text));
            return null;
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "malformed escape" : e.getMessage().strip().replace("\\uxxxx", "`\\uXXXX`");
            if (m.endsWith(".")) m = m.substring(0, m.length() - 1);
            return Character.toLowerCase(m.charAt(0)) + m.substring(1);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static final Pattern MALFORMED_ESCAPE = Pattern.compile("(?<!\\\\)(\\\\\\\\)*\\\\u(?![0-9a-fA-F]{4})");

    /** The template line with a {@code \\u} that does not start a unicode escape, else 1. */
    private static int malformedEscapeLine(String template) {
        List<String> lines = LogTemplates.lines(template);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MALFORMED_ESCAPE.matcher(lines.get(i));
            if (m.find()) return i + 1;
        }
        return 1;
    }
}
