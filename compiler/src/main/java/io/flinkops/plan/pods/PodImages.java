package io.flinkops.plan.pods;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.model.FieldPath;
import io.flinkops.model.KubernetesSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The images the pods of a {@code kubernetes} block pull besides Flink's own: those of the sidecars, init and
 * ephemeral containers of the pod templates, and image volumes ({@code volumes[].image.reference}, Kubernetes 1.31)
 * in the templates and in {@code pods.volumeMounts}. The main container's {@code image} is not one of them: Flink
 * overwrites it with the image of the Deployment or SessionCluster.
 */
public final class PodImages {

    /**
     * One image reference as written.
     *
     * @param pointer   where it is written, relative to the {@code kubernetes} block
     * @param reference the reference, as written
     * @param pulledBy  what pulls it, as messages say it: "sidecar `agent` in `jobManagerPodTemplate`"
     */
    public record PodImage(FieldPath pointer, String reference, String pulledBy) {
    }

    private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");

    private PodImages() {
    }

    /** In the order they are written: templates (JobManager first), then {@code pods}. Empty for a null block. */
    public static List<PodImage> of(KubernetesSpec kubernetes) {
        List<PodImage> out = new ArrayList<>();
        if (kubernetes == null) return out;
        template(PodTemplates.JOB_MANAGER_TEMPLATE, kubernetes.jobManagerPodTemplate(), out);
        template(PodTemplates.TASK_MANAGER_TEMPLATE, kubernetes.taskManagerPodTemplate(), out);
        if (kubernetes.pods() != null && kubernetes.pods().volumeMounts() != null) {
            List<KubernetesSpec.VolumeAndMount> entries = kubernetes.pods().volumeMounts();
            for (int i = 0; i < entries.size(); i++) {
                KubernetesSpec.VolumeAndMount vm = entries.get(i);
                if (vm == null || vm.volume() == null) continue;
                JsonNode reference = vm.volume().path("image").path("reference");
                if (!reference.isTextual()) continue;
                String name = vm.name() != null ? vm.name() : vm.volume().path("name").asText(null);
                out.add(new PodImage(FieldPath.of("pods", "volumeMounts").index(i).child("volume", "image", "reference"),
                        reference.asText(), "image volume" + named(name) + " in `kubernetes.pods`"));
            }
        }
        return out;
    }

    private static void template(String field, JsonNode template, List<PodImage> out) {
        if (template == null) return;
        JsonNode spec = template.path("spec");
        for (String list : CONTAINER_LISTS) {
            JsonNode containers = spec.path(list);
            if (!containers.isArray()) continue; // FO802
            for (int i = 0; i < containers.size(); i++) {
                JsonNode container = containers.get(i);
                String name = container.path("name").asText(null);
                // Flink replaces the main container's image; one listed among the init containers is FO802's
                if (PodTemplates.MAIN_CONTAINER.equals(name) || !container.path("image").isTextual()) continue;
                String kind = switch (list) {
                    case "containers" -> "sidecar";
                    case "initContainers" -> "init container";
                    default -> "ephemeral container";
                };
                out.add(new PodImage(FieldPath.of(field, "spec", list).index(i).child("image"), container.path("image").asText(),
                        kind + named(name) + " in `" + field + "`"));
            }
        }
        JsonNode volumes = spec.path("volumes");
        if (!volumes.isArray()) return;
        for (int i = 0; i < volumes.size(); i++) {
            JsonNode reference = volumes.get(i).path("image").path("reference");
            if (!reference.isTextual()) continue;
            out.add(new PodImage(FieldPath.of(field, "spec", "volumes").index(i).child("image", "reference"), reference.asText(),
                    "image volume" + named(volumes.get(i).path("name").asText(null)) + " in `" + field + "`"));
        }
    }

    private static String named(String name) {
        return name == null || name.isEmpty() ? "" : " `" + name + "`";
    }
}
