package io.flinkops.render.flink;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Flink job id flinkops fixes for an application-mode deployment whose configuration or logging uses
 * {@code {{ jobId }}}: 32 hex digits (Flink's {@code JobID} format) of a name-based UUID of
 * "flinkops-job:&lt;namespace&gt;/&lt;name&gt;", so it is the same on every render and differs from the deployment id.
 * It is set as {@code $internal.pipeline.job-id}, which the operator keeps as given (docs/render-mapping.md).
 */
final class JobIds {
    static final String FIXED_JOB_ID_KEY = "$internal.pipeline.job-id";

    private JobIds() {
    }

    static String of(String namespace, String name) {
        UUID id = UUID.nameUUIDFromBytes(("flinkops-job:" + namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
        return id.toString().replace("-", "");
    }
}
