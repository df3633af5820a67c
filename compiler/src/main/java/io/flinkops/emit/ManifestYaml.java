package io.flinkops.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Byte-stable YAML for Kubernetes objects: apiVersion, kind and metadata first, every other mapping in key
 * order, sequences indented under their key, strings plain unless a YAML 1.1 or 1.2 reader (go-yaml in
 * kubectl, SnakeYAML, yaml-language-server) would read them as something else or misparse them, then
 * double-quoted; multi-line strings as literal blocks.
 * <p>
 * A hand-written emitter rather than a YAML library's: the output is a plain JSON tree, so the whole format
 * fits on this page, and a render of 10,000 deployments writes tens of thousands of objects, where a general
 * emitter's per-scalar analysis was the largest single cost of {@code flinkops render}.
 */
public final class ManifestYaml {
    private static final List<String> HEAD = List.of("apiVersion", "kind", "metadata");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Plain scalars YAML 1.1 resolves to booleans or null, or reads as the merge key or the value key. */
    private static final Set<String> RESERVED_WORDS = Set.of(
            "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
            "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
            "null", "Null", "NULL", "~", "<<", "=");
    /**
     * Plain scalars YAML 1.1 or 1.2 resolves to a number or timestamp: integers in every base, with
     * underscores and base-60 parts (1.1), floats with optional exponent, infinity and NaN, and anything that
     * starts like a date. ("10.0.0.1" stays plain: no reader takes it for a number.) Only strings starting with a digit, sign or dot are tested against it.
     */
    private static final Pattern NUMBER_LIKE = Pattern.compile(
            "[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
                    + "|\\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|\\.(?:inf|Inf|INF))|\\.(?:nan|NaN|NAN)|\\.|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*",
            Pattern.DOTALL);

    private ManifestYaml() {
    }

    /** {@code object} as a YAML document (no {@code ---} marker), with the canonical key order. */
    public static String write(JsonNode object) {
        return write(object, true);
    }

    /**
     * {@code object} as a YAML document with the same scalar rules, its mappings in their own (insertion) order: for
     * documents people read and edit, such as the config-repo files {@code flinkops import} writes.
     */
    public static String writeInOrder(JsonNode object) {
        return write(object, false);
    }

    private static String write(JsonNode object, boolean sorted) {
        StringBuilder out = new StringBuilder(1024);
        if (object.isObject() && !object.isEmpty()) {
            writeMapping(out, object, 0, true, sorted);
        } else if (object.isArray() && !object.isEmpty()) {
            writeSequence(out, object, 0, sorted);
        } else {
            writeValue(out, object, 0);
            out.append('\n');
        }
        return out.toString();
    }

    /** For tests and the kustomization: a plain map as YAML with the same settings. */
    public static String write(Map<String, ?> map) {
        return write((JsonNode) JSON.valueToTree(map));
    }

    /** Writes the entries of a non-empty mapping, each on its own line at {@code indent}. */
    private static void writeMapping(StringBuilder out, JsonNode mapping, int indent, boolean top, boolean sorted) {
        List<String> keys = new ArrayList<>(mapping.size());
        for (Iterator<String> it = mapping.fieldNames(); it.hasNext(); ) keys.add(it.next());
        if (sorted) keys.sort(null);
        boolean first = true;
        if (top) {
            for (String h : HEAD) {
                JsonNode value = mapping.get(h);
                if (value != null) {
                    writeEntry(out, h, value, indent, first, sorted);
                    first = false;
                }
            }
        }
        for (String k : keys) {
            if (top && HEAD.contains(k)) continue;
            writeEntry(out, k, mapping.get(k), indent, first, sorted);
            first = false;
        }
    }

    /** {@code firstInline}: the line is already started (after "- "), so the first entry takes no indent. */
    private static void writeEntry(StringBuilder out, String key, JsonNode value, int indent, boolean firstInline, boolean sorted) {
        if (!firstInline || !endsWithItemIndicator(out)) indent(out, indent);
        writeString(out, key, indent, true);
        out.append(':');
        if (value.isObject() && !value.isEmpty()) {
            out.append('\n');
            writeMapping(out, value, indent + 2, false, sorted);
        } else if (value.isArray() && !value.isEmpty()) {
            out.append('\n');
            writeSequence(out, value, indent + 2, sorted);
        } else {
            out.append(' ');
            writeValue(out, value, indent);
            out.append('\n');
        }
    }

    private static void writeSequence(StringBuilder out, JsonNode sequence, int indent, boolean sorted) {
        for (JsonNode item : sequence) {
            if (!endsWithItemIndicator(out)) indent(out, indent);
            out.append("- ");
            if (item.isObject() && !item.isEmpty()) {
                writeMapping(out, item, indent + 2, false, sorted);
            } else if (item.isArray() && !item.isEmpty()) {
                writeSequence(out, item, indent + 2, sorted);
            } else {
                writeValue(out, item, indent);
                out.append('\n');
            }
        }
    }

    /** True right after "- " of a sequence item, where a nested mapping or sequence starts on the same line. */
    private static boolean endsWithItemIndicator(StringBuilder out) {
        int n = out.length();
        return n >= 2 && out.charAt(n - 1) == ' ' && out.charAt(n - 2) == '-'
                && (n == 2 || out.charAt(n - 3) == ' ' || out.charAt(n - 3) == '\n');
    }

