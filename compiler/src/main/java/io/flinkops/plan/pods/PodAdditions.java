package io.flinkops.plan.pods;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What the Flink mapping adds to the main container of both pod templates, on top of what the user wrote:
 * environment variables for secret references, and volumes such as the SQL script's ConfigMap.
 *
 * <p>Each is held as the Kubernetes JSON it becomes (an EnvVar, a Volume, a VolumeMount, fields in the order the
 * Kubernetes model writes them), not as a fabric8 object: serializing those through Jackson built serializers for the
 * whole Volume model on every run, a tenth of a small repo's validation (docs/performance.md). Readers get copies.
 */
public record PodAdditions(List<ObjectNode> env, List<ObjectNode> volumes, List<ObjectNode> mounts) {
    public static final PodAdditions NONE = new PodAdditions(List.of(), List.of(), List.of());

    public PodAdditions {
        env = copies(env);
        volumes = copies(volumes);
        mounts = copies(mounts);
    }

    @Override
    public List<ObjectNode> env() {
        return copies(env);
    }

    @Override
    public List<ObjectNode> volumes() {
        return copies(volumes);
    }

    @Override
    public List<ObjectNode> mounts() {
        return copies(mounts);
    }

    private static List<ObjectNode> copies(List<ObjectNode> nodes) {
        return nodes.stream().map(ObjectNode::deepCopy).toList();
    }
}
