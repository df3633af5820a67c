package io.flinkops.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.ImageReference;
import io.flinkops.plan.ShellWords;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The small parts of the mapping: arguments, images, the operator's pod template merge, VVP's {@code pods}. */
class ImportPartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void argumentsSurviveQuotingAndSplitting() throws Exception {
        List<List<String>> cases = List.of(List.of("--topic", "orders"), List.of(""), List.of("a b", "it's", "$HOME", "\\n", "#x", "\"q\""),
                List.of("--maxLoadPerTask \"1;2;4\\n16;8\" --repeatsAfterMinutes \"60\""));
        for (List<String> args : cases) assertEquals(args, ShellWords.split(ShellQuoting.join(args)));
        Random random = new Random(11);
        String alphabet = "ab '\"\\$#;*~\n\t-=/";
        for (int i = 0; i < 500; i++) {
            List<String> args = new java.util.ArrayList<>();
            for (int n = random.nextInt(4) + 1; n > 0; n--) {
                StringBuilder s = new StringBuilder();
                for (int k = random.nextInt(6); k > 0; k--) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                args.add(s.toString());
            }
            assertEquals(args, ShellWords.split(ShellQuoting.join(args)), args.toString());
        }
        assertEquals("--topic card-auth --window '5 min'", ShellQuoting.join(List.of("--topic", "card-auth", "--window", "5 min")));
    }

    @Test
    void imagesSplitIntoVvpFields() {
        assertEquals(new ImageReference(null, "flink", "2.2", null), ImageReference.parse("flink:2.2"));
        assertEquals(new ImageReference("registry.acme.io", "flink/flink", "1.20.1-acme.3", null), ImageReference.parse("registry.acme.io/flink/flink:1.20.1-acme.3"));
        assertEquals(new ImageReference("localhost:5000", "flink", null, null), ImageReference.parse("localhost:5000/flink"));
        assertEquals("latest", ImageReference.parse("localhost:5000/flink").flinkImageTag());
        String digest = "sha256:" + "a".repeat(64);
        assertEquals(new ImageReference("ghcr.io", "acme/flink", "1.20", digest), ImageReference.parse("ghcr.io/acme/flink:1.20@" + digest));
        assertEquals(digest, ImageReference.parse("ghcr.io/acme/flink:1.20@" + digest).flinkImageTag());
        assertEquals("docker.io/library/flink:latest", ImageReference.canonical("flink"));
        assertEquals(ImageReference.canonical("docker.io/library/flink:2.2"), ImageReference.canonical("flink:2.2"));
    }

    @Test
    void podTemplatesMergeAsTheOperatorMergesThem() throws Exception {
        ObjectNode common = (ObjectNode) JSON.readTree("""
                {"spec": {"containers": [{"name": "flink-main-container", "env": [{"name": "A", "value": "1"}]}, {"name": "sidecar", "image": "s"}],
                          "nodeSelector": {"pool": "flink"}}}""");
        ObjectNode role = (ObjectNode) JSON.readTree("""
                {"spec": {"containers": [{"name": "sidecar", "image": "t"}], "initContainers": [{"name": "init", "image": "i"}]}}""");
        // Positional (the default): the role's first container is merged into the common template's first one.
        assertEquals(JSON.readTree("""
                {"spec": {"containers": [{"name": "sidecar", "env": [{"name": "A", "value": "1"}], "image": "t"}, {"name": "sidecar", "image": "s"}],
                          "nodeSelector": {"pool": "flink"}, "initContainers": [{"name": "init", "image": "i"}]}}"""), PodTemplateMerge.merge(common, role, false));
        // By name: the sidecar is merged into the sidecar.
        assertEquals(JSON.readTree("""
                {"spec": {"containers": [{"name": "flink-main-container", "env": [{"name": "A", "value": "1"}]}, {"name": "sidecar", "image": "t"}],
                          "nodeSelector": {"pool": "flink"}, "initContainers": [{"name": "init", "image": "i"}]}}"""), PodTemplateMerge.merge(common, role, true));
        assertEquals(common, PodTemplateMerge.merge(common, null, false));
    }

    @Test
    void podsOnlyWhenTheyRenderTheSameTemplate() throws Exception {
        ObjectNode expressible = (ObjectNode) JSON.readTree("""
                {"metadata": {"annotations": {"a": "b"}},
                 "spec": {"nodeSelector": {"pool": "flink"}, "containers": [{"name": "flink-main-container", "env": [{"name": "TZ", "value": "UTC"}],
                          "volumeMounts": [{"name": "data", "mountPath": "/data"}]}], "volumes": [{"name": "data", "emptyDir": {}}]}}""");
        assertEquals(JSON.readTree("""
                {"annotations": {"a": "b"}, "nodeSelector": {"pool": "flink"}, "envVars": [{"name": "TZ", "value": "UTC"}],
                 "volumeMounts": [{"name": "data", "volume": {"name": "data", "emptyDir": {}}, "volumeMount": {"name": "data", "mountPath": "/data"}}]}"""),
                PodsForm.of(expressible));
        for (String template : List.of(
                "{\"spec\": {\"containers\": [{\"name\": \"flink-main-container\"}]}}",
                "{\"spec\": {\"containers\": [{\"name\": \"flink-main-container\", \"env\": [{\"name\": \"A\", \"value\": \"1\"}]}, {\"name\": \"sidecar\", \"image\": \"s\"}]}}",
                "{\"spec\": {\"volumes\": [{\"name\": \"data\", \"emptyDir\": {}}]}}",
                "{\"spec\": {\"serviceAccountName\": \"x\"}}",
                "{\"spec\": {\"containers\": [{\"name\": \"flink-main-container\", \"volumeMounts\": [{\"name\": \"a\", \"mountPath\": \"/a\"}, {\"name\": \"b\", \"mountPath\": \"/b\"}]}],"
                        + " \"volumes\": [{\"name\": \"b\", \"emptyDir\": {}}, {\"name\": \"a\", \"emptyDir\": {}}]}}")) {
            assertNull(PodsForm.of((ObjectNode) JSON.readTree(template)), template);
        }
    }
}
