package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.pods.PodTemplates;
import io.flinkops.resolve.Resolved;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kubernetes} section of a Deployment or SessionCluster (pods and pod templates), where it is written
 * and its effective value; what the pod rules (FO801–FO803) look at.
 *
 * @param pointer where the section is written in {@code resource}
 */
public record KubernetesSection(Resolved<?> resource, FieldPath pointer, KubernetesSpec spec) {

    /** The pod template fields, JobManager first. */
    static final List<String> TEMPLATES = List.of(PodTemplates.JOB_MANAGER_TEMPLATE, PodTemplates.TASK_MANAGER_TEMPLATE);

    /** The sections that are set, of every typed Deployment and SessionCluster. */
    static List<KubernetesSection> all(RepoPlan plan) {
        List<KubernetesSection> all = new ArrayList<>();
        for (ResourcePlan p : plan.plans()) {
            KubernetesSpec spec = p.kind() == ResourcePlan.Kind.SESSION_CLUSTER ? p.sessionClusterResource().spec().kubernetes()
                    : p.deployment().spec().templateSpec().kubernetes();
            if (spec != null) all.add(new KubernetesSection(p.source(), p.fields().kubernetes(), spec));
        }
        return all;
    }

    /** The pointer of {@code field} in this section. */
    FieldPath at(String field) {
        return pointer.child(field);
    }
}
