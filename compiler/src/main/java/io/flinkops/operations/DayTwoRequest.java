package io.flinkops.operations;

import java.util.Optional;

/**
 * A day-2 operation a user asks flinkops to write into the config repo (docs/day-2.md): the input of
 * {@link OperationEditor}. {@code namespace}/{@code name} address the resource as {@code flinkops explain} does.
 */
public sealed interface DayTwoRequest {

    String namespace();

    String name();

    /** Why, in the user's words: the Savepoint's {@code flinkops.io/reason}, and the commit message. */
    Optional<String> reason();

    /** The command's name, for branch names and messages. */
    String verb();

    /** Take a savepoint now: a new Savepoint document without a location. */
    record TakeSavepoint(String namespace, String name, Optional<String> savepointName, Optional<String> reason,
                         Optional<String> formatType) implements DayTwoRequest {
        public String verb() {
            return "savepoint";
        }
    }

    /** Restart a Deployment or a SessionCluster: {@code flinkops.io/restart} set to now. */
    record Restart(String namespace, String name, Optional<String> reason) implements DayTwoRequest {
        public String verb() {
            return "restart";
        }
    }

    /**
     * Restart a Deployment from a savepoint: a Savepoint document registering the location, and
     * {@code flinkops.io/redeploy-from} pointing at it.
     *
     * @param from a savepoint location (a URI or an absolute path), the name of a Savepoint of the deployment that
     *             has a location, or {@value OperationEditor#LATEST}
     */
    record Redeploy(String namespace, String name, String from, Optional<String> reason) implements DayTwoRequest {
        public String verb() {
            return "redeploy";
        }
    }
}
