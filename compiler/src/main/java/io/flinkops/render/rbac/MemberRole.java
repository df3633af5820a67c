package io.flinkops.render.rbac;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.flinkops.render.rbac.PolicyRule.CORE;
import static io.flinkops.render.rbac.PolicyRule.FLINK;

/**
 * The Kubernetes side of a flinkops Namespace role (VVP's owner / editor / viewer), in every Kubernetes
 * namespace the flinkops namespace deploys into. docs/rbac.md gives the reasoning; in short:
 * <ul>
 *   <li>Nobody gets write access to FlinkDeployments or FlinkSessionJobs. They are rendered from Git and
 *       applied by the agent: an edit made with kubectl would be reverted on the next apply where it touches
 *       a field flinkops sets, and would silently bypass review and the repository policy (pod security,
 *       allowed images) where it does not. Changes, including state changes, go through Git.</li>
 *   <li>viewer (VVP: read-only): reads the Flink resources, their pods, logs and events.</li>
 *   <li>editor (VVP: read/write except targets): operates running jobs without changing what Git declares:
 *       the Flink web UI and REST API through {@code kubectl port-forward}, and savepoints or checkpoints
 *       through FlinkStateSnapshot resources (operator 1.10+), which the agent neither owns nor prunes.</li>
 *   <li>owner (VVP: full access): also deletes pods, to restart a stuck JobManager or TaskManager. That can
 *       lose progress (a JobManager without HA restarts its job from the savepoint it was started from, not
 *       from its latest checkpoint), hence owners only. What else sets owners apart in VVP (members,
 *       targets, defaults) lives in Git and is guarded by the CODEOWNERS fragment ({@link Codeowners}).</li>
 * </ul>
 * Kubernetes RBAC cannot select objects by label, only by name ({@code resourceNames}), and not for list,
 * watch or create. Reads are therefore namespace-wide: a member of one flinkops namespace can read (and, as
 * an editor, port-forward to) the pods of another one that shares the Kubernetes namespace.
 */
public enum MemberRole {
    VIEWER,
    EDITOR,
    OWNER;

    /** The role's name in namespace.yaml. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MemberRole> of(String key) {
        for (MemberRole r : values()) {
            if (r.key().equals(key)) return Optional.of(r);
        }
        return Optional.empty();
    }

    /**
     * The Role (and RoleBinding) name: {@code flinkops-<namespace>-<role>}. Roles have no {@code -}, so two
     * flinkops namespaces never get the same name, nor one of {@link FlinkServiceAccount#NAME}.
     */
    public String objectName(String flinkopsNamespace) {
        return "flinkops-" + flinkopsNamespace + "-" + key();
    }

    /**
     * The rules of this role.
     *
     * @param flinkDeployments the names of the flinkops namespace's FlinkDeployments in the Kubernetes namespace:
     *                         the operator names each one's REST Service {@code <name>-rest}
     */
    public List<PolicyRule> rules(Collection<String> flinkDeployments) {
        boolean operates = this != VIEWER;
        List<PolicyRule> rules = new ArrayList<>();
        // The deployments, session clusters and session jobs with their status. Read-only for everyone: they
        // are written from Git by the agent (see the class comment).
        rules.add(PolicyRule.of(FLINK, List.of("flinkdeployments", "flinksessionjobs"), "get", "list", "watch"));
        // The snapshots the operator records for savepoints and checkpoints (FlinkStateSnapshot, operator
        // 1.10+; before that the rule matches nothing). Editors and owners may create one, to trigger a
        // savepoint or checkpoint the operator's way. Nobody may delete one: with disposeOnDelete (the
        // default) that disposes the savepoint, possibly the one a job would restore from.
        rules.add(operates
                ? PolicyRule.of(FLINK, List.of("flinkstatesnapshots"), "get", "list", "watch", "create")
                : PolicyRule.of(FLINK, List.of("flinkstatesnapshots"), "get", "list", "watch"));
        // The JobManager and TaskManager pods (kubectl get/describe pods). Owners may delete one to restart it:
        // the JobManager replaces a TaskManager, the Deployment replaces a JobManager.
        rules.add(this == OWNER
                ? PolicyRule.of(CORE, List.of("pods"), "get", "list", "watch", "delete")
                : PolicyRule.of(CORE, List.of("pods"), "get", "list", "watch"));
        // Their logs (kubectl logs).
        rules.add(PolicyRule.of(CORE, List.of("pods/log"), "get"));
        if (operates) {
            // The Flink web UI and REST API: kubectl port-forward pod/<jobmanager-pod> 8081, or
            // svc/<name>-rest 8081, which reads that Service (only those, by name) to find its pod.
            rules.add(PolicyRule.of(CORE, List.of("pods/portforward"), "create"));
            if (!flinkDeployments.isEmpty()) {
                rules.add(PolicyRule.of(CORE, List.of("services"), "get")
                        .restrictedTo(flinkDeployments.stream().map(n -> n + "-rest").toList()));
            }
        }
        // Why a pod is pending or restarting, and the operator's events on the Flink resources.
        rules.add(PolicyRule.of(CORE, List.of("events"), "get", "list", "watch"));
        return rules;
    }
}
