package io.flinkops.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML bytes into positioned {@link YNode} trees. Jackson's streaming parser is used for tokens
 * and positions only; the tree is built here so that every key and value keeps its line and column,
 * duplicate keys and aliases are reported (Jackson would silently keep the last key and turn an alias
 * into a string), and a broken file yields diagnostics instead of exceptions.
 *
 * <p>A syntax error ends only the document it is in: parsing resumes at the next {@code ---} line, so
 * the other documents of a multi-document file are still read (YAML forbids {@code ---} at the start of
 * a line inside a value, so that line always starts a new document). A document nested deeper than the
 * limit is reported and dropped. An alias ({@code *name}) is reported and read as an absent value
 * ({@link YScalar#aliasPlaceholder}; {@link YamlJson} leaves such list items out).
 */
public final class YamlReader {
    /** Values up to this length are shared between occurrences ({@code Builder.shared}). */
    private static final int SHARED_MAX = 64;

    private final YamlLimits limits;
    private final YAMLFactory factory;

    public YamlReader(YamlLimits limits) {
        this.limits = limits;
        LoaderOptions loaderOptions = new LoaderOptions();
        loaderOptions.setCodePointLimit(limits.maxFileBytes() + 1);
        // Duplicates are detected while building the tree, where all of them can be reported.
        loaderOptions.setAllowDuplicateKeys(true);
        this.factory = YAMLFactory.builder()
                .loaderOptions(loaderOptions)
                // `key:` with nothing after it is null (as in YAML), not "": the builder does not enable this
                // default of `new YAMLFactory()`, and null matters (it removes an inherited default).
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .streamReadConstraints(StreamReadConstraints.builder()
                        // Depth is limited by this reader (it reports the problem and skips the document);
                        // Jackson's own limit would end the whole file with an unhelpful message.
                        .maxNestingDepth(Math.max(limits.maxFileBytes(), 1000))
                        .maxDocumentLength(limits.maxFileBytes() + 1L)
                        .build())
                .build();
    }

    public YamlReader() {
        this(YamlLimits.DEFAULT);
    }

    /** Parses {@code bytes}; problems go to {@code diagnostics}. Documents without syntax errors are kept. */
    public List<YamlDocument> read(String file, byte[] bytes, Diagnostics diagnostics) {
        if (bytes.length > limits.maxFileBytes()) {
            diagnostics.report(Code.FILE_TOO_LARGE, Location.ofFile(file), "",
                    "File is " + bytes.length + " bytes, over the limit of " + limits.maxFileBytes() + " bytes.",
                    "Split it into several files; config files are small, so a file this big is usually generated output committed by mistake.");
            return List.of();
        }
        if (looksLikeUtf16(bytes)) {
            diagnostics.report(Code.INVALID_ENCODING, Location.ofFile(file), "",
                    "The file is encoded as UTF-16, not UTF-8.",
                    "Save the file as UTF-8 (for example `iconv -f utf-16 -t utf-8`).");
            return List.of();
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                diagnostics.report(Code.BINARY_FILE, at(file, bytes, i), "",
                        "The file contains a NUL byte, so it is binary, not YAML.",
                        "Remove the file from the config repo, or rename it so that it does not end in .yaml or .yml.");
                return List.of();
            }
        }
        String text = decodeUtf8(file, bytes, diagnostics);
        if (text == null) return List.of();
        return new Builder(file, text, diagnostics).parse();
    }

    /** A byte order mark of UTF-16, or ASCII text with a NUL byte before or after every character. */
    private static boolean looksLikeUtf16(byte[] b) {
        if (b.length >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
            return true;
        }
        if (b.length < 4) return false;
        int n = Math.min(b.length & ~1, 64);
        boolean evenZero = true;
        boolean oddZero = true;
        for (int i = 0; i < n; i += 2) {
            evenZero &= b[i] == 0 && b[i + 1] >= 0x09;
            oddZero &= b[i + 1] == 0 && b[i] >= 0x09;
        }
        return evenZero || oddZero;
    }

    private static String decodeUtf8(String file, byte[] bytes, Diagnostics diagnostics) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int offset = in.position();
            diagnostics.report(Code.INVALID_ENCODING, at(file, bytes, offset), "",
                    String.format("Byte 0x%02X is not valid UTF-8; the file is probably saved in another encoding, such as Latin-1.",
                            bytes[Math.min(offset, bytes.length - 1)] & 0xff),
                    "Save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`).");
            return null;
        }
        out.flip();
        String s = out.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /**
     * Line and column (in characters, as for YAML positions) of a byte offset. The bytes before
     * {@code offset} are valid UTF-8, so they decode cleanly; a leading byte order mark is not counted.
     */
    private static Location at(String file, byte[] bytes, int offset) {
        String before = new String(bytes, 0, Math.min(offset, bytes.length), StandardCharsets.UTF_8);
        if (before.startsWith("\uFEFF")) before = before.substring(1);
        int line = 1;
        int col = 1;
        for (int i = 0; i < before.length(); ) {
            int cp = before.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                col = 1;
            } else if (cp == '\r') {
                if (i < before.length() && before.charAt(i) == '\n') continue;
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Location(file, line, col);
    }

    /** The text of each line, split like SnakeYAML does (\r\n, \r, \n, NEL, LS, PS). */
    static List<String> lines(String text, List<Integer> starts) {
        List<String> out = new ArrayList<>();
        int start = 0;
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                start = i + 1;
                starts.add(start);
            }
        }
        out.add(text.substring(start));
        return out;
    }

    private final class Builder {
        private final String file;
        private final String text;
        private final Diagnostics diagnostics;
        private final List<Integer> lineStarts = new ArrayList<>();
        private final List<String> lines;
        /** Lines of the file before the text being parsed (parsing resumes after a syntax error). */
        private int lineOffset;
        private boolean tooDeep;

        Builder(String file, String text, Diagnostics diagnostics) {
            this.file = file;
            this.text = text;
            this.diagnostics = diagnostics;
            this.lines = lines(text, lineStarts);
        }

        List<YamlDocument> parse() {
            List<YamlDocument> docs = new ArrayList<>();
            int index = 0;
            while (true) {
                try (YAMLParser p = factory.createParser(text.substring(lineStarts.get(lineOffset)))) {
                    JsonToken t;
                    while ((t = p.nextToken()) != null) {
                        if (index >= limits.maxDocumentsPerFile()) {
                            diagnostics.report(Code.FILE_TOO_LARGE, loc(p), "",
                                    "The file has more than " + limits.maxDocumentsPerFile() + " YAML documents.",
                                    "Split it into several files.");
                            return docs;
                        }
                        tooDeep = false;
                        YNode root = value(p, t, 1, "");
                        if (root instanceof YScalar s && s.isString() && s.text().isEmpty()) {
                            // Jackson reads an empty document (a trailing `---`, only comments) as "".
                            root = new YScalar("", YScalar.Type.NULL, s.location());
                        }
                        if (!tooDeep) docs.add(new YamlDocument(file, index, root));
                        index++;
                    }
                    return docs;
                } catch (JsonProcessingException e) {
                    int errorLine = reportSyntaxError(e);
                    index++; // the broken document
                    int next = nextDocumentStart(Math.max(errorLine, lineOffset + 1));
                    if (next < 0) return docs;
                    lineOffset = next;
                } catch (IOException e) {
                    diagnostics.report(Code.UNREADABLE_FILE, Location.ofFile(file), "", "Could not read the file: " + e.getMessage() + ".");
                    return docs;
                } catch (RuntimeException e) {
                    // Not seen in practice (the parser's errors are JsonProcessingExceptions); never let bad input crash a run.
                    diagnostics.report(Code.YAML_SYNTAX, Location.ofFile(file), "",
                            "The YAML parser gave up on this file (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage().strip().replaceAll("\\s+", " ")) + ").",
                            "Check the file's syntax; if it looks right, please report this as a flinkops bug.");
                    return docs;
                }
            }
        }

        /** Reports a syntax error; returns the (0-based, file-wide) line the parser stopped at. */
        private int reportSyntaxError(JsonProcessingException e) {
            MarkedYAMLException marked = marked(e);
            if (marked != null) {
                SyntaxErrors.Explained x = new SyntaxErrors(lines.subList(lineOffset, lines.size())).explain(marked);
                diagnostics.report(Code.YAML_SYNTAX, new Location(file, x.line() + lineOffset + 1, x.column() + 1), "", x.message(), x.hint());
                int stop = marked.getProblemMark() != null ? marked.getProblemMark().getLine()
                        : marked.getContextMark() != null ? marked.getContextMark().getLine() : 0;
                return stop + lineOffset;
            }
            Location at = loc(e.getLocation());
            if (String.valueOf(e.getOriginalMessage()).startsWith("Expected a field name")) {
                diagnostics.report(Code.YAML_SYNTAX, at, "", "A mapping key must be a plain value, not a list or a mapping.",
                        "Write the key as a plain or quoted string.");
                return Math.max(0, at.line() - 1);
            }
            String m = e.getOriginalMessage() == null ? "unreadable YAML" : e.getOriginalMessage().strip().replaceAll("\\s+", " ");
            diagnostics.report(Code.YAML_SYNTAX, at, "", "YAML syntax error: " + (m.endsWith(".") ? m.substring(0, m.length() - 1) : m) + ".",
                    "Check the YAML at this position.");
            return Math.max(0, at.line() - 1);
        }

        /** The first line at or after {@code from} that starts a new document ({@code ---}), or -1. */
        private int nextDocumentStart(int from) {
            for (int l = from; l < lines.size(); l++) {
                String s = lines.get(l);
                if (s.startsWith("---") && (s.length() == 3 || s.charAt(3) == ' ' || s.charAt(3) == '\t')) return l;
            }
            return -1;
        }

        private YNode value(YAMLParser p, JsonToken t, int depth, String pointer) throws IOException {
            Location at = loc(p);
            if (depth > limits.maxDepth()) {
                if (!tooDeep) {
                    tooDeep = true;
                    diagnostics.report(Code.NESTING_TOO_DEEP, at, pointer,
                            "The document is nested more than " + limits.maxDepth() + " levels deep, so it is not read.",
                            "Flatten the structure; no flinkops document needs this depth.");
                }
                if (t.isStructStart()) p.skipChildren();
                return new YScalar("", YScalar.Type.NULL, at);
            }
            if (p.isCurrentAlias()) {
                diagnostics.report(Code.YAML_ALIAS, at, pointer,
                        "The YAML alias `*" + p.getText() + "` is not supported.",
                        "Write the value out here, or move shared values into global-defaults.yaml or the namespace's defaults.yaml.");
                return YScalar.aliasPlaceholder(p.getText(), at);
            }
            switch (t) {
                case START_OBJECT:
                    return mapping(p, at, depth, pointer);
                case START_ARRAY: {
                    List<YNode> items = new ArrayList<>();
                    JsonToken n;
                    while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                        items.add(value(p, n, depth + 1, JsonPointers.append(pointer, items.size())));
                    }
                    return new YSeq(items, at);
                }
                case VALUE_STRING:
                    return new YScalar(shared(p.getText()), YScalar.Type.STRING, at);
                case VALUE_NUMBER_INT:
                    return new YScalar(shared(p.getText()), YScalar.Type.INT, at);
                case VALUE_NUMBER_FLOAT:
                    return new YScalar(shared(p.getText()), YScalar.Type.FLOAT, at);
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return new YScalar(shared(p.getText()), YScalar.Type.BOOL, at);
                case VALUE_NULL:
                    return new YScalar(p.getText() == null ? "" : p.getText(), YScalar.Type.NULL, at);
                default:
                    // Embedded objects cannot come from YAML text; treat anything else as its text.
                    return new YScalar(String.valueOf(p.getText()), YScalar.Type.STRING, at);
            }
        }

        /**
         * Keys and short values repeat across thousands of documents ({@code spec}, {@code flinkConfiguration},
         * {@code RUNNING}, {@code 2}) and live as long as the trees: one shared copy of each instead of one per
         * occurrence (interned strings are still collected when unused). Long values are mostly unique.
         */
        private static String shared(String text) {
            return text != null && text.length() <= SHARED_MAX ? text.intern() : text;
        }

        private YMap mapping(YAMLParser p, Location start, int depth, String pointer) throws IOException {
            Map<String, YMap.Entry> entries = new LinkedHashMap<>();
            Location first = null;
            JsonToken n;
            while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName().intern(); // see shared()
                Location keyAt = loc(p);
                if (first == null) first = keyAt;
                String child = JsonPointers.append(pointer, key);
                JsonToken v = p.nextToken();
                if (key.equals("<<")) {
                    String merged = p.isCurrentAlias() ? " `<<: *" + p.getText() + "`" : " `<<`";
                    diagnostics.report(Code.YAML_ALIAS, keyAt, child,
                            "The YAML merge key" + merged + " is not supported.",
                            "Write the fields out here, or move shared values into global-defaults.yaml or the namespace's defaults.yaml.");
                    if (v.isStructStart()) p.skipChildren();
                    continue;
                }
                YNode value = value(p, v, depth + 1, child);
                YMap.Entry previous = entries.get(key);
                if (previous != null) {
                    diagnostics.report(Code.DUPLICATE_KEY, keyAt, child,
                            "The key `" + key + "` appears twice in this mapping; the first is at line " + previous.keyLocation().line() + ".",
                            "Remove one of them; YAML tools disagree on which one wins.");
                    continue;
                }
                entries.put(key, new YMap.Entry(key, keyAt, value));
            }
            if (n != JsonToken.END_OBJECT) {
                throw new IllegalStateException("Unexpected token in mapping: " + n);
            }
            return new YMap(entries, first != null ? first : start);
        }

        private Location loc(YAMLParser p) {
            return loc(p.currentTokenLocation());
        }

        private Location loc(JsonLocation l) {
            if (l == null || l.getLineNr() < 1) return Location.ofFile(file);
            return new Location(file, l.getLineNr() + lineOffset, Math.max(1, l.getColumnNr()));
        }
    }

    private static MarkedYAMLException marked(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) return m;
        }
        return null;
    }
}
