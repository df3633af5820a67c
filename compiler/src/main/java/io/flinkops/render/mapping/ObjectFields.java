package io.flinkops.render.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.plan.ResourcePlan;

import java.util.SortedMap;

/**
 * The writers of the rows that map to fields of every kind of object (its Flink configuration, labels and
 * annotations) and of the row that ties a FlinkSessionJob to its cluster.
 */
final class ObjectFields {
    private ObjectFields() {
    }

    /**
     * Row 21: the configuration as the plan emits it, placeholders filled in and the keys of rows 9, 18, 22, 23 and 31
     * in it. A FlinkDeployment always carries the map; a FlinkSessionJob only when it sets keys (its cluster's apply).
     */
    static void flinkConfiguration(ResourcePlan plan, OperatorObject object) {
        SortedMap<String, String> configuration = plan.emittedConfiguration();
        if (configuration.isEmpty() && plan.isSessionJob()) return;
        ObjectNode node = object.spec().putObject("flinkConfiguration");
        configuration.forEach(node::put);
    }

    /** Row 24: the user's valid labels; flinkops' own are stamped over them afterwards. */
    static void labels(ResourcePlan plan, OperatorObject object) {
        plan.metadata().labels().forEach(object.metadata().withObjectProperty("labels")::put);
    }

    /** Row 25: the user's valid annotations, the template's overridden by {@code kubernetes.annotations}. */
    static void annotations(ResourcePlan plan, OperatorObject object) {
        plan.metadata().annotations().forEach(object.metadata().withObjectProperty("annotations")::put);
    }

    /** Row 32. */
    static void deploymentName(ResourcePlan plan, OperatorObject object) {
        object.spec().put("deploymentName", plan.deployment().spec().sessionClusterName());
    }
}
