package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.pods.PodTemplates;

import java.util.ArrayList;
import java.util.List;

/**
 * A container of a rendered pod.
 *
 * @param pointer its path in the rendered pod
 * @param list    {@code containers}, {@code initContainers} or {@code ephemeralContainers}
 * @param listed  false for the main container when the template does not list it and Flink adds it
 */
record Container(FieldPath pointer, String list, String name, JsonNode node, boolean listed) {

    /**
     * Every container of a pod {@code spec}: main, sidecar, init and ephemeral containers, with
     * {@code flink-main-container} first when the spec does not list it.
     */
    static List<Container> of(JsonNode spec) {
        List<Container> out = new ArrayList<>();
        boolean main = false;
        for (String list : List.of("containers", "initContainers", "ephemeralContainers")) {
            List<JsonNode> containers = Setting.items(spec.path(list));
            for (int i = 0; i < containers.size(); i++) {
                String name = containers.get(i).path("name").asText("");
                if (list.equals("containers") && name.equals(PodTemplates.MAIN_CONTAINER)) main = true;
                out.add(new Container(FieldPath.of("spec", list).index(i), list, name, containers.get(i), true));
            }
        }
        if (!main) {
            // Flink adds the main container with what it needs (image, resources, ports, env), no security settings
            out.add(0, new Container(FieldPath.of("spec", "containers").index(Setting.items(spec.path("containers")).size()), "containers",
                    PodTemplates.MAIN_CONTAINER, JsonNodeFactory.instance.objectNode(), false));
        }
        return out;
    }

    /** Its {@code securityContext}; missing when it has none. */
    JsonNode securityContext() {
        return node.path("securityContext");
    }

    /** The path of its {@code securityContext}. */
    FieldPath securityContextAt() {
        return pointer.child("securityContext");
    }
}
