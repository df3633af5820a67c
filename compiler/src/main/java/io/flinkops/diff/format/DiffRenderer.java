package io.flinkops.diff.format;

import io.flinkops.diff.DiffReport;

/** Formats a {@link DiffReport} for one audience. Renderers format; the impact rules decide. Output is byte-stable. */
public interface DiffRenderer {

    String render(DiffReport report);

    static DiffRenderer forFormat(String format) {
        return switch (format) {
            case "text" -> new TextDiffRenderer();
            case "markdown" -> new MarkdownDiffRenderer();
            case "json" -> new JsonDiffRenderer();
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }
}
