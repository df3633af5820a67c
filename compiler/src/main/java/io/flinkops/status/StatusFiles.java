package io.flinkops.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The status branch's file layout and its YAML: deterministic (keys sorted, nulls left out, no document marker),
 * so the same status always gives the same bytes and an unchanged status makes no commit.
 */
public final class StatusFiles {
    public static final String DEFAULT_BRANCH = "flinkops/status";
    public static final String ROOT = "status";
    public static final String AGENTS = ROOT + "/agents";

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private StatusFiles() {
    }

    public static String deploymentPath(String namespace, String deployment) {
        return ROOT + "/" + namespace + "/" + deployment + ".yaml";
    }

    public static String agentPath(String cluster) {
        return AGENTS + "/" + cluster + ".yaml";
    }

    public static boolean isAgentPath(String path) {
        return path.startsWith(AGENTS + "/") && path.endsWith(".yaml");
    }

    /** {@code status/<namespace>/<deployment>.yaml} (not an agent file). */
    public static boolean isDeploymentPath(String path) {
        if (!path.startsWith(ROOT + "/") || !path.endsWith(".yaml") || isAgentPath(path)) return false;
        return path.substring(ROOT.length() + 1).split("/").length == 2;
    }

    public static byte[] toYaml(Object status) {
        try {
            return YAML.writeValueAsString(status).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toJson(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DeploymentStatus readDeployment(byte[] yaml) throws IOException {
        return YAML.readValue(yaml, DeploymentStatus.class);
    }

    public static AgentStatus readAgent(byte[] yaml) throws IOException {
        return YAML.readValue(yaml, AgentStatus.class);
    }
}
