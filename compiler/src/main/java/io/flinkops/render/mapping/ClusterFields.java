package io.flinkops.render.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.logging.LogConfigurations;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.ResourceSpec;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.pods.PodTemplateSet;
import io.flinkops.quantity.MemorySize;
import io.flinkops.render.rbac.FlinkServiceAccount;

import java.util.Map;

/**
 * The writers of the rows that map to the Flink cluster of a FlinkDeployment, in application mode and as a session
 * cluster: image, version, service account, JobManager, TaskManagers, pod templates and log configuration.
 */
final class ClusterFields {
    /** Tags are treated as immutable: pull once per node (as Flink's own default). */
    static final String IMAGE_PULL_POLICY = "IfNotPresent";

    private ClusterFields() {
    }

    /** Row 8. */
    static void taskManagers(ResourcePlan plan, OperatorObject object) {
        Integer replicas = cluster(plan).taskManagers();
        if (replicas != null) object.spec().withObjectProperty("taskManager").put("replicas", replicas);
    }

    /** Row 10; it writes both components, with or without resources, so every FlinkDeployment has them. */
    static void resources(ResourcePlan plan, OperatorObject object) {
        Map<String, ResourceSpec> resources = cluster(plan).resources();
        resource(object.spec().withObjectProperty("jobManager"), resources == null ? null : resources.get("jobmanager"));
        resource(object.spec().withObjectProperty("taskManager"), resources == null ? null : resources.get("taskmanager"));
    }

    /** Row 11: the plan took the key out of the configuration. */
    static void jobManagerReplicas(ResourcePlan plan, OperatorObject object) {
        Integer replicas = cluster(plan).jobManagerReplicas();
        if (replicas != null) object.spec().withObjectProperty("jobManager").put("replicas", replicas);
    }

    /** Row 12. */
    static void image(ResourcePlan plan, OperatorObject object) {
        object.spec().put("image", cluster(plan).image().reference());
    }

    /** Row 13. */
    static void flinkVersion(ResourcePlan plan, OperatorObject object) {
        object.spec().put("flinkVersion", FlinkVersions.enumName(plan.flinkVersion()));
    }

    /** Row 14. */
    static void serviceAccount(ResourcePlan plan, OperatorObject object) {
        object.spec().put("serviceAccount", FlinkServiceAccount.NAME);
    }

    /** Row 15. */
    static void imagePullPolicy(ResourcePlan plan, OperatorObject object) {
        object.spec().put("imagePullPolicy", IMAGE_PULL_POLICY);
    }

    /** Row 26. */
    static void logConfiguration(ResourcePlan plan, OperatorObject object) {
        String log = cluster(plan).logging().text();
        if (log != null && !log.isEmpty()) object.spec().putObject("logConfiguration").put(LogConfigurations.KEY, log);
    }

    /** Row 27: the plan's pod templates, with its additions for rows 20 and 23. */
    static void podTemplates(ResourcePlan plan, OperatorObject object) {
        PodTemplateSet pods = cluster(plan).pods();
        ObjectNode spec = object.spec();
        if (pods.common() != null) spec.set("podTemplate", pods.common());
        if (pods.jobManager() != null) spec.withObjectProperty("jobManager").set("podTemplate", pods.jobManager());
        if (pods.taskManager() != null) spec.withObjectProperty("taskManager").set("podTemplate", pods.taskManager());
    }

    private static ClusterPlan cluster(ResourcePlan plan) {
        return plan.cluster().orElseThrow();
    }

    /** {@code resource: {cpu, memory}}; memory in Flink's syntax, which the operator parses without loss. */
    private static void resource(ObjectNode component, ResourceSpec r) {
        if (r == null || (r.cpu() == null && r.memory() == null)) return;
        ObjectNode node = component.putObject("resource");
        if (r.cpu() != null) {
            double cpu = r.cpu();
            if (cpu == Math.rint(cpu) && Math.abs(cpu) < 1e9) node.put("cpu", (long) cpu);
            else node.put("cpu", cpu);
        }
        if (r.memory() != null) node.put("memory", MemorySize.of(r.memory()).toFlinkString().orElse(r.memory()));
    }
}
