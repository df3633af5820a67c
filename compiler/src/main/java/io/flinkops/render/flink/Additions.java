package io.flinkops.render.flink;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.flinkops.render.pods.PodAdditions;

import java.util.ArrayList;
import java.util.List;

/** Collects what the mapping adds to the main container of the Flink pods (secret env vars, mounted ConfigMaps). */
final class Additions {
    private final List<EnvVar> env = new ArrayList<>();
    private final List<Volume> volumes = new ArrayList<>();
    private final List<VolumeMount> mounts = new ArrayList<>();

    void env(EnvVar e) {
        env.add(e);
    }

    void volume(Volume v, VolumeMount m) {
        volumes.add(v);
        mounts.add(m);
    }

    PodAdditions build() {
        return env.isEmpty() && volumes.isEmpty() ? PodAdditions.NONE : new PodAdditions(env, volumes, mounts);
    }
}
