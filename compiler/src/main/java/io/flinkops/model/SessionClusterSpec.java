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

    public static final FieldPath SPEC = DocumentFields.SPEC;
    public static final FieldPath STATE = SPEC.child("state");
    public static final FieldPath DEPLOYMENT_TARGET_NAME = SPEC.child("deploymentTargetName");
    public static final FieldPath FLINK_VERSION = SPEC.child("flinkVersion");
    public static final FieldPath IMAGE_REGISTRY = SPEC.child("flinkImageRegistry");
    public static final FieldPath IMAGE_REPOSITORY = SPEC.child("flinkImageRepository");
    public static final FieldPath IMAGE_TAG = SPEC.child("flinkImageTag");
    /** The fields a SessionCluster shares with a Deployment's template. */
    public static final SharedFields FIELDS = new SharedFields(SPEC);

    public Map<String, String> flinkConfigurationOrEmpty() {
        return flinkConfiguration == null ? Map.of() : flinkConfiguration;
    }
}
