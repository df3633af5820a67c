package io.flinkops.plan;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.plan.pods.PodAdditions;

import java.util.ArrayList;
import java.util.List;

/** Collects what the mapping adds to the main container of the Flink pods: secret env vars and mounted ConfigMaps. */
final class PodAdditionsBuilder {
    private final List<EnvVar> env = new ArrayList<>();
    private final List<Volume> volumes = new ArrayList<>();
    private final List<VolumeMount> mounts = new ArrayList<>();

    /** The entrypoint of {@code ${NAME}} references: an env var per Namespace secret, the script and a writable conf dir. */
    void references(RuntimeReferences references, String objectName) {
        if (!references.needsEntrypoint()) return;
        for (NamespaceSpec.SecretSource s : references.secrets()) {
            env.add(new EnvVarBuilder().withName(s.name())
                    .withNewValueFrom().withNewSecretKeyRef().withName(s.secretKeyRef().name()).withKey(s.secretKeyRef().key())
                    .endSecretKeyRef().endValueFrom().build());
        }
        volume(new VolumeBuilder().withName(RuntimeReferences.BIN_VOLUME).withNewConfigMap()
                        .withName(RuntimeReferences.configMapName(objectName)).withDefaultMode(RuntimeReferences.SCRIPT_MODE).endConfigMap().build(),
                new VolumeMountBuilder().withName(RuntimeReferences.BIN_VOLUME).withMountPath(RuntimeReferences.BIN_DIR).withReadOnly(true).build());
        volume(new VolumeBuilder().withName(RuntimeReferences.CONF_VOLUME).withNewEmptyDir().endEmptyDir().build(),
                new VolumeMountBuilder().withName(RuntimeReferences.CONF_VOLUME).withMountPath(RuntimeReferences.CONF_DIR).build());
    }

    /**
     * The ConfigMap of SQL scripts, mounted where the SQL runner reads them. A session cluster mounts it whether or not
     * it has SQL jobs yet ({@code optional}): adding the first SQL job must not change its pods, which would restart
     * the cluster and every job on it.
     */
    void sqlScripts(String configMapName, boolean optional) {
        volume(new VolumeBuilder().withName(ArtifactPlan.SQL_VOLUME).withNewConfigMap().withName(configMapName)
                        .withOptional(optional ? Boolean.TRUE : null).endConfigMap().build(),
                new VolumeMountBuilder().withName(ArtifactPlan.SQL_VOLUME).withMountPath(ArtifactPlan.SQL_DIR).withReadOnly(true).build());
    }

    private void volume(Volume v, VolumeMount m) {
        volumes.add(v);
        mounts.add(m);
    }

    PodAdditions build() {
        return env.isEmpty() && volumes.isEmpty() ? PodAdditions.NONE : new PodAdditions(env, volumes, mounts);
    }
}
