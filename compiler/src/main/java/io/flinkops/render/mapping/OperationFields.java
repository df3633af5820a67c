package io.flinkops.render.mapping;

import io.flinkops.plan.Operations;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.Savepoint;

/**
 * The writers of the day-2 rows (docs/day-2.md): the nonces the plan decided, each with the annotation that names the
 * repo operation it is, so that the agent and a reader of the cluster can tell (metadata: changing it restarts nothing).
 * An object without day-2 operations gets none of these fields, so its bytes do not change.
 */
final class OperationFields {
    private OperationFields() {
    }

    /** Row 34: {@code restartNonce}, for every kind of object. */
    static void restart(ResourcePlan plan, OperatorObject object) {
        Operations operations = plan.operations();
        operations.restartNonce().ifPresent(nonce -> {
            object.spec().put("restartNonce", nonce);
            annotate(object, Operations.RESTART_ANNOTATION, operations.restart().orElseThrow().text().orElseThrow().trim());
        });
    }

    /** Row 35: the savepoint a job is redeployed from, and the nonce that makes the operator do it. */
    static void redeploy(ResourcePlan plan, OperatorObject object) {
        plan.operations().redeployFrom().ifPresent(savepoint -> {
            object.job().put("initialSavepointPath", savepoint.location().orElseThrow());
            object.job().put("savepointRedeployNonce", savepoint.nonce().orElseThrow());
            annotate(object, Operations.REDEPLOY_FROM_ANNOTATION, savepoint.name());
        });
    }

    /** Row 36, operators before 1.10: the newest savepoint request as {@code job.savepointTriggerNonce}. */
    static void savepointTrigger(ResourcePlan plan, OperatorObject object) {
        plan.operations().savepointTrigger().ifPresent((Savepoint request) -> {
            object.job().put("savepointTriggerNonce", request.nonce().orElseThrow());
            annotate(object, Operations.SAVEPOINT_REQUEST_ANNOTATION, request.name());
        });
    }

    private static void annotate(OperatorObject object, String key, String value) {
        object.metadata().withObjectProperty("annotations").put(key, value);
    }
}
