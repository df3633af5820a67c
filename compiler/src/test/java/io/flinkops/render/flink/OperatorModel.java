package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.RenderedObject;
import io.flinkops.testing.TestRepos;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.FlinkStateSnapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The operator's view of an emitted object: strict deserialization into its API model
 * ({@code flink-kubernetes-operator-api} 1.10.0; its classes ignore unknown fields, so the object is written back
 * and every rendered value must have survived) and validation against the
 * {@code openAPIV3Schema} of its 1.15.0 CRD (operator-crds/ at the top of the project), converted to a JSON Schema: the
 * {@code x-kubernetes-*} extensions become their JSON Schema meaning (int-or-string, preserve unknown fields),
 * {@code nullable} adds {@code null} to the type, and objects with listed properties reject other fields
 * (Kubernetes would prune them silently, which is no better).
 */
final class OperatorModel {
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    private static final Schema DEPLOYMENT_SCHEMA = schema("flinkdeployments.flink.apache.org-v1.yml");
    private static final Schema SESSION_JOB_SCHEMA = schema("flinksessionjobs.flink.apache.org-v1.yml");
    private static final Schema STATE_SNAPSHOT_SCHEMA = schema("flinkstatesnapshots.flink.apache.org-v1.yml");

    private OperatorModel() {
    }

    /** The problems of an operator object; empty when both checks pass. Other kinds are not looked at. */
    static List<String> problems(RenderedObject o) {
        List<String> out = new ArrayList<>();
        Class<?> model;
        Schema schema;
        if (o.kind().equals(FlinkResources.FLINK_DEPLOYMENT)) {
            model = FlinkDeployment.class;
            schema = DEPLOYMENT_SCHEMA;
        } else if (o.kind().equals(FlinkResources.FLINK_SESSION_JOB)) {
            model = FlinkSessionJob.class;
            schema = SESSION_JOB_SCHEMA;
        } else if (o.kind().equals(ObjectKind.FLINK_STATE_SNAPSHOT.kind())) {
            model = FlinkStateSnapshot.class;
            schema = STATE_SNAPSHOT_SCHEMA;
        } else {
            return out;
        }
        ObjectNode forModel = o.content().deepCopy();
        // The newest API jar on Maven Central (1.10.0) predates Flink 2 (its FlinkVersion enum ends at v1_20);
        // the 1.15.0 CRD below checks the real value.
        JsonNode version = forModel.path("spec").path("flinkVersion");
        if (version.isTextual() && version.asText().startsWith("v2_")) ((ObjectNode) forModel.get("spec")).put("flinkVersion", "v1_20");
        try {
            Object parsed = STRICT.treeToValue(forModel, model);
            // Written back, the model must hold everything that was rendered (nothing dropped on the way in).
            JsonNode back = STRICT.valueToTree(parsed);
            for (String path : missing(forModel, back, "")) out.add("model drops " + path);
        } catch (IOException e) {
            out.add("model: " + e.getMessage().lines().findFirst().orElse(""));
        }
        for (Error e : schema.validate(o.content())) out.add("CRD " + e.getInstanceLocation() + ": " + e.getMessage());
        return out;
    }

    /** Paths of {@code expected} whose value {@code actual} does not have. */
    private static List<String> missing(JsonNode expected, JsonNode actual, String path) {
        List<String> out = new ArrayList<>();
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode a = actual == null ? null : actual.get(e.getKey());
                if (a == null || a.isNull()) out.add(path + "/" + e.getKey());
                else out.addAll(missing(e.getValue(), a, path + "/" + e.getKey()));
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                JsonNode a = actual == null ? null : actual.get(i);
                if (a == null) out.add(path + "/" + i);
                else out.addAll(missing(expected.get(i), a, path + "/" + i));
            }
        } else if (expected.isNumber() && actual != null && actual.isNumber()) {
            if (expected.doubleValue() != actual.doubleValue()) out.add(path + " (" + expected + " became " + actual + ")");
        } else if (actual == null || !expected.asText().equals(actual.asText())) {
            out.add(path + " (" + expected + " became " + actual + ")");
        }
        return out;
    }

    private static Schema schema(String crdFile) {
        try {
            Path file = TestRepos.projectRoot().resolve("operator-crds").resolve(crdFile);
            JsonNode crd = new YAMLMapper().readTree(file.toFile());
            JsonNode openApi = crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
            ObjectNode jsonSchema = (ObjectNode) toJsonSchema(openApi);
            // Kubernetes adds the object's own fields to every CRD schema; the generated CRD lists only spec and status.
            ObjectNode props = (ObjectNode) jsonSchema.get("properties");
            props.putObject("apiVersion").put("type", "string");
            props.putObject("kind").put("type", "string");
            props.putObject("metadata").put("type", "object");
            jsonSchema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(jsonSchema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenAPI v3 schema of a CRD as a JSON Schema 2020-12. */
    static JsonNode toJsonSchema(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(toJsonSchema(n)));
            return out;
        }
        if (!node.isObject()) return node;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.startsWith("x-kubernetes-") || key.equals("nullable")) continue;
            if (key.equals("properties")) {
                ObjectNode props = out.putObject("properties");
                e.getValue().fields().forEachRemaining(p -> props.set(p.getKey(), toJsonSchema(p.getValue())));
            } else if (key.equals("items") || key.equals("additionalProperties") || key.equals("anyOf")
                    || key.equals("allOf") || key.equals("oneOf") || key.equals("not")) {
                out.set(key, toJsonSchema(e.getValue()));
            } else {
                out.set(key, e.getValue());
            }
        }
        if (node.path("x-kubernetes-int-or-string").asBoolean(false)) {
            out.remove("type");
            ArrayNode anyOf = out.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        if (node.path("nullable").asBoolean(false) && out.has("type") && out.get("type").isTextual()) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(out.get("type").asText()).add("null");
            out.set("type", types);
        }
        boolean preserve = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (out.has("properties") && !out.has("additionalProperties") && !preserve) out.put("additionalProperties", false);
        return out;
    }
}
