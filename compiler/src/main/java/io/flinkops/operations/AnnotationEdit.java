package io.flinkops.operations;

import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YScalar;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets one entry of a document's {@code metadata.annotations} by editing the file's text, not by writing the YAML out
 * again: the rest of the file (comments, quoting, order, the other documents) stays byte for byte as it was, so the
 * edit a reviewer sees is one or two lines. Block-style YAML only; a flow-style mapping on the way is refused with the
 * line to write by hand.
 */
final class AnnotationEdit {
    private AnnotationEdit() {
    }

    /**
     * @param text  the whole file
     * @param root  the document's tree, read from {@code text} (its locations are lines and columns of {@code text})
     * @param key   the annotation
     * @param value its new value, written double-quoted
     */
    static String set(String text, YMap root, String key, String value) {
        Lines lines = new Lines(text);
        String entry = key + ": " + quoted(value);
        YMap.Entry metadata = root.entry("metadata").orElseThrow(() -> refused(key, value, "it has no `metadata`"));
        if (!(metadata.value() instanceof YMap meta) || blockEntriesStart(meta, metadata) < 0) {
            throw refused(key, value, "its `metadata` is not a block mapping");
        }
        var annotations = meta.entry("annotations");
        if (annotations.isEmpty()) {
            // After `name:` (a single-line scalar), indented like it.
            YMap.Entry name = meta.entry("name").orElse(meta.entries().values().iterator().next());
            int after = singleLineEnd(name, lines);
            if (after < 0) throw refused(key, value, "`metadata." + name.key() + "` spans several lines");
            String indent = " ".repeat(name.keyLocation().column() - 1);
            lines.insertAfter(after, indent + "annotations:", indent + "  " + entry);
            return lines.text();
        }
        YMap.Entry a = annotations.get();
        if (a.value() instanceof YScalar s && s.isNull() && s.location().line() == a.keyLocation().line()
                && lines.restOfLine(a.keyLocation()).strip().equals("annotations:")) {
            lines.insertAfter(a.keyLocation().line(), " ".repeat(a.keyLocation().column() + 1) + entry);
            return lines.text();
        }
        if (!(a.value() instanceof YMap map) || map.entries().isEmpty() || blockEntriesStart(map, a) < 0) {
            throw refused(key, value, "its `metadata.annotations` is not a block mapping");
        }
        YMap.Entry existing = map.entries().get(key);
        if (existing != null) {
            if (!(existing.value() instanceof YScalar old) || old.location().line() != existing.keyLocation().line()) {
                throw refused(key, value, "the annotation's value is not a one-line value");
            }
            lines.replaceScalar(old, quoted(value));
            return lines.text();
        }
        List<YMap.Entry> entries = new ArrayList<>(map.entries().values());
        String indent = " ".repeat(entries.get(0).keyLocation().column() - 1);
        // Keep sorted annotations sorted: before the first key that sorts after ours, else after the last one.
        for (YMap.Entry e : entries) {
            if (e.key().compareTo(key) > 0) {
                lines.insertBefore(e.keyLocation().line(), indent + entry);
                return lines.text();
            }
        }
        YMap.Entry last = entries.get(entries.size() - 1);
        int after = singleLineEnd(last, lines);
        if (after < 0) lines.insertBefore(entries.get(0).keyLocation().line(), indent + entry);
        else lines.insertAfter(after, indent + entry);
        return lines.text();
    }

    /** A double-quoted YAML (and JSON) string. */
    static String quoted(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The first entry's line when the mapping is written in block style (its entries below its key), else -1. */
    private static int blockEntriesStart(YMap map, YMap.Entry parent) {
        if (map.entries().isEmpty()) return -1;
        int line = map.entries().values().iterator().next().keyLocation().line();
        return line > parent.keyLocation().line() ? line : -1;
    }

    /** The line an entry ends on when its value is a scalar on the key's line; -1 otherwise. */
    private static int singleLineEnd(YMap.Entry e, Lines lines) {
        if (!(e.value() instanceof YScalar s)) return -1;
        if (s.location().line() != e.keyLocation().line()) return -1;
        String rest = lines.restOfLine(s.location()).strip();
        if (rest.startsWith("|") || rest.startsWith(">")) return -1;
        if ((rest.startsWith("\"") || rest.startsWith("'")) && Lines.closingQuote(rest) < 0) return -1;
        return e.keyLocation().line();
    }

    private static OperationRefused refused(String key, String value, String why) {
        return new OperationRefused("cannot add the annotation to this file because " + why
                + ". Add it by hand under metadata.annotations: " + key + ": " + quoted(value));
    }

    /** The file as lines, keeping its line ending style (LF or CRLF). */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private final String newline;
        private final boolean finalNewline;

        Lines(String text) {
            newline = text.contains("\r\n") ? "\r\n" : "\n";
            finalNewline = text.endsWith("\n");
            String body = finalNewline ? text.substring(0, text.length() - newline.length()) : text;
            lines.addAll(List.of(body.split(newline.equals("\n") ? "\n" : "\r\n", -1)));
        }

        String restOfLine(io.flinkops.diag.Location at) {
            String line = lines.get(at.line() - 1);
            return at.column() - 1 <= line.length() ? line.substring(at.column() - 1) : "";
        }

        /** Inserts {@code added} after 1-based line {@code line}. */
        void insertAfter(int line, String... added) {
            lines.addAll(line, List.of(added));
        }

        void insertBefore(int line, String... added) {
            lines.addAll(line - 1, List.of(added));
        }

        /** Replaces a one-line scalar's text (plain or quoted), keeping what follows it (a comment). */
        void replaceScalar(YScalar scalar, String replacement) {
            int index = scalar.location().line() - 1;
            String line = lines.get(index);
            int start = scalar.location().column() - 1;
            String rest = line.substring(start);
            int end;
            if (rest.startsWith("\"") || rest.startsWith("'")) {
                end = closingQuote(rest) + 1;
            } else {
                int comment = rest.indexOf(" #");
                end = (comment < 0 ? rest : rest.substring(0, comment)).stripTrailing().length();
            }
            lines.set(index, line.substring(0, start) + replacement + rest.substring(end));
        }

        /** The index of the quote closing the quoted scalar {@code s} starts with, or -1. */
        static int closingQuote(String s) {
            char q = s.charAt(0);
            for (int i = 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (q == '"' && c == '\\') {
                    i++;
                } else if (c == q) {
                    if (q == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') i++;
                    else return i;
                }
            }
            return -1;
        }

        String text() {
            return String.join(newline, lines) + (finalNewline ? newline : "");
        }
    }
}
