package io.flinkops.validate.rules.logging;

import io.flinkops.diag.Location;
import io.flinkops.logging.LogTemplates;
import io.flinkops.source.SourceTree;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YamlLimits;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a problem at a line of a log template is in the config repo: inside the YAML scalar that holds an inline
 * template, or in a profile's own file. The YAML files are read once each.
 */
final class TemplatePositions {
    private final SourceTree source;
    private final Map<String, Optional<List<String>>> fileLines = new HashMap<>();

    TemplatePositions(SourceTree source) {
        this.source = source;
    }

    /** A file position, and whether it is the template line itself ({@code exact}) or only the scalar holding it. */
    record Placed(Location location, boolean exact) {
        /** The message, with the template line named when the position is not exact. */
        String message(LogTemplates.Problem problem) {
            return exact ? problem.message() : problem.message().replaceFirst("\\.$", "") + " (line " + problem.line() + " of the template).";
        }
    }

    /**
     * The file position of a template line. In a literal block scalar ({@code |}) the template's line n is
     * the file line after the indicator plus n - 1, indented by the block's indentation; a one-line
     * scalar starts at the scalar. Anything else (folded or quoted multi-line scalars) is reported at the
     * scalar with the template line in the message.
     */
    Placed inScalar(YScalar scalar, String text, LogTemplates.Problem problem) {
        Location at = scalar.location();
        List<String> file = lines(at.file()).orElse(null);
        List<String> template = LogTemplates.lines(text);
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
                    return new Placed(new Location(at.file(), index + 1, indent + LogTemplates.column(content, problem.near())), true);
                }
                if (content.isBlank()) return new Placed(new Location(at.file(), index + 1, 1), true);
            }
            return new Placed(at, false);
        }
        if (template.size() == 1) {
            int offset = indicator == '"' || indicator == '\'' ? start + 1 : start;
            if (indicatorLine.startsWith(content, offset)) {
                return new Placed(new Location(at.file(), at.line(), offset + LogTemplates.column(content, problem.near())), true);
            }
        }
        return new Placed(at, false);
    }

    /** The position of a template line in a profile's own file ({@code file}, whose text is {@code text}). */
    static Location inFile(String file, String text, int line, String near) {
        List<String> lines = LogTemplates.lines(text);
        // A problem at the end of a file that ends with a line break is on its last line, not after it.
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) lines = lines.subList(0, lines.size() - 1);
        int n = Math.max(1, Math.min(line, Math.max(1, lines.size())));
        return new Location(file, n, LogTemplates.column(n <= lines.size() ? lines.get(n - 1) : "", near));
    }

    /** The first non-blank line of {@code text} (1-based), where an XML template starts. */
    static int firstContentLine(String text) {
        List<String> lines = LogTemplates.lines(text);
        int first = 1;
        while (first < lines.size() && lines.get(first - 1).isBlank()) first++;
        return first;
    }

    private Optional<List<String>> lines(String file) {
        return fileLines.computeIfAbsent(file, f -> {
            SourceTree.Content content = source.read(f, YamlLimits.DEFAULT.maxFileBytes());
            if (!(content instanceof SourceTree.Bytes b)) return Optional.empty();
            String s = new String(b.bytes(), StandardCharsets.UTF_8);
            if (s.startsWith("\uFEFF")) s = s.substring(1);
            return Optional.of(List.of(s.split("\\R", -1)));
        });
    }
}