    /** A scalar or an empty collection; {@code indent} is that of the entry or item holding it. */
    private static void writeValue(StringBuilder out, JsonNode value, int indent) {
        if (value.isTextual()) {
            writeString(out, value.textValue(), indent, false);
        } else if (value.isObject()) {
            out.append("{}");
        } else if (value.isArray()) {
            out.append("[]");
        } else if (value.isNull() || value.isMissingNode()) {
            out.append("null");
        } else if (value.isNumber() || value.isBoolean()) {
            out.append(value.asText());
        } else {
            // Binary or POJO nodes never come out of rendering; write their text rather than guess.
            writeString(out, value.asText(), indent, false);
        }
    }

    private static void writeString(StringBuilder out, String s, int indent, boolean key) {
        if (!key && s.indexOf('\n') >= 0 && literalBlockCanHold(s)) {
            writeLiteralBlock(out, s, indent + 2);
        } else if (plainIsSafe(s)) {
            out.append(s);
        } else {
            writeDoubleQuoted(out, s);
        }
    }

    /** Whether {@code s} reads back as this same string when written plain, as key or value, in block context. */
    static boolean plainIsSafe(String s) {
        int n = s.length();
        if (n == 0 || RESERVED_WORDS.contains(s)) return false;
        // Flow indicators are plain-safe in block context, but quoting them reads better ("${VAR}", "a,b")
        // and keeps the value intact if a tool re-emits it in flow style.
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') return false;
        }
        char first = s.charAt(0);
        switch (first) {
            case ' ', '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
                return false;
            case '-', '?', ':':
                // An indicator followed by a space ("- a") or alone; "-x" and "--flag" are plain scalars.
                if (n == 1 || s.charAt(1) == ' ') return false;
                if (s.startsWith("---")) return false; // a document marker when it lands at column 0
                break;
            case '.':
                if (s.startsWith("...")) return false;
                break;
            default:
                break;
        }
        char last = s.charAt(n - 1);
        if (last == ' ' || last == ':') return false;
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (c == ':' && s.charAt(i + 1) == ' ') return false; // i+1 < n: last is not ':'
            if (c == '#' && s.charAt(i - 1) == ' ') return false; // i > 0: first is not '#'
            int width = printable(s, i);
            if (width == 0) return false; // tabs and line breaks included
            i += width;
        }
        if ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.') {
            return !NUMBER_LIKE.matcher(s).matches();
        }
        return true;
    }

    /**
     * Whether a literal block ({@code |}) holds {@code s} exactly: printable text, not only line breaks, whose
     * lines have no trailing blanks.
     */
    static boolean literalBlockCanHold(String s) {
        int n = s.length();
        if (s.chars().allMatch(c -> c == '\n')) return false;
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (c == '\n') {
                if (i > 0 && s.charAt(i - 1) == ' ') return false;
                i++;
            } else {
                int width = printable(s, i);
                if (width == 0) return false; // tabs included: some readers take them for indentation
                i += width;
            }
        }
        return s.charAt(n - 1) != ' ';
    }

    private static void writeLiteralBlock(StringBuilder out, String s, int contentIndent) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') end--;
        int trailingBreaks = s.length() - end;
        out.append('|');
        // A leading blank or empty line would set the block's indentation: say it instead (2, relative to the parent).
        if (s.charAt(0) == ' ' || s.charAt(0) == '\n') out.append('2');
        // Chomping: "-" strips the final line break, none keeps one, "+" keeps them all.
        out.append(trailingBreaks == 0 ? "-" : trailingBreaks == 1 ? "" : "+").append('\n');
        int lineStart = 0;
        while (lineStart <= end) {
            int lineEnd = s.indexOf('\n', lineStart);
            if (lineEnd < 0 || lineEnd > end) lineEnd = end;
            if (lineEnd > lineStart) {
                indent(out, contentIndent);
                out.append(s, lineStart, lineEnd);
            }
            out.append('\n');
            lineStart = lineEnd + 1;
        }
        // "|+" keeps the breaks after the last line; one is already written.
        for (int i = 1; i < trailingBreaks; i++) out.append('\n');
        // The caller ends the entry with a line break of its own.
        out.setLength(out.length() - 1);
    }

    private static void writeDoubleQuoted(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                default -> {
                    int width = printable(s, i);
                    if (width == 0) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(s, i, i + width);
                        i += width - 1;
                    }
                }
            }
        }
        out.append('"');
    }

    private static void indent(StringBuilder out, int spaces) {
        for (int i = 0; i < spaces; i++) out.append(' ');
    }

    /**
     * How many chars at {@code i} form one printable code point (1, or 2 for a surrogate pair), 0 when the code
     * point is not printable. YAML's printable set, minus the C1 controls (NEL breaks lines in YAML 1.1), the
     * byte-order mark and the line and paragraph separators, which readers treat as line breaks or strip.
     */
    private static int printable(String s, int i) {
        char c = s.charAt(i);
        if (c >= 0x20 && c <= 0x7E) return 1;
        if (c < 0xA0) return 0;
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 0;
        }
        if (Character.isLowSurrogate(c)) return 0;
        return c != 0xFEFF && c != 0x2028 && c != 0x2029 && c != 0xFFFE && c != 0xFFFF ? 1 : 0;
    }
}
