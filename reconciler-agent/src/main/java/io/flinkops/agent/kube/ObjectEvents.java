package io.flinkops.agent.kube;

import io.flinkops.render.ObjectKind;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which Kubernetes Events the agent records after apply and prune: on the FlinkDeployments and FlinkSessionJobs it
 * applied, put back after drift, refused, holds back for their session cluster, suspended before deleting, or deleted,
 * so that {@code kubectl describe} tells what the agent did beside what the operator did. The other kinds (ConfigMaps,
 * RBAC) get none: nobody describes them to follow a job. Objects left alone (paused) get none either, since nothing
 * was done to them.
 */
final class ObjectEvents {
    private static final Set<ObjectKind> DESCRIBED = Set.of(ObjectKind.FLINK_DEPLOYMENT, ObjectKind.FLINK_SESSION_JOB);

    private ObjectEvents() {
    }

    static void applied(EventRecorder events, String commit, ApplyResult result) {
        for (ApplyResult.Change c : result.changes()) {
            String what = c.created() ? "Created" : c.fields().isEmpty() ? "Applied" : "Applied (" + String.join(", ", c.fields()) + ")";
            record(events, c.object(), EventRecorder.NORMAL, "Applied", what + " from commit " + commit + ".");
        }
        for (ApplyResult.Drift d : result.drifted()) {
            record(events, d.object(), EventRecorder.WARNING, "DriftCorrected",
                    "Changed outside the repo, put back as commit " + commit + " has it: " + String.join(", ", d.fields()) + ".");
        }
        for (String r : result.refused()) record(events, r, EventRecorder.WARNING, "Refused", "Not applied: " + reasonOf(r) + ".");
        for (String w : result.waiting()) record(events, w, EventRecorder.NORMAL, "Waiting", "Not applied yet: " + reasonOf(w) + ".");
    }

    static void pruned(EventRecorder events, String commit, PruneResult result) {
        for (String s : result.suspended()) {
            record(events, s, EventRecorder.NORMAL, "Suspending",
                    "Left commit " + commit + ": suspended first, so that its state is kept; deleted once the operator reports it suspended.");
        }
        for (String d : result.deleted()) record(events, d, EventRecorder.NORMAL, "Pruned", "Deleted: commit " + commit + " no longer has it.");
    }

    /** "Kind namespace/name" or "Kind namespace/name: reason" → an event on that object, if it is a described kind. */
    private static void record(EventRecorder events, String entry, String type, String reason, String message) {
        parse(entry).filter(o -> DESCRIBED.contains(o.kind()))
                .ifPresent(o -> events.record(o.kind().apiVersion(), o.kind().kind(), o.namespace(), o.name(), type, reason, message));
    }

    private record Named(ObjectKind kind, String namespace, String name) {
    }

    static Optional<Named> parse(String entry) {
        String head = entry.contains(": ") ? entry.substring(0, entry.indexOf(": ")) : entry;
        int space = head.indexOf(' ');
        int slash = head.indexOf('/', space + 1);
        if (space < 0 || slash < 0) return Optional.empty();
        String kind = head.substring(0, space);
        return List.of(ObjectKind.values()).stream().filter(k -> k.kind().equals(kind)).findFirst()
                .map(k -> new Named(k, head.substring(space + 1, slash), head.substring(slash + 1)));
    }

    private static String reasonOf(String entry) {
        int at = entry.indexOf(": ");
        String reason = at < 0 ? "" : entry.substring(at + 2);
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }
}
