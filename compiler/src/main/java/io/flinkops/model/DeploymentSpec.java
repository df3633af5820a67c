package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A Deployment's (effective) spec, VVP 2.x. Enums are kept as text; the schema has checked them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentSpec(
        String state,
        String deploymentTargetName,
        String sessionClusterName,
        KindRef upgradeStrategy,
        RestoreStrategy restoreStrategy,
        Integer maxSavepointCreationAttempts,
        Integer maxJobCreationAttempts,
        String jobFailureExpirationTime,
        Template template) {

    /** {@code {kind: ...}} as used by upgradeStrategy. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KindRef(String kind) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RestoreStrategy(String kind, Boolean allowNonRestoredState) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Template(TemplateMetadata metadata, TemplateSpec spec) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TemplateMetadata(java.util.Map<String, String> annotations) {
    }

    public String upgradeStrategyKind() {
        return upgradeStrategy == null ? null : upgradeStrategy.kind();
    }

    public String restoreStrategyKind() {
        return restoreStrategy == null ? null : restoreStrategy.kind();
    }

    /** The template spec, or an empty one. */
    public TemplateSpec templateSpec() {
        return template == null || template.spec() == null ? TemplateSpec.EMPTY : template.spec();
    }
}
