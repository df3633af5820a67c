package io.flinkops.policy;

import io.flinkops.model.RepositorySpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fences of flinkops.yaml's policy (docs/security.md): the outer fence ({@code allowedKubernetesNamespaces}, where
 * any DeploymentTarget may place objects), the fence of each flinkops namespace ({@code namespaceFences.<ns>}, field
 * by field over {@code fence}), and the Kubernetes namespaces several flinkops namespaces may share. The compiler's
 * rules and the agent's apply step read the same object, so what one refuses the other refuses too.
 */
public final class Fences {
    /** The placeholder for the flinkops namespace's name in a fence's patterns. */
    public static final Pattern NAMESPACE_PLACEHOLDER = Pattern.compile("\\{\\{\\s*namespace\\s*}}");
    /** Any placeholder, to find those that are not {@link #NAMESPACE_PLACEHOLDER}. */
    public static final Pattern ANY_PLACEHOLDER = Pattern.compile("\\{\\{.*?}}");

    private final List<String> outer;
    private final RepositorySpec.Fence common;
    private final Map<String, RepositorySpec.Fence> byNamespace;
    private final List<String> shared;

    private Fences(List<String> outer, RepositorySpec.Fence common, Map<String, RepositorySpec.Fence> byNamespace, List<String> shared) {
        this.outer = outer == null ? List.of() : outer.stream().filter(p -> p != null).toList();
        this.common = common == null ? new RepositorySpec.Fence(null, null) : common;
        this.byNamespace = byNamespace == null ? Map.of() : byNamespace;
        this.shared = shared == null ? List.of() : shared.stream().filter(p -> p != null).toList();
    }

    public static Fences of(RepositorySpec settings) {
        RepositorySpec.Policy p = settings.policyOrEmpty();
        return new Fences(p.allowedKubernetesNamespaces(), p.fence(), p.namespaceFences(), p.sharedKubernetesNamespaces());
    }

    /** The outer fence's patterns; empty: any Kubernetes namespace. */
    public List<String> outer() {
        return outer;
    }

    public boolean outerAllows(String kubernetesNamespace) {
        return outer.isEmpty() || Glob.anyMatches(outer, kubernetesNamespace);
    }

    /** Whether DeploymentTargets of several flinkops namespaces may use {@code kubernetesNamespace}. */
    public boolean shareable(String kubernetesNamespace) {
        return Glob.anyMatches(shared, kubernetesNamespace);
    }

    /** The fence of one flinkops namespace. */
    public Fence of(String namespace) {
        RepositorySpec.Fence own = byNamespace.get(namespace);
        String ownField = "policy.namespaceFences." + namespace + ".";
        boolean ownNamespaces = own != null && own.kubernetesNamespaces() != null;
        boolean ownPrefixes = own != null && own.storagePrefixes() != null;
        List<String> namespaces = ownNamespaces ? own.kubernetesNamespaces() : common.kubernetesNamespaces();
        List<String> prefixes = ownPrefixes ? own.storagePrefixes() : common.storagePrefixes();
        return new Fence(namespace,
                Optional.ofNullable(namespaces).map(l -> fill(l, namespace)), (ownNamespaces ? ownField : "policy.fence.") + "kubernetesNamespaces",
                Optional.ofNullable(prefixes).map(l -> fill(l, namespace)), (ownPrefixes ? ownField : "policy.fence.") + "storagePrefixes");
    }

    private static List<String> fill(List<String> patterns, String namespace) {
        String replacement = Matcher.quoteReplacement(namespace);
        return patterns.stream().filter(p -> p != null).map(p -> NAMESPACE_PLACEHOLDER.matcher(p).replaceAll(replacement)).toList();
    }
}
