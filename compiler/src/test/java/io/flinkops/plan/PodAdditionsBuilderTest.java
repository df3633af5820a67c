package io.flinkops.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.plan.pods.PodAdditions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The additions are written as JSON directly (start-up cost, docs/performance.md); they must be exactly what fabric8's
 * model serializes, field order included, since they reach the rendered manifests.
 */
class PodAdditionsBuilderTest {
    private static final ObjectMapper FABRIC8 = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static String fabric8(Object o) {
        return FABRIC8.valueToTree(o).toString();
    }

    @Test
    void entrypointAndSqlAdditionsAreWhatTheKubernetesModelWrites() {
        TreeMap<String, String> referencing = new TreeMap<>();
        referencing.put("s3.secret-key", "${S3_SECRET}");
        RuntimeReferences references = new RuntimeReferences(referencing,
                List.of(new NamespaceSpec.SecretSource("S3_SECRET", new NamespaceSpec.SecretKeyRef("s3-credentials", "secret-key"))), null);
        PodAdditionsBuilder builder = new PodAdditionsBuilder();
        builder.references(references, "orders");
        builder.sqlScripts("orders-sql", true);
        builder.sqlScripts("other-sql", false);
        PodAdditions a = builder.build();

        assertEquals(List.of(fabric8(new EnvVarBuilder().withName("S3_SECRET").withNewValueFrom().withNewSecretKeyRef()
                .withName("s3-credentials").withKey("secret-key").endSecretKeyRef().endValueFrom().build())),
                a.env().stream().map(Object::toString).toList());
        assertEquals(List.of(
                fabric8(new VolumeBuilder().withName(RuntimeReferences.BIN_VOLUME).withNewConfigMap()
                        .withName(RuntimeReferences.configMapName("orders")).withDefaultMode(RuntimeReferences.SCRIPT_MODE).endConfigMap().build()),
                fabric8(new VolumeBuilder().withName(RuntimeReferences.CONF_VOLUME).withNewEmptyDir().endEmptyDir().build()),
                fabric8(new VolumeBuilder().withName(ArtifactPlan.SQL_VOLUME).withNewConfigMap().withName("orders-sql").withOptional(true).endConfigMap().build()),
                fabric8(new VolumeBuilder().withName(ArtifactPlan.SQL_VOLUME).withNewConfigMap().withName("other-sql").endConfigMap().build())),
                a.volumes().stream().map(Object::toString).toList());
        assertEquals(List.of(
                fabric8(new VolumeMountBuilder().withName(RuntimeReferences.BIN_VOLUME).withMountPath(RuntimeReferences.BIN_DIR).withReadOnly(true).build()),
                fabric8(new VolumeMountBuilder().withName(RuntimeReferences.CONF_VOLUME).withMountPath(RuntimeReferences.CONF_DIR).build()),
                fabric8(new VolumeMountBuilder().withName(ArtifactPlan.SQL_VOLUME).withMountPath(ArtifactPlan.SQL_DIR).withReadOnly(true).build()),
                fabric8(new VolumeMountBuilder().withName(ArtifactPlan.SQL_VOLUME).withMountPath(ArtifactPlan.SQL_DIR).withReadOnly(true).build())),
                a.mounts().stream().map(Object::toString).toList());
    }

    @Test
    void readersGetCopiesSoOneTemplateCannotChangeAnother() {
        PodAdditionsBuilder builder = new PodAdditionsBuilder();
        builder.sqlScripts("orders-sql", false);
        PodAdditions a = builder.build();
        a.volumes().get(0).put("name", "changed");
        assertEquals(ArtifactPlan.SQL_VOLUME, a.volumes().get(0).path("name").asText());
    }
}
