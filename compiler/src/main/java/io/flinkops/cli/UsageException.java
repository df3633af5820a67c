package io.flinkops.cli;

/** The user asked for something that cannot be done as asked (exit 2). The message is shown as is. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
