package io.flinkops.importer;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YSeq;
import io.flinkops.yaml.YamlDocument;
import io.flinkops.yaml.YamlReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the files and folders given to {@code flinkops import}: YAML (several documents per file) and JSON, with
 * the project's YAML reader, so every problem has a file, line and column. A folder is read recursively, its
 * {@code .yaml}, {@code .yml} and {@code .json} files in path order (dot files and dot folders skipped); a file named
 * on the command line is read whatever its name. A mapping with an {@code items} list (a VVP or Kubernetes list
 * response, {@code kind: List}) stands for its items.
 */
final class InputReader {
    private final YamlReader yaml = new YamlReader();
    /** The lines of every file read, for quoting them in diagnostics. */
    private final Map<String, List<String>> lines = new LinkedHashMap<>();

    /** The documents of {@code inputs}, in order; problems go to {@code diagnostics}. */
    List<InputDocument> read(List<Path> inputs, Diagnostics diagnostics) {
        List<InputDocument> out = new ArrayList<>();
        for (Path input : inputs) {
            for (Path file : files(input, diagnostics)) {
                String name = display(file);
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    diagnostics.report(Code.UNREADABLE_FILE, Location.ofFile(name), "", "Could not read the file: " + e.getMessage() + ".", "");
                    continue;
                }
                bytes = jsonTabs(bytes);
                lines.put(name, new String(bytes, StandardCharsets.UTF_8).lines().toList());
                int index = 0;
                for (YamlDocument doc : yaml.read(name, bytes, diagnostics)) {
                    index = add(out, name, index, doc.root(), null, diagnostics);
                }
            }
        }
        return out;
    }

    /** Line {@code line} (1-based) of an input file, for the diagnostic renderer. */
    String line(String file, int line) {
        List<String> l = lines.get(file);
        return l != null && line >= 1 && line <= l.size() ? l.get(line - 1) : null;
    }

    private int add(List<InputDocument> out, String file, int index, YNode root, String listKind, Diagnostics diagnostics) {
        if (root == null || root.isNull()) return index; // an empty document, a trailing `---`
        if (!(root instanceof YMap map)) {
            diagnostics.report(Code.DOCUMENT_NOT_MAPPING, root.location(), "",
                    "The document is not a mapping, so it is not a Kubernetes or VVP resource.",
                    "A resource is a mapping with `kind`, `metadata` and `spec`.");
            return index + 1;
        }
        if (isList(map)) {
            String itemKind = map.text("kind").filter(k -> k.endsWith("List") && !k.equals("List"))
                    .map(k -> k.substring(0, k.length() - "List".length())).orElse(listKind);
            YNode items = map.get("items");
            if (items instanceof YSeq seq) {
                for (YNode item : seq.items()) index = add(out, file, index, item, itemKind, diagnostics);
            } else if (!items.isNull()) {
                diagnostics.report(Code.WRONG_TYPE, items.location(), "/items", "`items` is not a list.",
                        "A list response holds its resources in a list under `items`.");
            }
            return index;
        }
        out.add(new InputDocument(file, index, map, listKind));
        return index + 1;
    }

    /** A list response: {@code items} and no {@code spec} ({@code kind: List}, {@code DeploymentList}, a VVP list). */
    private static boolean isList(YMap map) {
        return map.has("items") && !map.has("spec") && map.text("kind").map(k -> k.endsWith("List")).orElse(true);
    }

    private static List<Path> files(Path input, Diagnostics diagnostics) {
        if (!Files.isDirectory(input)) return List.of(input);
        try (Stream<Path> walk = Files.walk(input)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(input.relativize(p)))
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            diagnostics.report(Code.UNREADABLE_FILE, Location.ofFile(display(input)), "", "Could not read the folder: " + e.getMessage() + ".", "");
            return List.of();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) return true;
        }
        return false;
    }

    /** The file as the user would name it: relative to the working directory when it is below it. */
    static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        Path shown = abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
        String s = shown.toString().replace('\\', '/');
        return s.isEmpty() ? "." : s;
    }

    /**
     * JSON may be indented with tabs, which YAML forbids for indentation. In JSON a tab can only be whitespace
     * between tokens (inside a string it must be escaped), so a file that starts like JSON has its tabs read as
     * spaces; lines and columns stay the same.
     */
    private static byte[] jsonTabs(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) i = 3;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) i++;
        if (i >= bytes.length || (bytes[i] != '{' && bytes[i] != '[')) return bytes;
        byte[] copy = bytes.clone();
        for (int j = 0; j < copy.length; j++) if (copy[j] == '\t') copy[j] = ' ';
        return copy;
    }

    /** The text of a scalar, or null. */
    static String text(YNode node) {
        return node instanceof YScalar s && s.type() != YScalar.Type.NULL ? s.text() : null;
    }
}
