package io.flinkops.plan;

import io.flinkops.logging.LogConfigurations;
import io.flinkops.model.FlinkImage;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.model.ResourceSpec;
import io.flinkops.plan.pods.PodAdditions;
import io.flinkops.plan.pods.PodTemplateSet;
import io.flinkops.plan.pods.PodTemplates;

import java.util.List;
import java.util.SortedMap;
import java.util.Map;

/**
 * The Flink cluster of an application-mode Deployment or a SessionCluster: what its FlinkDeployment runs and how
 * its pods look.
 *
 * @param image              the image to run: the one set, else the default of the Flink version
 * @param resources          {@code resources} by component ({@code jobmanager}, {@code taskmanager}); may be null
 * @param taskManagers       {@code numberOfTaskManagers}, if set
 * @param jobManagerReplicas {@code kubernetes.jobmanager.replicas}, moved into the spec; null when unset or invalid
 * @param kubernetes         the effective {@code kubernetes} block; may be null
 * @param additions          what the mapping adds to the main container (secret env vars, mounted ConfigMaps)
 * @param conflicts          additions left out because the user defines the same thing differently
 * @param logging            the rendered log configuration, or why it failed
 * @param stopped            a SessionCluster with {@code state: STOPPED}, which is not rendered
 * @param sqlFiles           the files of the cluster's ConfigMap of SQL scripts ({@link ArtifactPlan#sqlConfigMapName}),
 *                           by file name: an application's own script, or the scripts of a session cluster's SQL jobs
 */
public record ClusterPlan(FlinkImage image, Map<String, ResourceSpec> resources, Integer taskManagers, Integer jobManagerReplicas,
                          KubernetesSpec kubernetes, PodAdditions additions,
                          List<PodTemplates.Conflict> conflicts, LogConfigurations.Outcome logging, boolean stopped,
                          SortedMap<String, String> sqlFiles) {

    // The pod templates are trees built from `kubernetes` when asked for, not held: a plan of thousands of clusters
    // would otherwise keep every tree alive for as long as the plan (and `flinkops diff` holds two plans).

    /** The pod templates as the user wrote them (what Pod Security checks); a fresh tree the caller owns. */
    public PodTemplateSet userPods() {
        return PodTemplates.build(kubernetes, PodAdditions.NONE);
    }

    /** The pod templates to render: the user's with the additions; a fresh tree the caller owns. */
    public PodTemplateSet pods() {
        return PodTemplates.build(kubernetes, additions);
    }
}
