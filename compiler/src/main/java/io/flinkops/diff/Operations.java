package io.flinkops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The day-2 operations one revision renders for a Deployment or SessionCluster (docs/day-2.md, "What is rendered"),
 * read back from its objects: the nonces of its FlinkDeployment or FlinkSessionJob, the annotations that name the
 * operation behind each, and its FlinkStateSnapshots (operator 1.10+).
 *
 * @param restartNonce       {@code spec.restartNonce}, null when unset
 * @param restartAt          {@code flinkops.io/restart}: the time the restart was asked for
 * @param redeployNonce      {@code job.savepointRedeployNonce}, null when unset
 * @param initialSavepoint   {@code job.initialSavepointPath}, null when unset
 * @param redeployFrom       {@code flinkops.io/redeploy-from}: the Savepoint a redeploy starts from
 * @param triggerNonce       {@code job.savepointTriggerNonce} (operators before 1.10), null when unset
 * @param savepointRequest   {@code flinkops.io/savepoint-request}: the request the trigger nonce comes from
 * @param snapshots          the FlinkStateSnapshots, by the Savepoint document's name
 */
public record Operations(Long restartNonce, String restartAt, Long redeployNonce, String initialSavepoint, String redeployFrom,
                         Long triggerNonce, String savepointRequest, SortedMap<String, StateSnapshot> snapshots) {

    public static final String KIND_SNAPSHOT = "FlinkStateSnapshot";
    public static final String RESTART_ANNOTATION = Ownership.PREFIX + "restart";
    public static final String REDEPLOY_FROM_ANNOTATION = Ownership.PREFIX + "redeploy-from";
    public static final String SAVEPOINT_REQUEST_ANNOTATION = Ownership.PREFIX + "savepoint-request";
    public static final String SAVEPOINT_LABEL = Ownership.PREFIX + "savepoint";
    public static final String REQUESTED_AT_ANNOTATION = Ownership.PREFIX + "requested-at";
    public static final String REASON_ANNOTATION = Ownership.PREFIX + "reason";

    /** The annotations that only name an operation: metadata, no change of their own (docs/day-2.md). */
    public static final List<String> ANNOTATIONS = List.of(RESTART_ANNOTATION, REDEPLOY_FROM_ANNOTATION, SAVEPOINT_REQUEST_ANNOTATION);
    /** The spec fields that carry an operation, relative to {@code spec}; diff's operation rules speak for them. */
    public static final List<List<String>> FIELDS = List.of(List.of("restartNonce"), List.of("job", "savepointRedeployNonce"),
            List.of("job", "initialSavepointPath"), List.of("job", "savepointTriggerNonce"));

    /**
     * One FlinkStateSnapshot of a savepoint.
     *
     * @param savepoint     the Savepoint document's name ({@code flinkops.io/savepoint})
     * @param alreadyExists a registered savepoint (with a location) rather than a request
     * @param path          the location of a registered savepoint
     * @param requestedAt   the Savepoint document's {@code createdAt}
     * @param reason        {@code flinkops.io/reason}, null when none
     */
    public record StateSnapshot(String objectName, String savepoint, boolean alreadyExists, String path, String requestedAt, String reason) {

        static StateSnapshot of(RenderedObject o) {
            JsonNode metadata = o.content().path("metadata");
            JsonNode savepoint = o.content().path("spec").path("savepoint");
            return new StateSnapshot(o.name(), metadata.path("labels").path(SAVEPOINT_LABEL).asText(o.name()),
                    savepoint.path("alreadyExists").asBoolean(false), text(savepoint.path("path")),
                    text(metadata.path("annotations").path(REQUESTED_AT_ANNOTATION)), text(metadata.path("annotations").path(REASON_ANNOTATION)));
        }
    }

    public static Operations of(SubjectSide side) {
        SortedMap<String, StateSnapshot> snapshots = new TreeMap<>();
        side.stateSnapshots().forEach(o -> {
            StateSnapshot s = StateSnapshot.of(o);
            snapshots.put(s.savepoint(), s);
        });
        Optional<JsonNode> main = side.main().map(RenderedObject::content);
        JsonNode spec = main.map(m -> m.path("spec")).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        JsonNode annotations = main.map(m -> m.path("metadata").path("annotations")).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        JsonNode job = spec.path("job");
        return new Operations(number(spec.path("restartNonce")), text(annotations.path(RESTART_ANNOTATION)),
                number(job.path("savepointRedeployNonce")), text(job.path("initialSavepointPath")), text(annotations.path(REDEPLOY_FROM_ANNOTATION)),
                number(job.path("savepointTriggerNonce")), text(annotations.path(SAVEPOINT_REQUEST_ANNOTATION)), snapshots);
    }

    private static Long number(JsonNode n) {
        return n.canConvertToLong() ? n.asLong() : null;
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }
}
