package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.FieldPath;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.plan.pods.PodTemplateSet;
import io.flinkops.plan.pods.PodTemplates;

import java.util.ArrayList;
import java.util.List;

/** The pods a resource will run, as the units the checks look at. */
final class PodUnits {

    private PodUnits() {
    }

    /**
     * The units of a resource's {@code kubernetes} section (null when it has none), written at {@code base}: each
     * role's template, or the common pods, or nothing at all. What the Flink mapping adds (environment variables,
     * ConfigMap and Secret volumes) passes every level, so the plan's templates as the user wrote them are checked.
     *
     * @param set the pod templates as the user wrote them ({@link io.flinkops.plan.ClusterPlan#userPods()})
     */
    static List<PodUnit> of(KubernetesSpec kubernetes, PodTemplateSet set, FieldPath base) {
        boolean podsSet = kubernetes != null && PodTemplates.isSet(kubernetes.pods());
        boolean templates = kubernetes != null
                && (kubernetes.jobManagerPodTemplate() instanceof ObjectNode || kubernetes.taskManagerPodTemplate() instanceof ObjectNode);
        if (podsSet && templates) return List.of(); // FO801: nothing is rendered until one of them goes
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        List<PodUnit> units = new ArrayList<>();
        if (templates) {
            for (String field : List.of(PodTemplates.JOB_MANAGER_TEMPLATE, PodTemplates.TASK_MANAGER_TEMPLATE)) {
                ObjectNode template = field.equals(PodTemplates.JOB_MANAGER_TEMPLATE) ? set.jobManager() : set.taskManager();
                FieldPath at = base.child(field);
                units.add(template != null
                        ? new PodUnit(PodUnit.Kind.TEMPLATE, field, template, at::resolve)
                        : new PodUnit(PodUnit.Kind.MISSING_ROLE, field, empty, p -> at));
            }
        } else if (podsSet) {
            KubernetesSpec.Pods pods = kubernetes.pods();
            units.add(new PodUnit(PodUnit.Kind.PODS, null, set.common(), p -> base.resolve(PodTemplates.podsSource(pods, p))));
        } else {
            units.add(new PodUnit(PodUnit.Kind.NONE, null, empty, p -> base));
        }
        return units;
    }
}
