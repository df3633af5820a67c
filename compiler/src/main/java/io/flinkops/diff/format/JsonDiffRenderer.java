package io.flinkops.diff.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diff.DeploymentChange;
import io.flinkops.diff.DiffReport;

import java.io.UncheckedIOException;

/**
 * PRODUCT.md's machine format: {@code {"changes":[{"namespace","deployment","change","restart","upgradeMode",
 * "stateRisk","reasons":[…]}]}}, one entry per Deployment and SessionCluster, sorted by namespace and name. A
 * SessionCluster's entry has {@code upgradeMode: null} (it runs no job of its own) and its reasons say "session
 * cluster".
 */
public final class JsonDiffRenderer implements DiffRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(DiffReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("changes");
        for (DeploymentChange c : report.changes()) {
            ObjectNode o = list.addObject();
            o.put("namespace", c.namespace());
            o.put("deployment", c.deployment());
            o.put("change", c.change().id());
            o.put("restart", c.restart());
            if (c.upgradeMode() == null) o.putNull("upgradeMode");
            else o.put("upgradeMode", c.upgradeMode());
            o.put("stateRisk", c.stateRisk().id());
            ArrayNode reasons = o.putArray("reasons");
            c.reasons().forEach(reasons::add);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
