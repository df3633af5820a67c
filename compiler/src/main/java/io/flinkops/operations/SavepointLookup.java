package io.flinkops.operations;

import io.flinkops.Compilation;

/** Finds a Savepoint document of the config repo by name. */
final class SavepointLookup {
    private SavepointLookup() {
    }

    /** The location of Savepoint {@code name} of deployment {@code namespace}/{@code deployment}. */
    static String location(Compilation repo, String namespace, String deployment, String name) {
        throw new OperationRefused("`" + name + "` is not a savepoint location (a URI such as s3://… or an absolute path) nor `latest`");
    }
}
