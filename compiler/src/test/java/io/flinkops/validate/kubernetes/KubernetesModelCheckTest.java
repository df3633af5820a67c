package io.flinkops.validate.kubernetes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import io.fabric8.kubernetes.api.model.IntOrString;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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

    /**
     * The walk reads each class's properties from its annotations instead of building Jackson's deserializer for the
     * whole object (start-up cost, docs/performance.md); both must know the same fields for every model class a pod
     * template, and the Kubernetes objects a resource may add, can reach.
     */
    @Test
    void theWalkKnowsTheFieldsJacksonsDeserializersKnowForEveryReachableClass() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Deque<JavaType> todo = new ArrayDeque<>();
        for (Class<?> root : List.of(PodTemplateSpec.class, io.fabric8.kubernetes.api.model.ConfigMap.class,
                io.fabric8.kubernetes.api.model.Service.class, io.fabric8.kubernetes.api.model.Secret.class,
                io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class)) {
            todo.add(mapper.constructType(root));
        }
        Set<JavaType> seen = new HashSet<>();
        int beans = 0;
        while (!todo.isEmpty()) {
            JavaType type = todo.pop();
            if (!seen.add(type)) continue;
            if (type.isContainerType()) {
                todo.push(type.getContentType());
                continue;
            }
            DefaultDeserializationContext ctx = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                    .createDummyInstance(mapper.getDeserializationConfig());
            JsonDeserializer<?> jackson = ctx.findRootValueDeserializer(type);
            Optional<Map<String, JavaType>> walk = KubernetesModelCheck.bean(type);
            boolean jacksonBean = jackson instanceof BeanDeserializerBase && type.getRawClass() != IntOrString.class;
            assertEquals(jacksonBean, walk.isPresent(), type.toString());
            if (!jacksonBean) continue;
            beans++;
            Map<String, JavaType> expected = new TreeMap<>();
            ((BeanDeserializerBase) jackson).properties().forEachRemaining(p -> expected.put(p.getName(), p.getType()));
            assertEquals(expected.keySet(), walk.get().keySet(), type.toString());
            expected.forEach((name, t) -> assertEquals(t.getRawClass(), walk.get().get(name).getRawClass(), type + "." + name));
            todo.addAll(expected.values());
        }
        assertTrue(beans > 100, "model classes compared: " + beans);
    }
}
