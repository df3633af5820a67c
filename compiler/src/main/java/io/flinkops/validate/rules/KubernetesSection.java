package io.flinkops.validate.rules;

import io.flinkops.model.KubernetesSpec;
import io.flinkops.resolve.Pointers;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kubernetes} section of a Deployment or SessionCluster (pods and pod templates), where it is written
 * and its effective value; what the pod rules (FO801–FO803) look at.
 *
 * @param pointer where the section is written in {@code resource}
 */
public record KubernetesSection(Resolved<?> resource, String pointer, KubernetesSpec spec) {

    public static final String DEPLOYMENT = Pointers.TEMPLATE_SPEC + "/kubernetes";
    public static final String SESSION_CLUSTER = "/spec/kubernetes";

    /** The pod template fields, JobManager first. */
    static final List<String> TEMPLATES = List.of("jobManagerPodTemplate", "taskManagerPodTemplate");

    /** The sections that are set: those of the typed Deployments, then those of the typed SessionClusters. */
    static List<KubernetesSection> all(ResolvedRepo repo) {
        List<KubernetesSection> all = new ArrayList<>();
        repo.deployments().filter(Resolved::isTyped).forEach(d -> add(all, d, DEPLOYMENT, d.spec().templateSpec().kubernetes()));
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            ns.sessionClusters().values().stream().filter(Resolved::isTyped).forEach(s -> add(all, s, SESSION_CLUSTER, s.spec().kubernetes()));
        }
        return all;
    }

    private static void add(List<KubernetesSection> all, Resolved<?> resource, String pointer, KubernetesSpec spec) {
        if (spec != null) all.add(new KubernetesSection(resource, pointer, spec));
    }

    /** The pointer of {@code field} in this section. */
    String at(String field) {
        return pointer + "/" + field;
    }
}
