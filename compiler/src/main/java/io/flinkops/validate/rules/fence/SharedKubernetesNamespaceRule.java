package io.flinkops.validate.rules.fence;

import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.model.DeploymentTargetSpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.policy.Fences;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * FO211: on each cluster, a Kubernetes namespace holds the targets of one flinkops namespace only, unless the policy
 * lists it as shared. Reported at every target involved (each may be the one to move), except targets a fence already
 * refuses (FO207, FO210): those place nothing, so they share nothing.
 */
public final class SharedKubernetesNamespaceRule implements Rule {
    @Override
    public Set<Code> codes() {
        return Set.of(Code.KUBERNETES_NAMESPACE_SHARED);
    }

    @Override
    public boolean spansNamespaces() {
        return true;
    }

    private record Place(String cluster, String kubernetesNamespace) implements Comparable<Place> {
        @Override
        public int compareTo(Place o) {
            int c = cluster.compareTo(o.cluster);
            return c != 0 ? c : kubernetesNamespace.compareTo(o.kubernetesNamespace);
        }
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        if (repo.repository().isEmpty() || !repo.repository().get().isTyped()) return;
        Fences fences = Fences.of(repo.settings());
        SortedMap<Place, SortedMap<String, List<Resolved<DeploymentTargetSpec>>>> byPlace = new TreeMap<>();
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            for (Resolved<DeploymentTargetSpec> t : ns.targets().values()) {
                String k8s = KubernetesNamespaceFenceRule.kubernetesNamespace(t);
                if (k8s == null || !fences.outerAllows(k8s) || !fences.of(ns.name()).allowsKubernetesNamespace(k8s)) continue;
                byPlace.computeIfAbsent(new Place(t.spec().clusterOrDefault(), k8s), p -> new TreeMap<>())
                        .computeIfAbsent(ns.name(), n -> new ArrayList<>()).add(t);
            }
        }
        for (Map.Entry<Place, SortedMap<String, List<Resolved<DeploymentTargetSpec>>>> e : byPlace.entrySet()) {
            Place place = e.getKey();
            if (e.getValue().size() < 2 || fences.shareable(place.kubernetesNamespace())) continue;
            for (Map.Entry<String, List<Resolved<DeploymentTargetSpec>>> own : e.getValue().entrySet()) {
                List<String> others = new ArrayList<>();
                e.getValue().forEach((ns, targets) -> {
                    if (ns.equals(own.getKey())) return;
                    targets.forEach(t -> others.add("`" + t.name() + "` of namespace `" + ns + "` (" + t.document().file() + ")"));
                });
                for (Resolved<DeploymentTargetSpec> t : own.getValue()) {
                    context.report(Code.KUBERNETES_NAMESPACE_SHARED, t, DeploymentTargetSpec.KUBERNETES_NAMESPACE,
                            "Kubernetes namespace `" + place.kubernetesNamespace() + "` on cluster `" + place.cluster() + "` of DeploymentTarget `"
                                    + t.name() + "` is also used by DeploymentTarget " + Phrases.and(others)
                                    + ": the two teams' jobs would run as one service account and reach each other's Secrets.",
                            "Use a Kubernetes namespace of namespace `" + own.getKey() + "`'s own; if the teams mean to share it, ask the platform team to list `"
                                    + place.kubernetesNamespace() + "` under `policy.sharedKubernetesNamespaces` in flinkops.yaml.");
                }
            }
        }
    }
}
