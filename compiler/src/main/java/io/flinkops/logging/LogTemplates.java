package io.flinkops.logging;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.ClassAccessException;
import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log4j2 configuration templates: VVP's Twig syntax, compiled and rendered with Pebble. This class
 * owns the one engine configuration that validation and rendering share, and checks a template without
 * rendering it: that it parses, and that it names only known variables, filters, functions and tests.
 *
 * <p>The engine: strict variables (a misspelt variable is an error, not an empty string); auto-escaping
 * with the {@link PropertiesEscaping} strategy, since the output is {@code log4j-console.properties};
 * no newline trimming (Pebble would otherwise eat the newline after every {@code {{ expr }}}; use
 * {@code {%-} / {@code -%}} to trim); Twig's {@code for key, value in map} loop; no template loading
 * ({@code include}, {@code extends}, {@code import} have nothing to load); a cap on the rendered size; and a
 * {@link TemplateBudget budget} of work, nesting and time for every evaluation, which every loop, macro, block, literal,
 * operator and built-in filter and function charges ({@link TemplateBounds}, {@link BoundedBuiltins}).
 */
public final class LogTemplates {

    /** The variables a template can use, sorted. Renderers must supply all of them. */
    public static final List<String> VARIABLES = List.of(
            "deploymentId", "deploymentName", "jobId", "namespace", "rootLoggerLogLevel", "userConfiguredLoggers");

    /** The largest output a template may render, in characters. */
    public static final int MAX_RENDERED_CHARS = 1 << 20;

    /**
     * What the log configurations of one namespace may take together, in characters: each of its n objects may render
     * {@code min(MAX_RENDERED_CHARS, this / n)}. Without it, one template in a namespace's defaults would be held (and
     * written) once per Deployment: 1 MiB times a thousand small Deployment files fills the heap.
     */
    public static final int NAMESPACE_RENDERED_CHARS = 1 << 27;

    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(new NoLoader())
            .extension(new TwigPairLoops(), new TemplateBounds())
            .allowOverrideCoreOperators(true)
            .registerExtensionCustomizer(BoundedBuiltins::new)
            .methodAccessValidator(TemplateBounds.METHODS)
            .strictVariables(true)
            .newLineTrimming(false)
            .autoEscaping(true)
            .addEscapingStrategy(PropertiesEscaping.NAME, new PropertiesEscaping())
            .defaultEscapingStrategy(PropertiesEscaping.NAME)
            .cacheActive(false)
            .maxRenderedSize(MAX_RENDERED_CHARS)
            .build();

