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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
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
 */
public final class YamlReader {
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
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() * 4)
                        .maxDocumentLength(limits.maxFileBytes() + 1L)
                        .build())
                .build();
    }

    public YamlReader() {
        this(YamlLimits.DEFAULT);
    }

    /** Parses {@code bytes}; problems go to {@code diagnostics}. Documents read before a syntax error are kept. */
    public List<YamlDocument> read(String file, byte[] bytes, Diagnostics diagnostics) {
        if (bytes.length > limits.maxFileBytes()) {
            diagnostics.report(Code.FILE_TOO_LARGE, Location.ofFile(file), "",
                    "File is " + bytes.length + " bytes, over the limit of " + limits.maxFileBytes() + " bytes.",
                    "Split it into several files; config files are small, so a file this big is usually generated output committed by mistake.");
            return List.of();
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                diagnostics.report(Code.BINARY_FILE, at(file, bytes, i), "",
                        "File contains a NUL byte, so it is binary, not YAML.",
                        "Remove the file from the config repo or give it another extension.");
                return List.of();
            }
        }
        String text = decodeUtf8(file, bytes, diagnostics);
        if (text == null) return List.of();
        return new Builder(file, diagnostics).parse(text);
    }

    private static String decodeUtf8(String file, byte[] bytes, Diagnostics diagnostics) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String s = decoder.decode(in).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            int offset = in.position();
            diagnostics.report(Code.INVALID_ENCODING, at(file, bytes, offset), "",
                    String.format("Byte 0x%02X at offset %d is not valid UTF-8.", bytes[Math.min(offset, bytes.length - 1)] & 0xff, offset),
                    "Save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`).");
            return null;
        }
    }

    /** Line and column of a byte offset, counting columns in bytes; good enough to find a bad byte. */
    private static Location at(String file, byte[] bytes, int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new Location(file, line, col);
    }

    private final class Builder {
        private final String file;
        private final Diagnostics diagnostics;
        private boolean depthReported;

        Builder(String file, Diagnostics diagnostics) {
            this.file = file;
            this.diagnostics = diagnostics;
        }

        List<YamlDocument> parse(String text) {
            List<YamlDocument> docs = new ArrayList<>();
            try (YAMLParser p = factory.createParser(text)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (docs.size() >= limits.maxDocumentsPerFile()) {
                        diagnostics.report(Code.FILE_TOO_LARGE, loc(p), "",
                                "File has more than " + limits.maxDocumentsPerFile() + " YAML documents.",
                                "Split it into several files.");
                        break;
                    }
                    YNode root = value(p, t, 1);
                    docs.add(new YamlDocument(file, docs.size(), root));
                }
            } catch (JsonProcessingException e) {
                diagnostics.report(Code.YAML_SYNTAX, loc(e.getLocation()), "",
                        "YAML syntax error: " + syntaxMessage(e) + ".",
                        "Fix the YAML at this position; a common cause is wrong indentation or a missing space after `:`.");
            } catch (IOException e) {
                diagnostics.report(Code.UNREADABLE_FILE, Location.ofFile(file), "", "Could not read the file: " + e.getMessage() + ".");
            }
            return docs;
        }

        private YNode value(YAMLParser p, JsonToken t, int depth) throws IOException {
            Location at = loc(p);
            if (depth > limits.maxDepth()) {
                if (!depthReported) {
                    depthReported = true;
                    diagnostics.report(Code.NESTING_TOO_DEEP, at, "",
                            "Nesting is deeper than " + limits.maxDepth() + " levels.",
                            "Flatten the structure; no flinkops document needs this depth.");
                }
                if (t.isStructStart()) p.skipChildren();
                return new YScalar("", YScalar.Type.NULL, at);
            }
            if (p.isCurrentAlias()) {
                diagnostics.report(Code.YAML_ALIAS, at, "",
                        "YAML alias `*" + p.getText() + "` is not supported.",
                        "Repeat the value, or move shared values into global-defaults.yaml or the namespace's defaults.yaml.");
                return new YScalar("", YScalar.Type.NULL, at);
            }
            switch (t) {
                case START_OBJECT:
                    return mapping(p, at, depth);
                case START_ARRAY: {
                    List<YNode> items = new ArrayList<>();
                    JsonToken n;
                    while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                        items.add(value(p, n, depth + 1));
                    }
                    return new YSeq(items, at);
                }
                case VALUE_STRING:
                    return new YScalar(p.getText(), YScalar.Type.STRING, at);
                case VALUE_NUMBER_INT:
                    return new YScalar(p.getText(), YScalar.Type.INT, at);
                case VALUE_NUMBER_FLOAT:
                    return new YScalar(p.getText(), YScalar.Type.FLOAT, at);
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return new YScalar(p.getText(), YScalar.Type.BOOL, at);
                case VALUE_NULL:
                    return new YScalar(p.getText() == null ? "" : p.getText(), YScalar.Type.NULL, at);
                default:
                    // Embedded objects cannot come from YAML text; treat anything else as its text.
                    return new YScalar(String.valueOf(p.getText()), YScalar.Type.STRING, at);
            }
        }

        private YMap mapping(YAMLParser p, Location start, int depth) throws IOException {
            Map<String, YMap.Entry> entries = new LinkedHashMap<>();
            Location first = null;
            JsonToken n;
            while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Location keyAt = loc(p);
                if (first == null) first = keyAt;
                JsonToken v = p.nextToken();
                YNode value = value(p, v, depth + 1);
                YMap.Entry previous = entries.get(key);
                if (previous != null) {
                    diagnostics.report(Code.DUPLICATE_KEY, keyAt, "",
                            "Key `" + key + "` appears twice in this mapping (first at line " + previous.keyLocation().line() + ").",
                            "Remove one of them; YAML parsers disagree on which one wins.");
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
            return new Location(file, l.getLineNr(), Math.max(1, l.getColumnNr()));
        }
    }

    /**
     * SnakeYAML messages have a context line ("while parsing a flow sequence"), position lines, a quoted
     * snippet with a caret, and the problem ("expected ',' or ']'"). Keep the problem and the context.
     */
    static String syntaxMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null || m.isBlank()) return "unreadable YAML";
        List<String> sentences = new ArrayList<>();
        for (String line : m.split("\\R")) {
            if (line.startsWith("    ")) continue; // the snippet and its caret
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("in '") || s.startsWith("in \"") || s.startsWith("at [Source")) continue;
            sentences.add(s);
        }
        if (sentences.isEmpty()) return m.strip().replaceAll("\\s+", " ");
        String problem = sentences.get(sentences.size() - 1);
        String context = String.join(", ", sentences.subList(0, sentences.size() - 1));
        String out = context.isEmpty() ? problem : problem + " (" + context + ")";
        out = out.replaceAll("\\s+", " ");
        return out.endsWith(".") ? out.substring(0, out.length() - 1) : out;
    }
}
