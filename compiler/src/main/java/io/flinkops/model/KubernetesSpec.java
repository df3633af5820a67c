package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** {@code kubernetes}: labels, annotations, and either {@code pods} or full pod templates. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KubernetesSpec(
        Map<String, String> labels,
        Map<String, String> annotations,
        Pods pods,
        JsonNode jobManagerPodTemplate,
        JsonNode taskManagerPodTemplate) {

    /** VVP's {@code kubernetes.pods}, applied to JobManager and TaskManager pods alike. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pods(
            Map<String, String> labels,
            Map<String, String> annotations,
            Map<String, String> nodeSelector,
            JsonNode affinity,
            List<JsonNode> tolerations,
            List<NameRef> imagePullSecrets,
            List<EnvVar> envVars,
            List<VolumeAndMount> volumeMounts,
            JsonNode securityContext) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NameRef(String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnvVar(String name, String value, JsonNode valueFrom) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VolumeAndMount(String name, JsonNode volume, JsonNode volumeMount) {
    }
}
