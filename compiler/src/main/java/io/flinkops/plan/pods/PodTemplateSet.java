package io.flinkops.plan.pods;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pod templates of one FlinkDeployment, as the operator takes them: {@code spec.podTemplate} (both
 * JobManager and TaskManager) and the per-role {@code spec.jobManager.podTemplate} /
 * {@code spec.taskManager.podTemplate}. Each is a PodTemplateSpec JSON tree, or null when not needed.
 */
public record PodTemplateSet(ObjectNode common, ObjectNode jobManager, ObjectNode taskManager) {
    public static final PodTemplateSet NONE = new PodTemplateSet(null, null, null);
}
