package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Between fabric8's resources and Jackson trees. */
final class Json {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Json() {
    }

    static JsonNode tree(GenericKubernetesResource r) {
        return SERIALIZATION.convertValue(r, JsonNode.class);
    }

    static GenericKubernetesResource resource(JsonNode content) {
        return SERIALIZATION.convertValue(content, GenericKubernetesResource.class);
    }
}
