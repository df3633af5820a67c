package io.flinkops.validate.rules.fence;

import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.policy.Fences;
import io.flinkops.policy.StoragePath;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * FO217: the fences of flinkops.yaml say what the platform team means: no placeholder but {@code {{ namespace }}}, and
 * storage prefixes that can be compared (an absolute URI with a bucket or host, no {@code ${NAME}}).
 */
public final class FencePolicyRule implements Rule {
    @Override
    public Set<Code> codes() {
        return Set.of(Code.INVALID_FENCE);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        Optional<Resolved<RepositorySpec>> repository = plan.resolved().repository().filter(Resolved::isTyped);
        if (repository.isEmpty()) return;
        RepositorySpec.Policy policy = repository.get().spec().policyOrEmpty();
        check(repository.get(), policy.fence(), RepositorySpec.POLICY_FENCE, context);
        if (policy.namespaceFences() == null) return;
        for (Map.Entry<String, RepositorySpec.Fence> e : new TreeMap<>(policy.namespaceFences()).entrySet()) {
            check(repository.get(), e.getValue(), RepositorySpec.POLICY_NAMESPACE_FENCES.child(e.getKey()), context);
        }
    }

    private static void check(Resolved<RepositorySpec> repository, RepositorySpec.Fence fence, FieldPath at, RuleContext context) {
        if (fence == null) return;
        List<String> namespaces = fence.kubernetesNamespaces() == null ? List.of() : fence.kubernetesNamespaces();
        for (int i = 0; i < namespaces.size(); i++) {
            if (namespaces.get(i) != null) placeholders(repository, namespaces.get(i), at.child("kubernetesNamespaces").index(i), context);
        }
        List<String> prefixes = fence.storagePrefixes() == null ? List.of() : fence.storagePrefixes();
        for (int i = 0; i < prefixes.size(); i++) {
            String prefix = prefixes.get(i);
            if (prefix == null) continue;
            FieldPath path = at.child("storagePrefixes").index(i);
            if (placeholders(repository, prefix, path, context)) continue;
            String filled = Fences.NAMESPACE_PLACEHOLDER.matcher(prefix).replaceAll("namespace");
            Optional<StoragePath> parsed = StoragePath.parse(filled);
            if (parsed.isPresent() && !parsed.get().scheme().isEmpty() && !parsed.get().authority().isEmpty()) continue;
            context.report(Code.INVALID_FENCE, repository, path,
                    "Storage prefix `" + prefix + "` is not an absolute URI with a scheme and a bucket or host, so no state path can be compared with it.",
                    "Write a prefix like `s3://flink-state/{{ namespace }}/`.");
        }
    }

    /** Reports each placeholder that is not {@code {{ namespace }}}; true when there was one. */
    private static boolean placeholders(Resolved<RepositorySpec> repository, String pattern, FieldPath path, RuleContext context) {
        boolean found = false;
        Matcher m = Fences.ANY_PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            if (Fences.NAMESPACE_PLACEHOLDER.matcher(m.group()).matches()) continue;
            found = true;
            context.report(Code.INVALID_FENCE, repository, path,
                    "`" + m.group() + "` in fence pattern `" + pattern + "` is not a placeholder flinkops knows, so the pattern matches nothing.",
                    "Use `{{ namespace }}` for the name of the flinkops namespace, or write the name out.");
        }
        return found;
    }
}
