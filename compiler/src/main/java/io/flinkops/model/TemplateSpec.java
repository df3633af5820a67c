package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/** {@code spec.template.spec} of a Deployment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplateSpec(
        Artifact artifact,
        Integer parallelism,
        Integer numberOfTaskManagers,
        Map<String, ResourceSpec> resources,
        Map<String, String> flinkConfiguration,
        Logging logging,
        KubernetesSpec kubernetes) {

    public static final TemplateSpec EMPTY = new TemplateSpec(null, null, null, null, null, null, null);

    public Map<String, String> flinkConfigurationOrEmpty() {
        return flinkConfiguration == null ? Map.of() : flinkConfiguration;
    }
}
