package io.flinkops.render.logging;

/**
 * The template variables of PRODUCT.md that do not come from the logging spec itself (rootLoggerLogLevel and
 * userConfiguredLoggers do). For a session cluster, deploymentName is the session cluster's name.
 */
public record LogVariables(String namespace, String deploymentName, String deploymentId, String jobId) {
}
