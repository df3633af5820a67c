package io.flinkops.render.logging;

import io.flinkops.render.Ownership;

/**
 * The template variables of PRODUCT.md that do not come from the logging spec itself ({@code rootLoggerLogLevel}
 * and {@code userConfiguredLoggers} do). The Flink mapping fills them for the FlinkDeployment it renders, and
 * validation renders every template with the same values (through {@link #forDeployment} and
 * {@link #forSessionCluster}), so a template that validates also renders.
 *
 * <ul>
 *   <li>{@code namespace}: the flinkops (VVP) namespace, not the Kubernetes namespace of the target.</li>
 *   <li>{@code deploymentName}: the Deployment's name; for a session cluster, the SessionCluster's name.</li>
 *   <li>{@code deploymentId}: {@link Ownership#deploymentId(String, String)} of namespace and that name, the
 *       same UUID as the {@code flinkops.io/deployment-id} label.</li>
 *   <li>{@code jobId}: empty. A static manifest cannot know the Flink job id: the operator chooses it when it
 *       submits the job (a new one on every stateless start), and a session cluster runs many jobs. Templates
 *       should write {@code {% if jobId %}…{% endif %}} if they use it.</li>
 * </ul>
 * Null components are rendered as empty strings.
 */
public record LogVariables(String namespace, String deploymentName, String deploymentId, String jobId) {

    /** The variables of an application-mode Deployment's FlinkDeployment. */
    public static LogVariables forDeployment(String namespace, String deploymentName) {
        return new LogVariables(namespace, deploymentName, Ownership.deploymentId(namespace, deploymentName).toString(), "");
    }

    /** The variables of a SessionCluster's FlinkDeployment: {@code deploymentName} is the session cluster's name. */
    public static LogVariables forSessionCluster(String namespace, String sessionClusterName) {
        return new LogVariables(namespace, sessionClusterName, Ownership.deploymentId(namespace, sessionClusterName).toString(), "");
    }
}
