package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Restricted "Volume Types": only the volume types the level lists (configMap, emptyDir, persistentVolumeClaim, secret, …). */
final class VolumeTypesCheck extends PodSecurityCheck {

    private static final Set<String> RESTRICTED_VOLUME_TYPES = new TreeSet<>(List.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"));

    VolumeTypesCheck() {
        super(Code.POD_SECURITY_VOLUME_TYPES, Level.RESTRICTED);
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        List<JsonNode> volumes = unit.volumes();
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode volume = volumes.get(i);
            if (volume.has("hostPath")) continue; // FO903 says it already, at every level
            String name = volume.path("name").asText("");
            for (Map.Entry<String, JsonNode> e : volume.properties()) {
                String type = e.getKey();
                if (type.equals("name") || RESTRICTED_VOLUME_TYPES.contains(type)) continue;
                ctx.report(unit, FieldPath.of("spec", "volumes").index(i).child(type),
                        "Volume `" + name + "` " + unit.of() + " has the type `" + type + "`, which Pod Security level `" + ctx.level().id() + "` does not allow.",
                        "Use one of " + String.join(", ", RESTRICTED_VOLUME_TYPES)
                                + "; network storage can be mounted through a PersistentVolume and a `persistentVolumeClaim`.");
            }
        }
    }
}
