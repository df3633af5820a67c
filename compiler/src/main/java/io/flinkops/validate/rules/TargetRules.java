package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.DeploymentTargetSpec;
import io.flinkops.model.RepositorySpec;
import io.flinkops.policy.Fences;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Set;

/**
 * Where a DeploymentTarget places its objects: a Kubernetes namespace the Repository policy allows (FO207)
 * on a cluster the Repository lists (FO208). Both need a valid flinkops.yaml; without one nothing is checked.
 * That a Kubernetes namespace is a DNS label is the schema's check (FO105).
 */
public final class TargetRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.KUBERNETES_NAMESPACE_NOT_ALLOWED, Code.CLUSTER_NOT_FOUND);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        if (repo.repository().isEmpty() || !repo.repository().get().isTyped()) return;
        RepositorySpec settings = repo.settings();
        Fences fences = Fences.of(settings);
        List<String> clusters = settings.clusterNames();
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            for (Resolved<DeploymentTargetSpec> t : ns.targets().values()) {
                if (!t.isTyped()) continue;
                String k8sNamespace = t.spec().kubernetesNamespace();
                if (k8sNamespace != null && !fences.outerAllows(k8sNamespace)) {
                    context.report(Code.KUBERNETES_NAMESPACE_NOT_ALLOWED, t, DeploymentTargetSpec.KUBERNETES_NAMESPACE,
                            "Kubernetes namespace `" + k8sNamespace + "` of DeploymentTarget `" + t.name()
                                    + "` is not allowed by `policy.allowedKubernetesNamespaces` of flinkops.yaml (" + Phrases.quoted(fences.outer()) + ").",
                            "Use a Kubernetes namespace that matches one of the patterns, or ask the platform team to extend the policy.");
                }
                String cluster = t.spec().clusterOrDefault();
                if (!clusters.contains(cluster)) {
                    String suggestion = Suggestions.didYouMean(cluster, clusters);
                    String known = "Clusters in flinkops.yaml: " + String.join(", ", clusters) + ".";
                    context.report(Code.CLUSTER_NOT_FOUND, t, DeploymentTargetSpec.CLUSTER,
                            t.spec().cluster() == null
                                    ? "DeploymentTarget `" + t.name() + "` sets no `cluster`, so it runs on cluster `" + cluster
                                            + "`, which flinkops.yaml does not list."
                                    : "DeploymentTarget `" + t.name() + "` runs on cluster `" + cluster + "`, which flinkops.yaml does not list.",
                            t.spec().cluster() == null
                                    ? "Set `cluster` to one of the clusters in flinkops.yaml: " + String.join(", ", clusters) + "."
                                    : suggestion.isEmpty() ? "Use a listed cluster or add `" + cluster + "` to `spec.clusters` of flinkops.yaml. " + known
                                    : suggestion + " " + known);
                }
            }
        }
    }
}
