package io.flinkops.logging;

/**
 * The template variables of PRODUCT.md that do not come from the logging spec itself ({@code rootLoggerLogLevel}
 * and {@code userConfiguredLoggers} do). The plan stage fills them for the FlinkDeployment a Deployment or
 * SessionCluster becomes and renders its template once with them; validation and rendering read that one outcome,
 * so a template that validates also renders.
 *
 * <ul>
 *   <li>{@code namespace}: the flinkops (VVP) namespace, not the Kubernetes namespace of the target.</li>
 *   <li>{@code deploymentName}: the Deployment's name; for a session cluster, the SessionCluster's name.</li>
 *   <li>{@code deploymentId}: the deployment id of namespace and that name, the
 *       same UUID as the {@code flinkops.io/deployment-id} label.</li>
 *   <li>{@code jobId}: the job id flinkops fixes for an application-mode Deployment whose every start restores state
 *       (the id that {@code {{ jobId }}} gives, docs/render-mapping.md), else empty: the operator chooses the id when it submits a stateless job (a new
 *       one on every start), and a session cluster runs many jobs. Templates should write
 *       {@code {% if jobId %}…{% endif %}} if they use it.</li>
 * </ul>
 * Null components are rendered as empty strings.
 */
public record LogVariables(String namespace, String deploymentName, String deploymentId, String jobId) {
}
