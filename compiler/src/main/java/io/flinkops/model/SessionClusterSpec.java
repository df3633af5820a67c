package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/** A SessionCluster's spec (VVP 2.x). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionClusterSpec(
        String state,
        String deploymentTargetName,
        String flinkVersion,
        String flinkImageRegistry,
        String flinkImageRepository,
        String flinkImageTag,
        Integer numberOfTaskManagers,
        Map<String, ResourceSpec> resources,
        Map<String, String> flinkConfiguration,
        Logging logging,
        KubernetesSpec kubernetes) {

    public Map<String, String> flinkConfigurationOrEmpty() {
        return flinkConfiguration == null ? Map.of() : flinkConfiguration;
    }
}
