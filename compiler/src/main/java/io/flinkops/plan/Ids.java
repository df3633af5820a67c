package io.flinkops.plan;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The stable ids flinkops gives a Deployment or SessionCluster, the same on every render and every machine. */
public final class Ids {
    private Ids() {
    }

    /**
     * The deployment id: a name-based (version 3) UUID of "flinkops:&lt;namespace&gt;/&lt;name&gt;", so it changes only
     * when the deployment is renamed or moved. It is the {@code flinkops.io/deployment-id} label, the
     * {@code {{ deploymentId }}} placeholder and the {@code deploymentId} of log templates.
     */
    public static UUID deploymentId(String namespace, String name) {
        return UUID.nameUUIDFromBytes(("flinkops:" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The Flink job id flinkops fixes for an application-mode deployment whose configuration or logging uses
     * {@code {{ jobId }}}: 32 hex digits (Flink's {@code JobID} format) of a name-based UUID of
     * "flinkops-job:&lt;namespace&gt;/&lt;name&gt;", so it differs from the deployment id. It is set as
     * {@code $internal.pipeline.job-id}, which the operator keeps as given (docs/render-mapping.md).
     */
    public static String jobId(String namespace, String name) {
        UUID id = UUID.nameUUIDFromBytes(("flinkops-job:" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
        return id.toString().replace("-", "");
    }
}
