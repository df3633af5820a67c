package io.flinkops.plan;

import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.DeploymentTargetSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each resource of a config repo becomes and where it goes (PRODUCT.md, "What it emits"):
 * <ul>
 *   <li>an application-mode Deployment → a FlinkDeployment named after the deployment, in its target's
 *       Kubernetes namespace on its target's cluster;</li>
 *   <li>a SessionCluster → a FlinkDeployment (without job) named after the session cluster, in its
 *       target's Kubernetes namespace on its target's cluster;</li>
 *   <li>a session-mode Deployment → a FlinkSessionJob named after the deployment, placed with its session
 *       cluster (its {@code deploymentName} is the session cluster's name).</li>
 * </ul>
 * Resources whose references do not resolve, or that failed their schema, emit nothing here; the
 * validation rules report why.
 */
public final class Placement {

    /** How a Deployment runs, decided by which of its two reference fields the effective spec sets. */
    public enum Mode {
        /** {@code deploymentTargetName} only. */
        APPLICATION,
        /** {@code sessionClusterName} only. */
        SESSION,
        /** Neither field is set. */
        NONE,
        /** Both fields are set. */
        AMBIGUOUS
    }

    private Placement() {
    }

    public static Mode mode(DeploymentSpec spec) {
        if (spec == null) return Mode.NONE;
        boolean target = spec.deploymentTargetName() != null;
        boolean session = spec.sessionClusterName() != null;
        if (target && session) return Mode.AMBIGUOUS;
        if (target) return Mode.APPLICATION;
        return session ? Mode.SESSION : Mode.NONE;
    }

    /** The DeploymentTarget {@code name} of flinkops namespace {@code namespace}, if it exists (typed or not). */
    public static Optional<Resolved<DeploymentTargetSpec>> target(ResolvedRepo repo, String namespace, String name) {
        ResolvedNamespace ns = repo.namespaces().get(namespace);
        return ns == null || name == null ? Optional.empty() : Optional.ofNullable(ns.targets().get(name));
    }

    /** The SessionCluster {@code name} of flinkops namespace {@code namespace}, if it exists (typed or not). */
    public static Optional<Resolved<SessionClusterSpec>> sessionCluster(ResolvedRepo repo, String namespace, String name) {
        ResolvedNamespace ns = repo.namespaces().get(namespace);
        return ns == null || name == null ? Optional.empty() : Optional.ofNullable(ns.sessionClusters().get(name));
    }

    /** The object a Deployment becomes: a FlinkDeployment (application mode) or a FlinkSessionJob (session mode). */
    public static Optional<EmittedObject> ofDeployment(ResolvedRepo repo, Resolved<DeploymentSpec> deployment) {
        DeploymentSpec spec = deployment.spec();
        return switch (mode(spec)) {
            case APPLICATION -> typedTarget(repo, deployment.namespace(), spec.deploymentTargetName())
                    .map(t -> emitted(t, EmittedObject.Kind.FLINK_DEPLOYMENT, deployment));
            case SESSION -> sessionCluster(repo, deployment.namespace(), spec.sessionClusterName())
                    .filter(Resolved::isTyped)
                    .flatMap(c -> typedTarget(repo, c.namespace(), c.spec().deploymentTargetName()))
                    .map(t -> emitted(t, EmittedObject.Kind.FLINK_SESSION_JOB, deployment));
            case NONE, AMBIGUOUS -> Optional.empty();
        };
    }

    /** The FlinkDeployment (without job) a SessionCluster becomes. */
    public static Optional<EmittedObject> ofSessionCluster(ResolvedRepo repo, Resolved<SessionClusterSpec> sessionCluster) {
        if (!sessionCluster.isTyped()) return Optional.empty();
        return typedTarget(repo, sessionCluster.namespace(), sessionCluster.spec().deploymentTargetName())
                .map(t -> emitted(t, EmittedObject.Kind.FLINK_DEPLOYMENT, sessionCluster));
    }

    /** Every object the repo emits, namespace by namespace (session clusters, then deployments, by name). */
    public static List<EmittedObject> all(ResolvedRepo repo) {
        List<EmittedObject> out = new ArrayList<>();
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            ns.sessionClusters().values().forEach(c -> ofSessionCluster(repo, c).ifPresent(out::add));
            ns.deployments().values().forEach(d -> ofDeployment(repo, d).ifPresent(out::add));
        }
        return out;
    }

    private static Optional<Resolved<DeploymentTargetSpec>> typedTarget(ResolvedRepo repo, String namespace, String name) {
        return target(repo, namespace, name).filter(t -> t.isTyped() && t.spec().kubernetesNamespace() != null);
    }

    private static EmittedObject emitted(Resolved<DeploymentTargetSpec> target, EmittedObject.Kind kind, Resolved<?> source) {
        DeploymentTargetSpec t = target.spec();
        return new EmittedObject(t.clusterOrDefault(), t.kubernetesNamespace(), kind, source.name(), source);
    }
}