    private static final Pattern XML_START = Pattern.compile(
            "\\A\uFEFF?\\s*(\\{#.*?#}\\s*)*(<\\?xml|<!--|<configuration[\\s>/])", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private LogTemplates() {
    }

    /** The shared engine. Compile with {@link #analyze} (or {@code engine().getLiteralTemplate}). */
    public static PebbleEngine engine() {
        return ENGINE;
    }

    /**
     * A problem in a template.
     *
     * @param line    1-based line in the template
     * @param near    text on that line the problem is about (to find a column), or "" when unknown
     * @param message one sentence, completing "<subject> ..." (see {@link #analyze})
     * @param hint    what to do
     */
    public record Problem(int line, String near, String message, String hint) {
        /** The same problem at {@code line}. */
        public Problem atLine(int line) {
            return new Problem(line, near, message, hint);
        }
    }

    /** The compiled template (null when it does not parse) and its problems, in line order. */
    public record Analysis(PebbleTemplate template, List<Problem> problems) {
        public boolean ok() {
            return template != null && problems.isEmpty();
        }
    }

    /**
     * The lines of a template, as an editor and {@code java.util.Properties} see them: broken at {@code \n}, {@code \r\n}
     * and {@code \r}. Problems are reported at these lines ({@link #lineOf}).
     */
    public static List<String> lines(String text) {
        return List.of(text.split("\r\n|\r|\n", -1));
    }

    /**
     * The line of {@link #lines} that Pebble's line {@code pebbleLine} is: Pebble also breaks lines at U+0085, U+2028 and
     * U+2029, so its numbers run ahead of the file's after one of them.
     */
    public static int lineOf(String text, int pebbleLine) {
        int pebble = 1;
        int ours = 1;
        for (int i = 0; i < text.length() && pebble < pebbleLine; i++) {
            char c = text.charAt(i);
            boolean ourBreak = c == '\n' || c == '\r';
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
            if (ourBreak) ours++;
            if (ourBreak || c == '\u0085' || c == '\u2028' || c == '\u2029') pebble++;
        }
        return ours;
    }

    /** True when the text is an XML log4j2 configuration (VVP's templates are XML) rather than properties. */
    public static boolean looksLikeXml(String text) {
        return XML_START.matcher(text).lookingAt();
    }

    /**
     * Compiles {@code text} and checks the names it uses. Messages start with {@code subject}, e.g.
     * "`log4j2ConfigurationTemplate`" or "Logging profile `json`". Callers that meet the same template many times
     * go through {@link LogConfigurations#analyze}, which remembers the result for one compilation.
     */
    public static Analysis analyze(String text, String subject) {
        try {
            return analyzeChecked(text, subject);
        } catch (StackOverflowError e) {
            // Pebble's parser recurses per level of nesting, and its lexer's regular expressions per escape sequence
            // of a string literal: either can run out of stack on a small file.
            return new Analysis(null, List.of(new Problem(1, "",
                    subject + " is nested too deeply, or has a string literal with too many escape sequences, to compile.",
                    "Flatten the nested tags and expressions, and split long string literals (`~` joins them).")));
        }
    }

    /**
     * {@code text} as Pebble's lexer can read it. The lexer (4.1.2) loops for ever, allocating, on a double-quoted
     * string left open at the very end of the text after a backslash (a template ending in <code>{{ "\</code>): its escape pattern needs a
     * character after the backslash and it then makes no progress (found by fuzzing). A newline after a final backslash
     * gives the pattern that character, so the lexer reports the unclosed string instead; anywhere else the newline
     * changes nothing a properties file means.
     */
    static String lexable(String text) {
        return text.endsWith("\\") ? text + "\n" : text;
    }

    private static Analysis analyzeChecked(String text, String subject) {
        PebbleTemplate template;
        try {
            template = ENGINE.getLiteralTemplate(lexable(text));
        } catch (PebbleException e) {
            String message = e.getPebbleMessage() == null ? "unreadable template" : e.getPebbleMessage();
            int line = lineOf(text, e.getLineNumber() == null ? 1 : e.getLineNumber());
            return new Analysis(null, List.of(new Problem(line, near(message),
                    subject + " has a syntax error: " + readable(message) + ".",
                    "Twig syntax: `{{ variable }}`, `{% for name, level in userConfiguredLoggers %}…{% endfor %}`, `{% if … %}…{% endif %}`.")));
        } catch (RuntimeException e) {
            return new Analysis(null, List.of(new Problem(1, "",
                    subject + " cannot be compiled: " + e.getClass().getSimpleName() + ".",
                    "Simplify the template; if it is valid Twig, report this as a flinkops bug.")));
        }
        TemplateNames names = TemplateNames.of(((PebbleTemplateImpl) template).getRootNode());
        List<String> lines = lines(text);
        List<Problem> problems = new ArrayList<>();
        for (Problem p : names.problems(subject, ENGINE.getExtensionRegistry())) problems.add(p.atLine(lineOf(text, p.line())));
        problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(p -> {
            String line = p.line() >= 1 && p.line() <= lines.size() ? lines.get(p.line() - 1) : "";
            return column(line, p.near());
        }));
        return new Analysis(template, List.copyOf(problems));
    }

