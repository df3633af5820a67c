package io.flinkops.operations;

/** The operation cannot be written as asked (unknown deployment, no savepoint to start from, …): the user's to fix. */
public final class OperationRefused extends RuntimeException {
    public OperationRefused(String message) {
        super(message);
    }
}
