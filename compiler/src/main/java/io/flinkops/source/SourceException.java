package io.flinkops.source;

/**
 * The source itself cannot be opened: not a directory, not a Git repository, an unknown revision.
 * This is a usage problem (exit 2), unlike a bad file inside the repo, which is a diagnostic.
 */
public final class SourceException extends Exception {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
