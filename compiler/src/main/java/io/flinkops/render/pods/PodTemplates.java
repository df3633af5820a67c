package io.flinkops.render.pods;

import io.flinkops.model.KubernetesSpec;

/**
 * Builds the pod templates of a FlinkDeployment from VVP's {@code kubernetes.pods} or from the user's
 * {@code jobManagerPodTemplate} / {@code taskManagerPodTemplate}; the main container is
 * {@code flink-main-container}.
 */
public final class PodTemplates {
    public static final String MAIN_CONTAINER = "flink-main-container";

    private PodTemplates() {
    }

    /** @param kubernetes the effective {@code kubernetes} block (may be null) */
    public static PodTemplateSet build(KubernetesSpec kubernetes, PodAdditions additions) {
        return PodTemplateSet.NONE; // filled in by the pod template work (issue 3, in progress)
    }
}
