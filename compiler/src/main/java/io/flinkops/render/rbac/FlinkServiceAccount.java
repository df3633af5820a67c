package io.flinkops.render.rbac;

import java.util.Collection;
import java.util.List;

import static io.flinkops.render.rbac.PolicyRule.APPS;
import static io.flinkops.render.rbac.PolicyRule.CORE;

/**
 * The service account Flink's pods run as, one per Kubernetes namespace flinkops deploys into, with the Role
 * that native Kubernetes Flink and Kubernetes HA need (docs/rbac.md explains every rule).
 *
 * <p>Source of the rules: the calls Flink's JobManager and TaskManagers make through
 * {@code org.apache.flink.kubernetes.kubeclient.Fabric8FlinkKubeClient} (Flink 1.15 to 2.x), checked against
 * the {@code flink} job role of the operator's Helm chart ({@code helm/flink-kubernetes-operator/templates/
 * rbac/_helpers.tpl}, {@code flink-operator.jobRbacRules}), which grants every write verb on pods,
 * configmaps, deployments and deployments/finalizers. This Role keeps only what Flink calls:
 * <ul>
 *   <li>The JobManager Deployment, its Services and the configuration ConfigMaps are created by the operator
 *       (with its own role), not by Flink, so the Flink account never creates, changes or deletes them. The
 *       one path where a JobManager deletes its own Deployment (shutdown after the application finished) is
 *       off: the operator forces {@code execution.shutdown-on-application-finish: false}.</li>
 *   <li>Services are touched by Flink only with {@code kubernetes.hostnetwork.enabled} (target port
 *       updates); host networking is forbidden by the baseline and restricted Pod Security Standards, and the
 *       operator's own role does not grant it either.</li>
 *   <li>Kubernetes HA elects leaders with fabric8's {@code ConfigMapLock}, not with Leases, so no
 *       {@code coordination.k8s.io} rule.</li>
 * </ul>
 */
public final class FlinkServiceAccount {
    public static final String NAME = "flinkops-flink";

    private FlinkServiceAccount() {
    }

    /**
     * The rules of the Flink Role in one Kubernetes namespace.
     *
     * @param flinkDeployments the names of the FlinkDeployments in that namespace (never empty): the operator
     *                         names each JobManager Deployment after its FlinkDeployment
     */
    public static List<PolicyRule> rules(Collection<String> flinkDeployments) {
        return List.of(
                // The JobManager's resource manager creates and deletes TaskManager pods (createTaskManagerPod,
                // stopPod), lists them to take over the pods of a previous JobManager (getPodsWithLabels) and
                // watches them (watchPodsAndDoCallback). get comes with list, which returns the same objects.
                PolicyRule.of(CORE, List.of("pods"), "get", "list", "watch", "create", "delete"),
                // Kubernetes HA: leader election with fabric8's ConfigMapLock (get, create, and renewal: update with
                // fabric8 5, Flink 1.15-1.17; a JSON merge patch in later fabric8, checked in 6.13 and 7.8), the job graph,
                // checkpoint counter and checkpoint pointers (check-and-update: get, then update with the resource
                // version), the TaskManagers' leader retrieval and the JobManager's HA watchers (shared informer:
                // list + watch), clean-up of one ConfigMap (delete) and of all of a cluster's HA ConfigMaps by
                // label, which fabric8 6+ sends as one collection delete (deletecollection; it grants nothing that
                // list + delete do not).
                PolicyRule.of(CORE, List.of("configmaps"), "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"),
                // Before creating a TaskManager pod, the JobManager reads its own Deployment (named after the
                // FlinkDeployment) to make it the pod's owner, so the pods go when the Deployment goes.
                PolicyRule.of(APPS, List.of("deployments"), "get").restrictedTo(flinkDeployments),
                // That owner reference has blockOwnerDeletion: true, which the OwnerReferencesPermissionEnforcement
                // admission plugin (on in OpenShift, for one) allows only with update on the owner's finalizers.
                PolicyRule.of(APPS, List.of("deployments/finalizers"), "update").restrictedTo(flinkDeployments));
    }
}
