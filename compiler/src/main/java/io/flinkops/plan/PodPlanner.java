package io.flinkops.plan;

import io.flinkops.model.KubernetesSpec;
import io.flinkops.plan.pods.PodAdditions;
import io.flinkops.plan.pods.PodTemplateSet;
import io.flinkops.plan.pods.PodTemplates;

import java.util.List;

/** The pod templates of a Flink cluster: as the user wrote them, and with what the mapping adds. */
final class PodPlanner {
    private PodPlanner() {
    }

    record Pods(PodTemplateSet user, PodAdditions additions, List<PodTemplates.Conflict> conflicts) {
    }

    static Pods plan(KubernetesSpec kubernetes, PodAdditions additions) {
        PodTemplateSet user = PodTemplates.build(kubernetes, PodAdditions.NONE);
        if (additions.equals(PodAdditions.NONE)) return new Pods(user, additions, List.of());
        return new Pods(user, additions, PodTemplates.conflicts(kubernetes, user, additions));
    }
}
