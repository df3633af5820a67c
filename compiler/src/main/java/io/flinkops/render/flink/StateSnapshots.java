package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.plan.Reconcile;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.Savepoint;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;

import java.util.function.Consumer;

/**
 * The FlinkStateSnapshots of a job on operator 1.10+ (docs/day-2.md): one per Savepoint document, next to the job's
 * object and referencing it. A request asks the operator to take a savepoint now; a registered savepoint is marked as
 * existing. {@code disposeOnDelete} is always false: removing the document, or the operator cleaning up its snapshot
 * history, never deletes a savepoint's files. A snapshot is not part of the job's pod template, so it is outside the
 * job's config hash: asking for a savepoint never restarts anything.
 */
final class StateSnapshots {
    /** Label: the Savepoint document a FlinkStateSnapshot is rendered from. */
    static final String SAVEPOINT_LABEL = Ownership.PREFIX + "savepoint";
    /** Annotation: the Savepoint's {@code createdAt}, as written. */
    static final String REQUESTED_AT_ANNOTATION = Ownership.PREFIX + "requested-at";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StateSnapshots() {
    }

    /** The snapshots of {@code p}, whose job's object {@code job} was rendered. */
    static void write(ResourcePlan p, RenderedObject job, Consumer<RenderedObject> out) {
        for (Savepoint s : p.operations().snapshots()) out.accept(snapshot(p, job, s));
    }

    private static RenderedObject snapshot(ResourcePlan p, RenderedObject job, Savepoint s) {
        ObjectKind kind = ObjectKind.FLINK_STATE_SNAPSHOT;
        String name = job.name() + "-" + s.name();
        String file = s.source().document().file();
        ObjectNode metadata = JSON.objectNode();
        metadata.put("name", name);
        metadata.put("namespace", job.namespace());
        metadata.putObject("labels").put(SAVEPOINT_LABEL, s.name());
        ObjectNode annotations = metadata.putObject("annotations");
        annotations.put(REQUESTED_AT_ANNOTATION, s.createdAtText().orElseThrow().trim());
        s.reason().ifPresent(reason -> annotations.put(Savepoint.REASON_ANNOTATION, reason));
        Ownership.stamp(metadata, job.cluster(), p.namespace(), Ownership.DEPLOYMENT, p.name(), file);
        if (p.reconcile().disabled()) {
            metadata.withObjectProperty("annotations").put(Reconcile.ANNOTATION, Reconcile.DISABLED).put(Reconcile.FLUX_ANNOTATION, Reconcile.DISABLED);
        }
        ObjectNode spec = JSON.objectNode();
        spec.putObject("jobReference").put("kind", job.kind()).put("name", job.name());
        ObjectNode savepoint = spec.putObject("savepoint");
        if (s.isRequest()) {
            savepoint.put("alreadyExists", false).put("disposeOnDelete", false).put("formatType", s.formatType());
            spec.put("backoffLimit", p.operations().snapshotBackoffLimit());
        } else {
            savepoint.put("alreadyExists", true).put("path", s.location().orElseThrow()).put("disposeOnDelete", false);
        }
        ObjectNode content = JSON.objectNode();
        content.put("apiVersion", kind.apiVersion());
        content.put("kind", kind.kind());
        content.set("metadata", metadata);
        content.set("spec", spec);
        return new RenderedObject(job.cluster(), kind.apiVersion(), kind.kind(), job.namespace(), name, content, file);
    }
}