    /**
     * The text a template rendered, or the problem that stopped it (exactly one is non-null); {@code overBudget} when the
     * problem is that it needed more work, nesting or time than a template may use ({@link TemplateBudget}).
     */
    public record Rendered(String text, Problem problem, boolean overBudget) {
        Rendered(String text, Problem problem) {
            this(text, problem, false);
        }

        public boolean ok() {
            return text != null;
        }
    }

    /**
     * What one rendering may spend: steps, wall-clock time as a last resort, and characters of output ({@code outputChars},
     * at most {@link #MAX_RENDERED_CHARS}: a share of what the log configurations of a namespace may take together, shared
     * by {@code sharedBy} objects).
     */
    public record Budget(long steps, java.time.Duration time, long outputChars, int sharedBy) {
        public static final Budget DEFAULT = new Budget(TemplateBudget.STEPS, TemplateBudget.TIME, MAX_RENDERED_CHARS, 1);

        public Budget(long steps, java.time.Duration time) {
            this(steps, time, MAX_RENDERED_CHARS, 1);
        }

        /** This budget with output limited to {@code outputChars}, the share of one of {@code sharedBy} objects. */
        public Budget sharing(long outputChars, int sharedBy) {
            return new Budget(steps, time, Math.min(MAX_RENDERED_CHARS, outputChars), sharedBy);
        }
    }

    /**
     * Renders a compiled template. Failures a template can only show while rendering (an attribute of a
     * value that has none, output over {@link #MAX_RENDERED_CHARS}, more work than its {@link Budget}) come back as a
     * {@link Problem} at the template line Pebble names (translate it with {@link #lineOf}); this method does not throw.
     */
    public static Rendered render(PebbleTemplate template, Map<String, Object> variables, String subject) {
        return render(template, variables, subject, Budget.DEFAULT);
    }

