package io.flinkops.operations;

import java.time.Instant;
import java.util.Optional;

/** The text of a new Savepoint document (docs/day-2.md), written by hand so it reads as a person would write it. */
final class SavepointFile {
    private SavepointFile() {
    }

    /** A request: take a savepoint now. */
    static String request(String name, String deployment, Instant at, Optional<String> reason, Optional<String> formatType, String command) {
        String spec = formatType.map(f -> "spec:\n  formatType: " + f + "\n").orElse("spec: {}\n");
        return header(command) + metadata(name, deployment, at, reason) + spec;
    }

    /** An existing savepoint, registered so that a redeploy can start from it. */
    static String existing(String name, String deployment, Instant at, String location, Optional<String> reason, String command) {
        return header(command) + metadata(name, deployment, at, reason)
                + "spec:\n  savepointLocation: " + AnnotationEdit.quoted(location) + "\n";
    }

    private static String header(String command) {
        return "# Written by `" + command + "` (docs/day-2.md).\napiVersion: v1\nkind: Savepoint\n";
    }

    private static String metadata(String name, String deployment, Instant at, Optional<String> reason) {
        StringBuilder sb = new StringBuilder("metadata:\n")
                .append("  name: ").append(name).append('\n')
                .append("  deploymentName: ").append(deployment).append('\n')
                .append("  createdAt: ").append(AnnotationEdit.quoted(at.toString())).append('\n');
        reason.filter(r -> !r.isBlank()).ifPresent(r -> sb.append("  annotations:\n    ").append(OperationEditor.REASON).append(": ")
                .append(AnnotationEdit.quoted(r.strip())).append('\n'));
        return sb.toString();
    }
}
