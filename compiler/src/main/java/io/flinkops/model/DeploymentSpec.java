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

    public static final FieldPath SPEC = DocumentFields.SPEC;
    public static final FieldPath STATE = SPEC.child("state");
    public static final FieldPath DEPLOYMENT_TARGET_NAME = SPEC.child("deploymentTargetName");
    public static final FieldPath SESSION_CLUSTER_NAME = SPEC.child("sessionClusterName");
    /** VVP's id of the target, which a VVP export carries (FO106). */
    public static final FieldPath DEPLOYMENT_TARGET_ID = SPEC.child("deploymentTargetId");
    public static final FieldPath UPGRADE_STRATEGY_KIND = SPEC.child("upgradeStrategy", "kind");
    public static final FieldPath RESTORE_STRATEGY_KIND = SPEC.child("restoreStrategy", "kind");
    public static final FieldPath ALLOW_NON_RESTORED_STATE = SPEC.child("restoreStrategy", "allowNonRestoredState");
    public static final FieldPath TEMPLATE_ANNOTATIONS = SPEC.child("template", "metadata", "annotations");
    public static final FieldPath TEMPLATE_SPEC = SPEC.child("template", "spec");
    /** The fields the template shares with a SessionCluster. */
    public static final SharedFields TEMPLATE = new SharedFields(TEMPLATE_SPEC);
    public static final FieldPath PARALLELISM = TEMPLATE_SPEC.child("parallelism");
    public static final FieldPath ARTIFACT = TEMPLATE_SPEC.child("artifact");
    public static final FieldPath ARTIFACT_KIND = ARTIFACT.child("kind");
    public static final FieldPath JAR_URI = ARTIFACT.child("jarUri");
    public static final FieldPath FLINK_VERSION = ARTIFACT.child("flinkVersion");
    public static final FieldPath IMAGE_REGISTRY = ARTIFACT.child("flinkImageRegistry");
    public static final FieldPath IMAGE_REPOSITORY = ARTIFACT.child("flinkImageRepository");
    public static final FieldPath IMAGE_TAG = ARTIFACT.child("flinkImageTag");

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
