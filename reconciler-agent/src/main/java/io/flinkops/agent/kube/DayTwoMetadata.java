package io.flinkops.agent.kube;

import io.flinkops.render.Ownership;

/**
 * The labels and annotations by which rendered objects name the repo's day-2 operations (docs/day-2.md, "So that the
 * agent…"), and the labels the Flink operator puts on the FlinkStateSnapshots it keeps (its CrdConstants).
 */
final class DayTwoMetadata {
    /** On a FlinkStateSnapshot: the Savepoint document it requests or registers. */
    static final String SAVEPOINT = Ownership.PREFIX + "savepoint";
    /** On a FlinkStateSnapshot: the Savepoint document's createdAt. */
    static final String REQUESTED_AT = Ownership.PREFIX + "requested-at";
    /** On a FlinkDeployment or FlinkSessionJob (operators before 1.10): the request its savepointTriggerNonce comes from. */
    static final String SAVEPOINT_REQUEST = Ownership.PREFIX + "savepoint-request";
    /** On a FlinkDeployment or FlinkSessionJob with a restartNonce: the restart's time. */
    static final String RESTART = Ownership.PREFIX + "restart";
    /** On a FlinkDeployment or FlinkSessionJob with a savepointRedeployNonce: the Savepoint document it starts from. */
    static final String REDEPLOY_FROM = Ownership.PREFIX + "redeploy-from";

    /** The operator's labels on FlinkStateSnapshots: SAVEPOINT or CHECKPOINT. */
    static final String SNAPSHOT_TYPE = "snapshot.type";
    /** MANUAL, PERIODIC, UPGRADE, UNKNOWN. */
    static final String SNAPSHOT_TRIGGER_TYPE = "snapshot.trigger-type";
    /** The kind (FlinkDeployment, FlinkSessionJob) and name of the job's object, in the snapshot's namespace. */
    static final String JOB_REFERENCE_KIND = "job-reference.kind";
    static final String JOB_REFERENCE_NAME = "job-reference.name";

    private DayTwoMetadata() {
    }
}
