package io.flinkops.diag.render;

import io.flinkops.diag.Diagnostic;

import java.util.List;

/** Formats diagnostics for one audience. Renderers format; they never decide what is a problem. */
public interface DiagnosticRenderer {

    /** The source text of the config repo's files, for renderers that quote the offending line. */
    interface SourceLines {
        /** Line {@code line} (1-based) of {@code file}, or null when it is not available. */
        String line(String file, int line);

        SourceLines NONE = (file, line) -> null;
    }

    /**
     * @param pathPrefix prepended to file paths for consumers that resolve paths from the Git root
     *                   (GitHub annotations, SARIF, GitLab Code Quality) when the config repo is a subfolder; "" otherwise
     * @param palette    colours for the text formats (none unless the output is a terminal that wants them)
     */
    record Context(SourceLines lines, String pathPrefix, String toolVersion, Palette palette) {
        public Context(SourceLines lines, String pathPrefix, String toolVersion) {
            this(lines, pathPrefix, toolVersion, Palette.NONE);
        }

        public String path(String file) {
            return pathPrefix.isEmpty() ? file : pathPrefix + "/" + file;
        }
    }

    String render(List<Diagnostic> diagnostics, Context context);

    static DiagnosticRenderer forFormat(String format) {
        return switch (format) {
            case "text" -> new TextRenderer();
            case "short" -> new ShortRenderer();
            case "junit" -> new JunitRenderer();
            case "json" -> new JsonRenderer();
            case "sarif" -> new SarifRenderer();
            case "github" -> new GithubRenderer();
            case "gitlab" -> new GitlabRenderer();
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
    }
}
