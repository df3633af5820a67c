package io.flinkops.validate.kubernetes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.flinkops.diag.Diagnostics;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YamlJson;
import io.flinkops.yaml.YamlReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubernetesModelCheckTest {

    private static YNode yaml(String text) {
        Diagnostics d = new Diagnostics();
        YNode root = new YamlReader().read("t.yaml", text.getBytes(StandardCharsets.UTF_8), d).get(0).root();
        assertTrue(d.isEmpty(), () -> d.sorted().toString());
        return root;
    }

    private static List<String> check(String text, Class<?> type) {
        return KubernetesModelCheck.check(yaml(text), type, "t").stream()
                .map(p -> p.pointer().pointer() + (p.atKey() ? " (key) " : " ") + p.message()).toList();
    }

    @Test
    void fabric8SwallowsUnknownFieldsEvenWhenStrictButTheCheckFindsThem() throws Exception {
        String text = """
                spec:
                  containerz: []
                  containers:
                    - name: flink-main-container
                      imagee: flink:1.20
                """;
        ObjectMapper strict = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        PodTemplateSpec parsed = strict.treeToValue(YamlJson.toJson(yaml(text)), PodTemplateSpec.class);
        assertFalse(parsed.getSpec().getAdditionalProperties().isEmpty(), "fabric8 keeps unknown fields in additionalProperties");
        assertFalse(parsed.getSpec().getContainers().get(0).getAdditionalProperties().isEmpty());

        assertEquals(List.of(
                "/spec/containerz (key) Unknown field `containerz` in `t.spec` (a Kubernetes PodSpec).",
                "/spec/containers/0/imagee (key) Unknown field `imagee` in `t.spec.containers[0]` (a Kubernetes Container)."),
                check(text, PodTemplateSpec.class));
    }

    @Test
    void scalarsMustHaveTheirKubernetesType() {
        assertEquals(List.of(
                "/name `t.name` must be a string, not an integer.",
                "/ports/0/containerPort `t.ports[0].containerPort` must be an integer, not a string.",
                "/stdin `t.stdin` must be a boolean (true or false), not a string.",
                "/args `t.args` must be a list, not a string."),
                check("""
                        name: 1
                        ports: [{containerPort: "8080"}]
                        stdin: "true"
                        args: --verbose
                        """, Container.class));
    }

    @Test
    void intOrStringAndQuantitiesAcceptTheirForms() {
        assertEquals(List.of(), check("""
                httpGet: {port: http, path: /}
                tcpSocket: {port: 6123}
                """, Probe.class));
        assertEquals(List.of(), check("""
                name: x
                resources:
                  requests: {cpu: 0.5, memory: 1e9, ephemeral-storage: 10Gi, example.com/gpu: 1}
                  limits: {cpu: 500m, memory: 2G, hugepages-2Mi: 100Mi}
                """, Container.class));
        assertEquals(List.of(
                "/resources/requests/memory `t.resources.requests.memory` is not a Kubernetes quantity: `2 GiB`.",
                "/resources/limits/cpu `t.resources.limits.cpu` must be a quantity such as `2Gi` or `500m`, not a boolean."),
                check("""
                        name: x
                        resources:
                          requests: {memory: 2 GiB}
                          limits: {cpu: true}
                        """, Container.class));
    }

    @Test
    void anEmptyObjectIsValid() {
        assertEquals(List.of(), check("name: scratch\nemptyDir: {}\n", Volume.class));
    }
}