    /** {@link #render(PebbleTemplate, Map, String)} within {@code budget}. */
    public static Rendered render(PebbleTemplate template, Map<String, Object> variables, String subject, Budget budget) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (TemplateBudget spending = TemplateBudget.open(budget.steps(), budget.time())) {
            // Pebble caps the output at MAX_RENDERED_CHARS itself; a smaller share is held here.
            template.evaluate(budget.outputChars() < MAX_RENDERED_CHARS ? new CappedWriter(out, budget.outputChars()) : out, variables);
            return new Rendered(out.toString(), null);
        } catch (RuntimeException | java.io.IOException | StackOverflowError e) {
            return failure(e, subject, budget);
        }
    }

    private static Rendered failure(Throwable thrown, String subject, Budget budget) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof TemplateBudget.Exceeded e) return new Rendered(null, overBudget(e, subject, budget), true);
            if (t instanceof ClassAccessException e) return new Rendered(null, javaMethod(e, subject), false);
        }
        if (thrown instanceof PebbleException e) {
            String message = e.getPebbleMessage() == null ? "unknown error" : e.getPebbleMessage();
            int line = e.getLineNumber() == null ? 1 : e.getLineNumber();
            return new Rendered(null, new Problem(line, near(message),
                    subject + " fails to render: " + readableRuntime(message) + ".",
                    "Fix the expression at that line; the variables are strings, except `userConfiguredLoggers` (a map of logger name to level)."));
        }
        if (thrown instanceof StackOverflowError) {
            return new Rendered(null, new Problem(1, "", subject + " recurses too deeply to render.",
                    "Remove the macro that calls itself."));
        }
        String detail = thrown.getMessage() == null ? "" : thrown.getMessage().strip().replaceAll("\\s+", " ")
                .replaceAll(" \\([^()]*(module|loader)[^()]*\\)", "");
        return new Rendered(null, new Problem(1, "", subject + " fails to render: " + thrown.getClass().getSimpleName()
                + (detail.isEmpty() ? "" : " (" + detail + ")") + ".",
                "Simplify the template; if it is valid Twig, report this as a flinkops bug."));
    }

    private static final String BUDGET_HINT = "A log template should loop over `userConfiguredLoggers` and short lists only: "
            + "remove loops over large ranges (nested ones above all), macros that call themselves and text grown in a loop.";

    private static Problem overBudget(TemplateBudget.Exceeded e, String subject, Budget budget) {
        return switch (e.limit()) {
            case STEPS -> new Problem(e.line(), "", subject + " needs more than " + String.format(java.util.Locale.ROOT, "%,d", budget.steps())
                    + " steps to render (loop iterations, macro and block calls, characters copied, compared or searched); "
                    + "it ran out at this line.", BUDGET_HINT);
            case TIME -> new Problem(e.line(), "", subject + " takes longer than " + budget.time().toMillis() + " ms to render; "
                    + "it was stopped at this line.", BUDGET_HINT);
            case NESTING -> new Problem(e.line(), "", subject + " nests loops and macro or block calls more than "
                    + TemplateBudget.MAX_NESTING + " deep.", "Remove the macro or block that calls itself.");
            case OUTPUT -> new Problem(e.line(), "", subject + " renders more than " + String.format(java.util.Locale.ROOT, "%,d", budget.outputChars())
                    + " characters, its share of the " + (NAMESPACE_RENDERED_CHARS >> 20) + " MiB that the log configurations of the "
                    + String.format(java.util.Locale.ROOT, "%,d", budget.sharedBy()) + " Deployments and SessionClusters of its namespace may take together.",
                    "Make the template write less (a log configuration needs a few kilobytes), or move Deployments to another namespace.");
            case RANGE -> new Problem(e.line(), "range", subject + " makes a range of "
                    + String.format(java.util.Locale.ROOT, "%,d", e.amount()) + " values; a log template may make at most "
                    + String.format(java.util.Locale.ROOT, "%,d", TemplateBudget.MAX_RANGE) + ".",
                    "Use a smaller range; to list the loggers, loop over `userConfiguredLoggers`.");
        };
    }

    private static final Pattern METHOD = Pattern.compile("\\.(\\w+)\\([^()]*\\)(?: throws [^ ]+)? method is denied");

    /** Pebble found a Java method for an attribute, and {@link TemplateBounds#METHODS} refused it. */
    private static Problem javaMethod(ClassAccessException e, String subject) {
        Matcher m = METHOD.matcher(e.getPebbleMessage() == null ? "" : e.getPebbleMessage());
        String name = m.find() ? m.group(1) : "";
        int line = e.getLineNumber() == null ? 1 : e.getLineNumber();
        return new Problem(line, name, subject + " calls the Java method " + (name.isEmpty() ? "" : "`" + name + "` ")
                + "of a value; a log template can use only Twig's filters, functions and tests.",
                "Use a filter instead, e.g. `| length`, `| upper`, `| replace({…})`, `| split(…)`.");
    }

    /** The 1-based column of {@code near} in {@code line}, else of the line's first non-blank character. */
    public static int column(String line, String near) {
        int i = near == null || near.isEmpty() ? -1 : indexOfWord(line, near);
        if (i < 0) {
            i = 0;
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
            if (i == line.length()) i = 0;
        }
        return i + 1;
    }

    /**
     * Where {@code word} occurs in {@code line}: a name as a whole word, preferably inside a tag; punctuation
     * (from a syntax error: a stray `}`, an unclosed `(`) at its last occurrence, which is usually the culprit.
     */
    private static int indexOfWord(String line, String word) {
        int tag = Math.max(0, Math.min(indexOr(line, "{{"), indexOr(line, "{%")));
        boolean identifier = word.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
        if (!identifier) return line.lastIndexOf(word);
        for (int from : new int[] {tag, 0}) {
            int i = line.indexOf(word, from);
            while (i >= 0) {
                boolean before = i == 0 || !Character.isLetterOrDigit(line.charAt(i - 1)) && line.charAt(i - 1) != '_';
                int end = i + word.length();
                boolean after = end >= line.length() || !Character.isLetterOrDigit(line.charAt(end)) && line.charAt(end) != '_';
                if (!identifier || before && after) return i;
                i = line.indexOf(word, i + 1);
            }
        }
        return -1;
    }

    private static int indexOr(String s, String needle) {
        int i = s.indexOf(needle);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** Pebble's messages quote with "…"; diagnostics quote code with backticks. */
    private static String readable(String pebbleMessage) {
        Matcher end = Pattern.compile("Unexpected end of template\\. Pebble was looking for the \"(\\w+)\" tag.*", Pattern.DOTALL)
                .matcher(pebbleMessage.strip());
        if (end.matches()) return "the template ends without `{% " + end.group(1) + " %}`";
        String m = pebbleMessage.strip().replaceAll("\"([^\"]*)\"", "`$1`").replaceAll("\\s+", " ");
        if (m.endsWith(".")) m = m.substring(0, m.length() - 1);
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static final Pattern NO_ATTRIBUTE = Pattern.compile(
            "Attribute \\[(.+?)] of \\[(.+?)] does not exist or can not be accessed and strict variables is set to true\\.?");

    /** Pebble's messages for failures while rendering, in the words of a template author. */
    private static String readableRuntime(String pebbleMessage) {
        Matcher m = NO_ATTRIBUTE.matcher(pebbleMessage.strip());
        if (m.matches()) return "`" + m.group(1) + "` is not an attribute of " + describeType(m.group(2));
        return readable(pebbleMessage);
    }

    private static String describeType(String javaClass) {
        String simple = javaClass.substring(javaClass.lastIndexOf('.') + 1);
        if (simple.equals("String")) return "a string";
        if (simple.endsWith("Map")) return "a map";
        if (simple.endsWith("List") || simple.endsWith("Set") || simple.endsWith("Collection")) return "a list";
        if (List.of("Long", "Integer", "Double", "BigDecimal", "Float", "Short", "Byte").contains(simple)) return "a number";
        if (simple.equals("Boolean")) return "a boolean";
        return "`" + simple + "`";
    }

    private static final Pattern[] NEAR = {
            Pattern.compile("value \"([^\"]+)\""),
            Pattern.compile("^Attribute \\[([^\\]]+)]"),
            Pattern.compile("tag name \"([^\"]+)\""),
            Pattern.compile("character \\[(.+)]"),
            Pattern.compile("^Unexpected \"([^\"]+)\""),
            Pattern.compile("^Unclosed \"([^\"]+)\""),
    };

    private static String near(String message) {
        for (Pattern p : NEAR) {
            Matcher m = p.matcher(message);
            if (m.find()) return m.group(1);
        }
        return "";
    }

    /** A writer that refuses more than {@code max} characters, as Pebble's own cap does. */
    private static final class CappedWriter extends java.io.Writer {
        private final java.io.Writer out;
        private final long max;
        private long written;

        CappedWriter(java.io.Writer out, long max) {
            this.out = out;
            this.max = max;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws java.io.IOException {
            written += length;
            if (written > max) throw TemplateBudget.outputOver(max);
            out.write(chars, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            out.flush();
        }

        @Override
        public void close() throws java.io.IOException {
            out.close();
        }
    }

    /** Templates are compiled from text; there is nothing to load, so include/import/extends fail when rendered. */
    private static final class NoLoader implements Loader<String> {
        @Override
        public Reader getReader(String name) {
            throw new LoaderException(null, "Log templates cannot load other templates (`" + name + "`)");
        }

        @Override
        public void setCharset(String charset) {
        }

        @Override
        public void setPrefix(String prefix) {
        }

        @Override
        public void setSuffix(String suffix) {
        }

        @Override
        public String resolveRelativePath(String relativePath, String anchorPath) {
            return relativePath;
        }

        @Override
        public String createCacheKey(String templateName) {
            return templateName;
        }

        @Override
        public boolean resourceExists(String templateName) {
            return false;
        }
    }
}
