package io.flinkops.plan.pods;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.util.List;

/**
 * What the Flink mapping adds to the main container of both pod templates, on top of what the user wrote:
 * environment variables for secret references, and volumes such as the SQL script's ConfigMap.
 */
public record PodAdditions(List<EnvVar> env, List<Volume> volumes, List<VolumeMount> mounts) {
    public static final PodAdditions NONE = new PodAdditions(List.of(), List.of(), List.of());

    public PodAdditions {
        env = List.copyOf(env);
        volumes = List.copyOf(volumes);
        mounts = List.copyOf(mounts);
    }
}
