package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;

import java.util.List;

/** Baseline "HostPath Volumes": no volume mounts a path of the node. */
final class HostPathCheck extends PodSecurityCheck {

    HostPathCheck() {
        super(Code.POD_SECURITY_HOST_PATH, Level.BASELINE);
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        List<JsonNode> volumes = unit.volumes();
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode volume = volumes.get(i);
            if (!volume.has("hostPath")) continue;
            JsonNode path = volume.path("hostPath").path("path");
            ctx.report(unit, FieldPath.of("spec", "volumes").index(i).child("hostPath"),
                    "Volume `" + volume.path("name").asText("") + "` " + unit.of() + " is a `hostPath` volume"
                            + (path.isTextual() ? " (`" + path.asText() + "`)" : "")
                            + ", giving the pod the node's file system" + ctx.level().forbids() + ".",
                    "Use a `persistentVolumeClaim`, `emptyDir`, `configMap` or `secret` volume instead.");
        }
    }
}
