package io.flinkops.agent.kube;

import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.DeploymentStatus.Operation;
import io.flinkops.status.DeploymentStatus.SavepointRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Kubernetes Events that tell, on a deployment's FlinkDeployment or FlinkSessionJob, how the repo's day-2
 * operations went: one when the agent first sees an operation of the repo, and one when its result changes
 * (SavepointRequested, SavepointCompleted, SavepointFailed, SavepointAbandoned; RestartRequested, RestartDone,
 * RestartFailed; the same for Redeploy). The operator's own savepoints get none: it reports them itself. Pure.
 */
final class DayTwoEvents {
    private DayTwoEvents() {
    }

    /** One event to record on {@code object}. */
    record Event(ObjectKey object, String type, String reason, String message) {
    }

    /** The events for what changed from {@code before} (null: nothing known before) to {@code after}. */
    static List<Event> between(DeploymentStatus before, DeploymentStatus after, ObjectKey on) {
        List<Event> out = new ArrayList<>();
        for (SavepointRecord r : after.savepoints()) {
            if (r.name() == null) continue;
            SavepointRecord old = before == null ? null : before.savepoints().stream()
                    .filter(b -> r.name().equals(b.name()) && Objects.equals(r.requestedAt(), b.requestedAt())).findFirst().orElse(null);
            if (old != null && old.result().equals(r.result())) continue;
            String what = ("REGISTERED".equals(r.trigger()) ? "Registered savepoint " : "Savepoint ") + r.name() + " (asked for " + r.requestedAt() + ")";
            switch (r.result()) {
                case "COMPLETED" -> out.add(new Event(on, EventRecorder.NORMAL, "SavepointCompleted", what + " completed: " + r.location() + "."));
                case "FAILED" -> out.add(new Event(on, EventRecorder.WARNING, "SavepointFailed", what + " failed: " + r.error()));
                case "ABANDONED" -> out.add(new Event(on, EventRecorder.WARNING, "SavepointAbandoned", what + " was abandoned by the operator: " + r.error()));
                default -> {
                    if (old == null) out.add(new Event(on, EventRecorder.NORMAL, "SavepointRequested", what + " requested from the repo."));
                }
            }
        }
        for (Operation o : after.operations()) {
            Operation old = before == null ? null : before.operations().stream()
                    .filter(b -> o.type().equals(b.type()) && Objects.equals(o.requestedAt(), b.requestedAt())).findFirst().orElse(null);
            if (old != null && old.result().equals(o.result())) continue;
            String name = "RESTART".equals(o.type()) ? "Restart" : "Redeploy";
            String what = name + " of " + o.requestedAt() + ("REDEPLOY".equals(o.type()) ? " from savepoint " + o.savepoint() + " (" + o.from() + ")" : "");
            switch (o.result()) {
                case "DONE" -> out.add(new Event(on, EventRecorder.NORMAL, name + "Done", what + " is done: the operator reconciled it and the job is in its desired state."));
                case "FAILED" -> out.add(new Event(on, EventRecorder.WARNING, name + "Failed", what + " failed: " + o.error()));
                default -> {
                    if (old == null) out.add(new Event(on, EventRecorder.NORMAL, name + "Requested", what + " requested from the repo."));
                }
            }
        }
        return out;
    }
}
