package io.flinkops.plan;

import io.flinkops.flinkconfig.LocatedConfiguration;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.model.SharedFields;
import io.flinkops.resolve.Resolved;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What one Deployment or SessionCluster means for the operator, computed once by the {@link Planner} and read by
 * every stage after it: the rules judge it, the render stage maps it to Kubernetes objects, {@code explain} and
 * {@code diff} show it. Every resource whose spec is typed has a plan, placed or not (a Deployment whose target is
 * missing still has an effective configuration to check); only a placed one is rendered.
 *
 * @param placement            where its object goes; empty when its references do not resolve
 * @param deploymentId         its stable id ({@link Ids#deploymentId})
 * @param sessionCluster       for a session job: the typed SessionCluster it runs on, if it exists
 * @param flinkVersion         the Flink version it runs (a session job: its cluster's, or the one its artifact names
 *                             when the cluster is missing), as written; may be null
 * @param ownConfiguration     its own effective {@code flinkConfiguration} (defaults merged), located
 * @param configuration        what the job or cluster runs with: for a session job its cluster's configuration
 *                             overlaid by its own (job keys win, as in VVP and the operator), else its own
 * @param placeholders         the values its {@code {{ … }}} placeholders are filled with
 * @param emittedConfiguration the {@code flinkConfiguration} of its object: placeholders filled, the keys flinkops
 *                             sets or moves (job id, JobManager replicas, artifact list, entry point), and VVP's own
 *                             high availability as Flink's Kubernetes HA ({@code flinkconfig.VvpSettings})
 * @param references           its {@code ${NAME}} references and what the pods need to fill them in
 * @param job                  the job (application and session mode), absent for a SessionCluster
 * @param cluster              the Flink cluster (application mode and SessionCluster), absent for a session job
 * @param reconcile            whether the agent applies its objects ({@link Reconcile})
 * @param operations           its day-2 operations: Savepoints, restart, redeploy ({@link Operations})
 */
public record ResourcePlan(
        Kind kind,
        Resolved<?> source,
        Optional<EmittedObject> placement,
        String deploymentId,
        Optional<Resolved<SessionClusterSpec>> sessionCluster,
        String flinkVersion,
        LocatedConfiguration ownConfiguration,
        LocatedConfiguration configuration,
        Placeholders placeholders,
        SortedMap<String, String> emittedConfiguration,
        RuntimeReferences references,
        ObjectMetadata metadata,
        Optional<JobPlan> job,
        Optional<ClusterPlan> cluster,
        Reconcile reconcile,
        Operations operations) {

    public ResourcePlan {
        emittedConfiguration = Collections.unmodifiableSortedMap(emittedConfiguration);
    }

    /** What a resource becomes. */
    public enum Kind {
        /** A Deployment with {@code deploymentTargetName}: a FlinkDeployment with a job. */
        APPLICATION("Deployment"),
        /** A SessionCluster: a FlinkDeployment without a job. */
        SESSION_CLUSTER("SessionCluster"),
        /** A Deployment with {@code sessionClusterName} (even with a target too; FO205 reports that): a FlinkSessionJob. */
        SESSION_JOB("Deployment");

        private final String resourceKind;

        Kind(String resourceKind) {
            this.resourceKind = resourceKind;
        }

        /** The kind of the flinkops resource: Deployment or SessionCluster. */
        public String resourceKind() {
            return resourceKind;
        }
    }

    public String namespace() {
        return source.namespace();
    }

    public String name() {
        return source.name();
    }

    /** Where the fields a Deployment's template and a SessionCluster share are ({@code spec.template.spec} or {@code spec}). */
    public SharedFields fields() {
        return kind == Kind.SESSION_CLUSTER ? SessionClusterSpec.FIELDS : DeploymentSpec.TEMPLATE;
    }

    public boolean isSessionJob() {
        return kind == Kind.SESSION_JOB;
    }

    /** The Deployment, for the plan of one. */
    @SuppressWarnings("unchecked")
    public Resolved<DeploymentSpec> deployment() {
        if (kind == Kind.SESSION_CLUSTER) throw new IllegalStateException(source.name() + " is a SessionCluster");
        return (Resolved<DeploymentSpec>) source;
    }

    /** The SessionCluster, for the plan of one. */
    @SuppressWarnings("unchecked")
    public Resolved<SessionClusterSpec> sessionClusterResource() {
        if (kind != Kind.SESSION_CLUSTER) throw new IllegalStateException(source.name() + " is a Deployment");
        return (Resolved<SessionClusterSpec>) source;
    }

    /** "Deployment `orders`", "SessionCluster `shared`". */
    public String describe() {
        return kind.resourceKind() + " `" + name() + "`";
    }
}
