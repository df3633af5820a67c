package io.flinkops.agent.record;

import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;

import java.util.Map;

/**
 * What one cycle records on the status branch.
 *
 * @param sourceCommit     the config commit of the cycle (null when fetch failed); fills in statuses that lack one
 * @param deployments      the observed statuses; written with the cluster filled in
 * @param removeOwnMissing remove this cluster's deployment files that are not in {@code deployments} (only after a
 *                         valid build and a successful observe: the deployment left the desired set)
 * @param agent            the agent's own status; a null revision in it means "as before"
 */
public record StatusUpdate(String sourceCommit, Map<String, DeploymentStatus> deployments, boolean removeOwnMissing, AgentStatus agent) {
    public StatusUpdate {
        deployments = Map.copyOf(deployments);
    }
}
