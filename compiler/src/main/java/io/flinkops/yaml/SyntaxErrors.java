package io.flinkops.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns SnakeYAML's syntax errors into one sentence that says what is wrong, a hint that says what to do,
 * and the position of the actual mistake. SnakeYAML reports where the parser gave up ("mapping values are
 * not allowed here" at a colon, "expected ',' or ']'" at the end of the file); for the common mistakes
 * (wrong indentation, tabs, unclosed brackets and quotes, a value containing {@code ": "}) this class
 * points at the line to fix instead, using the text of the file.
 */
final class SyntaxErrors {
    /** A syntax error explained: 0-based line and column within the parsed text, message and hint. */
    record Explained(int line, int column, String message, String hint) {
    }

    private static final Pattern CANNOT_START = Pattern.compile("found character '(.+?)' that cannot start any token.*");
    private static final Pattern EXPECTED_BUT = Pattern.compile("expected (.+?), but (?:found|got) (.+)");
    /** SnakeYAML writes a character as {@code x(120)}, or {@code ' ' (32)} for white space. */
    private static final Pattern CHAR_CODE = Pattern.compile("'?(.)'? ?\\((\\d+)\\)", Pattern.DOTALL);

    private final List<String> lines;

    SyntaxErrors(List<String> lines) {
        this.lines = lines;
    }

    Explained explain(MarkedYAMLException e) {
        String problem = clean(e.getProblem());
        String context = clean(e.getContext());
        Mark pm = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Mark cm = e.getContextMark();
        int line = pm == null ? 0 : pm.getLine();
        int col = pm == null ? 0 : pm.getColumn();
        Explained x = specific(problem, context, line, col, cm);
        if (x != null) return x;
        String what = problem.isEmpty() ? "the YAML cannot be read" : problem;
        String sentence = "YAML syntax error: " + what + (context.isEmpty() ? "" : " (" + context + ")");
        return new Explained(line, col, sentence.endsWith(".") ? sentence : sentence + ".",
                "Check the indentation and the quoting at this position.");
    }

    private Explained specific(String problem, String context, int line, int col, Mark cm) {
        if (problem.contains("\\t(TAB)") || problem.contains("tab character")) {
            return new Explained(line, col, "A tab character is used for indentation here; YAML allows only spaces.",
                    "Replace the tab with spaces.");
        }
        Matcher cannotStart = CANNOT_START.matcher(problem);
        if (cannotStart.matches()) {
            String ch = cannotStart.group(1);
            return new Explained(line, col, "A plain value cannot start with " + (ch.equals("`") ? "a backtick" : code(ch)) + ".",
                    quoteHint("", restOfLine(line, col)));
        }
        if (problem.equals("mapping values are not allowed here")) {
            return mappingValuesNotAllowed(line, col);
        }
        if (context.contains("quoted scalar") && cm != null
                && (problem.contains("unexpected end of stream") || problem.contains("document separator"))) {
            String quote = charAt(cm.getLine(), cm.getColumn());
            return new Explained(cm.getLine(), cm.getColumn(), "The quoted value that starts here is not closed.",
                    "Add the closing " + code(quote) + " at the end of the value.");
        }
        if (problem.startsWith("found unknown escape character")) {
            String ch = problem.substring("found unknown escape character".length()).strip().replace("`", "");
            return new Explained(line, col, "`\\" + ch + "` is not a valid escape sequence in a double-quoted value.",
                    "Write `\\\\` for a backslash, or use single quotes, in which a backslash has no special meaning.");
        }
        if (context.equals("while scanning a simple key") && problem.startsWith("could not find expected ':'") && cm != null) {
            return new Explained(cm.getLine(), indent(lineText(cm.getLine())),
                    "This line is neither a `key: value` pair nor part of the value above it.",
                    "Add `: ` after the key, or turn the line into a comment with `#`.");
        }
        if (context.startsWith("while scanning an anchor") || context.startsWith("while scanning an alias")) {
            String sigil = context.contains("anchor") ? "&" : "*";
            int at = cm != null ? cm.getColumn() : col;
            int atLine = cm != null ? cm.getLine() : line;
            return new Explained(atLine, at, "The `" + sigil + "` here must be followed by a name, because YAML reads it as " + (sigil.equals("&") ? "an anchor" : "an alias") + ".",
                    "Quote the value if the `" + sigil + "` is meant literally.");
        }
        if (context.startsWith("while scanning a tag")) {
            int at = cm != null ? cm.getColumn() : col;
            int atLine = cm != null ? cm.getLine() : line;
            return new Explained(atLine, at, "The tag that starts here is malformed; YAML reads a value starting with `!` as a tag.",
                    "Quote the value if the `!` is meant literally.");
        }
        if (context.startsWith("while scanning a block scalar")) {
            int at = cm != null ? cm.getColumn() : col;
            int atLine = cm != null ? cm.getLine() : line;
            return new Explained(atLine, at, "A block scalar indicator (`|` or `>`) must end its line, optionally followed by `-`, `+` or an indentation digit.",
                    "Start the text on the next line, indented, or quote the value if it starts with `|` or `>`.");
        }
        if (problem.equals("sequence entries are not allowed here")) {
            return new Explained(line, col, "A list item (`- `) cannot start on the same line as its key.",
                    "Put each `- item` on its own line, indented under the key, or quote the value if the `-` belongs to it.");
        }
        if (context.startsWith("while scanning a directive")) {
            return new Explained(line, col, "A line that starts with `%` is read as a YAML directive.",
                    "Quote the value, or remove the `%` at the start of the line.");
        }
        if (problem.startsWith("expected the node content, but found") && !problem.contains("<")) {
            String what = token(problem.substring("expected the node content, but found".length()));
            return new Explained(line, col, "A value is expected here, but the text starts with " + what + ".",
                    "Quote the value, or remove the stray " + what + ".");
        }
        Matcher expected = EXPECTED_BUT.matcher(problem);
        if (expected.matches()) {
            return expectedButFound(expected.group(1), expected.group(2), context, line, col, cm);
        }
        return null;
    }

    private Explained expectedButFound(String expected, String found, String context, int line, int col, Mark cm) {
        String foundText = token(found);
        if (context.contains("flow mapping") || context.contains("flow sequence")) {
            boolean mapping = context.contains("flow mapping");
            String open = mapping ? "{" : "[";
            String close = mapping ? "}" : "]";
            String kind = mapping ? "mapping" : "list";
            boolean unclosed = found.contains("stream end") || found.contains("document start") || (cm != null && line > cm.getLine());
            if (unclosed && cm != null) {
                return new Explained(cm.getLine(), cm.getColumn(),
                        "The flow " + kind + " `" + open + "` that starts here is not closed.",
                        "Close it with `" + close + "` at the end of the " + kind + ", or write it in block style.");
            }
            return new Explained(line, col, "Expected `,` or `" + close + "` in this flow " + kind + ", but found " + foundText + ".",
                    "Separate the entries with `, `" + (mapping ? "" : " and quote values that contain `:`") + ".");
        }
        if (context.contains("flow node") && (found.contains("document start") || found.contains("stream end"))) {
            int[] open = lastUnclosedBracket(line);
            if (open != null) {
                String bracket = charAt(open[0], open[1]);
                String close = bracket.equals("{") ? "}" : "]";
                String kind = bracket.equals("{") ? "mapping" : "list";
                return new Explained(open[0], open[1], "The flow " + kind + " `" + bracket + "` that starts here is not closed.",
                        "Close it with `" + close + "` at the end of the " + kind + ", or write it in block style.");
            }
            return new Explained(line, col, "The document ends before the value above it is complete.",
                    "Check for an unclosed `[`, `{` or quote before this line.");
        }
        if (expected.equals("<block end>") && (context.contains("block mapping") || context.contains("block collection"))) {
            boolean inList = context.contains("block collection");
            String text = lineText(line);
            int ind = indent(text);
            if (col == ind) {
                // The token is the first on its line: the line is indented wrongly.
                String prev = previousContentLine(line);
                int prevIndent = prev == null ? -1 : indent(prev);
                String key = keyOf(text);
                if (found.replace("'", "").equals("-")) {
                    return new Explained(line, col, "A list item appears where a key of the mapping above is expected.",
                            "Indent the `- ` item under the key it belongs to.");
                }
                if (inList) {
                    return new Explained(line, col, "A `key: value` appears where a list item (`- `) is expected.",
                            "Start the line with `- ` to add a list item, or indent it under the key it belongs to.");
                }
                if (prev != null && ind > prevIndent) {
                    return new Explained(line, col, (key.isEmpty() ? "This line" : code(key)) + " is indented deeper than the line above, whose value is already complete.",
                            "Align " + (key.isEmpty() ? "it" : code(key + ":")) + " with the keys it belongs with.");
                }
                return new Explained(line, col, (key.isEmpty() ? "This line" : code(key)) + " is not aligned with any key above it.",
                        "Indent " + (key.isEmpty() ? "it" : code(key + ":")) + " exactly like the keys it belongs with.");
            }
            return new Explained(line, col, "There is more text after a complete value.",
                    "Remove the extra text, or quote the whole value.");
        }
        if (expected.equals("'<document start>'")) {
            int prev = previousContentLineIndex(line);
            if (prev >= 0 && lineText(prev).startsWith("%")) {
                return new Explained(prev, 0, "A line that starts with `%` is read as a YAML directive, which must be followed by a `---` line.",
                        "Quote the value, or remove the `%` at the start of the line.");
            }
            return new Explained(line, col, "The document is already complete before this point, so YAML cannot read what follows.",
                    "Check the indentation here and the brackets and quotes before it.");
        }
        return null;
    }

    /** "mapping values are not allowed here": SnakeYAML found a {@code :} where no key can start. */
    private Explained mappingValuesNotAllowed(int line, int col) {
        String text = lineText(line);
        int ind = indent(text);
        String before = col <= text.length() ? text.substring(0, col) : text;
        String body = stripDash(before.strip());
        int sep = body.indexOf(": ");
        if (sep >= 0) {
            // key: some: value — the value contains ": ".
            String key = body.substring(0, sep).strip();
            String value = stripComment(stripDash(text.strip()).substring(sep + 2)).strip();
            String inner = body.substring(sep + 2).strip();
            if (inner.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
                // spec:  deploymentTargetName: prod — most likely a line break went missing.
                return new Explained(line, col, code(inner + ":") + " follows " + code(key + ":") + " on the same line, where YAML allows no second key.",
                        "Put " + code(inner + ":") + " on its own line, indented under " + code(key + ":") + ", or quote the value if it is text.");
            }
            return new Explained(line, col, "The value of " + code(key) + " contains `: `, which YAML reads as the start of another key.",
                    quoteHint(key, value));
        }
        String prev = previousContentLine(line);
        String key = keyOf(text);
        if (prev != null && ind > indent(prev)) {
            String prevKey = keyOf(prev);
            return new Explained(line, ind, code(key) + " is indented deeper than " + (prevKey.isEmpty() ? "the line above" : code(prevKey + ":") + " above")
                            + ", so YAML reads it as part of " + (prevKey.isEmpty() ? "that line's" : "its") + " value.",
                    "Align " + code(key + ":") + " with the keys it belongs with.");
        }
        if (prev != null && !isKeyLine(prev)) {
            int prevLine = previousContentLineIndex(line);
            return new Explained(prevLine, indent(prev), "This line is not a `key: value` pair, so YAML reads it and the next line as one value.",
                    "Put a space after the key's colon (`key: value`), or turn the line into a comment with `#`.");
        }
        return new Explained(line, col, "A `:` here starts a key where YAML does not allow one.",
                "Check the indentation of this line, or quote the value if it contains `: `.");
    }

    /** The last {@code [} or {@code {} before {@code line} that is not closed, as {line, column}; quotes and comments are skipped. */
    private int[] lastUnclosedBracket(int line) {
        java.util.ArrayDeque<int[]> open = new java.util.ArrayDeque<>();
        for (int l = 0; l < line && l < lines.size(); l++) {
            String s = lines.get(l);
            char quote = 0;
            for (int c = 0; c < s.length(); c++) {
                char ch = s.charAt(c);
                if (quote != 0) {
                    if (ch == '\\' && quote == '"') c++;
                    else if (ch == quote) quote = 0;
                    continue;
                }
                if (ch == '#' && (c == 0 || Character.isWhitespace(s.charAt(c - 1)))) break;
                if (ch == '"' || ch == '\'') quote = ch;
                else if (ch == '[' || ch == '{') open.push(new int[] {l, c});
                else if ((ch == ']' || ch == '}') && !open.isEmpty()) open.pop();
            }
        }
        return open.peek();
    }

    private String lineText(int line) {
        return line >= 0 && line < lines.size() ? lines.get(line) : "";
    }

    private String charAt(int line, int col) {
        String s = lineText(line);
        return col >= 0 && col < s.length() ? String.valueOf(s.charAt(col)) : "\"";
    }

    private String restOfLine(int line, int col) {
        String s = lineText(line);
        return col < s.length() ? stripComment(s.substring(col)).strip() : "";
    }

    /** "Quote the value: `key: \"value\"`." — without the example when it would not read clearly. */
    private static String quoteHint(String key, String value) {
        if (value.isEmpty() || value.contains("`") || key.contains("`") || value.contains("\"") || value.contains("\\")) {
            return "Quote the value.";
        }
        return "Quote the value: `" + (key.isEmpty() ? "" : key + ": ") + "\"" + value + "\"`.";
    }

    private int previousContentLineIndex(int line) {
        for (int l = line - 1; l >= 0; l--) {
            String s = lineText(l).strip();
            if (!s.isEmpty() && !s.startsWith("#")) return l;
        }
        return -1;
    }

    private String previousContentLine(int line) {
        int l = previousContentLineIndex(line);
        return l < 0 ? null : lineText(l);
    }

    private static int indent(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        return i;
    }

    /** Whether the line holds a {@code key:} (with a value or not) or a list item. */
    private static boolean isKeyLine(String s) {
        String body = stripComment(stripDash(s.strip()));
        return body.isEmpty() || s.strip().startsWith("-") || body.contains(": ") || body.endsWith(":")
                || body.startsWith("{") || body.startsWith("[") || body.startsWith("\"") || body.startsWith("'");
    }

    /** The key a line starts with ("" if none), e.g. {@code template} for {@code "   template:"}. */
    private static String keyOf(String s) {
        String body = stripDash(s.strip());
        int colon = body.indexOf(':');
        return colon > 0 ? body.substring(0, colon).strip() : "";
    }

    private static String stripDash(String s) {
        return s.startsWith("- ") ? s.substring(2).strip() : s;
    }

    private static String stripComment(String s) {
        int hash = s.indexOf(" #");
        return hash >= 0 ? s.substring(0, hash) : s;
    }

    /** SnakeYAML's token names, for messages. */
    private static String token(String found) {
        String t = found.strip();
        if (t.startsWith("'") && t.endsWith("'") && t.length() >= 2) t = t.substring(1, t.length() - 1);
        return switch (t) {
            case "<stream end>" -> "the end of the file";
            case "<document start>" -> "`---`";
            case "<document end>" -> "`...`";
            case "<block mapping start>", "?", "<block mapping end>" -> "a key";
            case "<block sequence start>" -> "a list";
            case "<scalar>" -> "a value";
            case "<flow mapping start>" -> "`{`";
            case "<flow sequence start>" -> "`[`";
            case "<block end>" -> "the end of the block";
            default -> code(t);
        };
    }

    private static String code(String s) {
        return s.contains("`") ? "'" + s + "'" : "`" + s + "`";
    }

    private static String describeChar(int cp) {
        return switch (cp) {
            case ' ' -> "a space";
            case '\t' -> "a tab";
            case '\n', '\r' -> "the end of the line";
            case '`' -> "a backtick";
            default -> "`" + new String(Character.toChars(cp)) + "`";
        };
    }

    private static String clean(String s) {
        if (s == null) return "";
        String out = s.strip();
        Matcher m = CHAR_CODE.matcher(out);
        out = m.replaceAll(r -> Matcher.quoteReplacement(describeChar(Integer.parseInt(r.group(2)))));
        return out;
    }
}
