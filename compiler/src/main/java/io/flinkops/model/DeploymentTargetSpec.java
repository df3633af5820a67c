package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A DeploymentTarget: the Kubernetes namespace (VVP) and which cluster's agent applies it (flinkops). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentTargetSpec(Kubernetes kubernetes, String cluster) {
    public static final String DEFAULT_CLUSTER = "default";
    public static final FieldPath KUBERNETES_NAMESPACE = DocumentFields.SPEC.child("kubernetes", "namespace");
    public static final FieldPath CLUSTER = DocumentFields.SPEC.child("cluster");

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Kubernetes(String namespace) {
    }

    public String kubernetesNamespace() {
        return kubernetes == null ? null : kubernetes.namespace();
    }

    public String clusterOrDefault() {
        return cluster == null ? DEFAULT_CLUSTER : cluster;
    }
}
