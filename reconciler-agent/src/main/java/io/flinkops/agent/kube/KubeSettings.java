package io.flinkops.agent.kube;

import java.util.List;

/**
 * The agent's own Kubernetes safety settings: what it refuses whatever the config repo says.
 *
 * @param allowedNamespaces Kubernetes namespaces this agent may write to, as globs ({@code *} = any run of characters,
 *                          as in the Repository policy). <b>Fail closed:</b> an empty list allows nothing. The agent
 *                          applies into a namespace only when both this list and the Repository policy
 *                          ({@code policy.allowedKubernetesNamespaces}; absent or empty there allows any, as FO207)
 *                          allow it. When every entry is a literal name, prune lists per namespace (namespaced RBAC
 *                          suffices); with a glob it lists across all namespaces (needs cluster-wide list).
 * @param pruneWhenEmpty    prune even when the desired set came out empty (default false: an empty compile deletes
 *                          nothing)
 * @param maxPruneShare     the largest share (0..1) of this agent's managed objects one cycle may delete (default 0.5)
 * @param pruneOverride     lift {@code maxPruneShare} (for a deliberate mass removal; switch it off again afterwards)
 * @param ignoreDifferences fields another controller owns ({@link IgnoreDifference}): left out of the drift comparison
 *                          and not overwritten
 * @param dryRun            send every write with {@code dryRun=All}: the API server checks it (admission, RBAC, schema)
 *                          and answers what it would store, and persists nothing
 */
public record KubeSettings(List<String> allowedNamespaces, boolean pruneWhenEmpty, double maxPruneShare, boolean pruneOverride,
                           List<IgnoreDifference> ignoreDifferences, boolean dryRun) {
    /** The field manager of every server-side apply the agent sends. */
    public static final String FIELD_MANAGER = "flinkops-agent";
    public static final double DEFAULT_MAX_PRUNE_SHARE = 0.5;

    public KubeSettings {
        allowedNamespaces = List.copyOf(allowedNamespaces);
        ignoreDifferences = List.copyOf(ignoreDifferences);
        if (!(maxPruneShare >= 0 && maxPruneShare <= 1)) {
            throw new IllegalArgumentException("maxPruneShare must be between 0 and 1, was " + maxPruneShare);
        }
    }

    /** No field ignored, and real writes. */
    public KubeSettings(List<String> allowedNamespaces, boolean pruneWhenEmpty, double maxPruneShare, boolean pruneOverride) {
        this(allowedNamespaces, pruneWhenEmpty, maxPruneShare, pruneOverride, List.of(), false);
    }

    /** The defaults, with the namespaces this agent may write to. */
    public static KubeSettings of(List<String> allowedNamespaces) {
        return new KubeSettings(allowedNamespaces, false, DEFAULT_MAX_PRUNE_SHARE, false);
    }

    public KubeSettings withPruneWhenEmpty(boolean value) {
        return new KubeSettings(allowedNamespaces, value, maxPruneShare, pruneOverride, ignoreDifferences, dryRun);
    }

    public KubeSettings withMaxPruneShare(double value) {
        return new KubeSettings(allowedNamespaces, pruneWhenEmpty, value, pruneOverride, ignoreDifferences, dryRun);
    }

    public KubeSettings withPruneOverride(boolean value) {
        return new KubeSettings(allowedNamespaces, pruneWhenEmpty, maxPruneShare, value, ignoreDifferences, dryRun);
    }

    public KubeSettings withIgnoreDifferences(List<IgnoreDifference> value) {
        return new KubeSettings(allowedNamespaces, pruneWhenEmpty, maxPruneShare, pruneOverride, value, dryRun);
    }

    public KubeSettings withDryRun(boolean value) {
        return new KubeSettings(allowedNamespaces, pruneWhenEmpty, maxPruneShare, pruneOverride, ignoreDifferences, value);
    }

    /** The fields ignored for objects of {@code kind}. */
    List<IgnoreDifference> ignoredFor(String kind) {
        return ignoreDifferences.stream().filter(i -> i.appliesTo(kind)).toList();
    }

    boolean namespaceAllowed(String namespace) {
        return !allowedNamespaces.isEmpty() && io.flinkops.policy.Glob.anyMatches(allowedNamespaces, namespace);
    }

    /** The literal namespaces, when no entry is a glob; otherwise null ("list across all namespaces"). */
    List<String> literalNamespaces() {
        return allowedNamespaces.stream().anyMatch(n -> n.contains("*")) ? null : allowedNamespaces;
    }
}
