package io.flinkops.diff.format;

import io.flinkops.diag.render.Palette;

import io.flinkops.diff.DiffReport;

/** Formats a {@link DiffReport} for one audience. Renderers format; the impact rules decide. Output is byte-stable. */
public interface DiffRenderer {

    String render(DiffReport report);

    /** The renderer for {@code format}; text is coloured with {@code palette} (the others never are). */
    static DiffRenderer forFormat(String format, Palette palette) {
        return format.equals("text") ? new TextDiffRenderer(palette) : forFormat(format);
    }

    static DiffRenderer forFormat(String format) {
        return switch (format) {
            case "text" -> new TextDiffRenderer(Palette.NONE);
            case "markdown" -> new MarkdownDiffRenderer();
            case "json" -> new JsonDiffRenderer();
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }
}
