package io.flinkops.validate.rules.fence;

import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.model.DeploymentTargetSpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.policy.Fence;
import io.flinkops.policy.Fences;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Set;

/**
 * FO210: each DeploymentTarget's Kubernetes namespace is inside the fence of its own flinkops namespace. A target the
 * outer fence already refuses (FO207) is not reported again.
 */
public final class KubernetesNamespaceFenceRule implements Rule {
    @Override
    public Set<Code> codes() {
        return Set.of(Code.KUBERNETES_NAMESPACE_OUTSIDE_FENCE);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        if (repo.repository().isEmpty() || !repo.repository().get().isTyped()) return;
        Fences fences = Fences.of(repo.settings());
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            Fence fence = fences.of(ns.name());
            if (fence.kubernetesNamespaces().isEmpty()) continue;
            for (Resolved<DeploymentTargetSpec> t : ns.targets().values()) {
                String k8s = kubernetesNamespace(t);
                if (k8s == null || !fences.outerAllows(k8s) || fence.allowsKubernetesNamespace(k8s)) continue;
                List<String> patterns = fence.kubernetesNamespaces().get();
                context.report(Code.KUBERNETES_NAMESPACE_OUTSIDE_FENCE, t, DeploymentTargetSpec.KUBERNETES_NAMESPACE,
                        "Kubernetes namespace `" + k8s + "` of DeploymentTarget `" + t.name() + "` is outside the fence of namespace `"
                                + ns.name() + "`: `" + fence.kubernetesNamespacesField() + "` of flinkops.yaml allows "
                                + (patterns.isEmpty() ? "none" : Phrases.quoted(patterns)) + ".",
                        patterns.isEmpty() ? "Ask the platform team to give namespace `" + ns.name() + "` a Kubernetes namespace in flinkops.yaml."
                                : "Use a Kubernetes namespace of namespace `" + ns.name() + "`'s own, or ask the platform team to extend its fence.");
            }
        }
    }

    /** The target's Kubernetes namespace, or null when it has none to judge (untyped, or the schema's problem). */
    static String kubernetesNamespace(Resolved<DeploymentTargetSpec> t) {
        return t.isTyped() && t.spec().kubernetes() != null ? t.spec().kubernetesNamespace() : null;
    }
}
