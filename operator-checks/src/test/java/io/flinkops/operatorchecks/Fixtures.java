package io.flinkops.operatorchecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flinkops.emit.ManifestYaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Hand-written FlinkDeployment / FlinkSessionJob objects shaped like flinkops' output (src/test/resources/fixtures). */
final class Fixtures {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Fixtures() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A failure message that shows the object (as flinkops writes it), what was mapped, and the verdict. */
    static String describe(String what, JsonNode emitted, OperatorAdmission.Verdict verdict) {
        StringBuilder b = new StringBuilder();
        b.append(what).append(" was rejected by the operator's admission validator:\n  ")
                .append(verdict.error().orElse("(admitted)")).append('\n');
        List<String> adjustments = verdict.adjustments();
        if (!adjustments.isEmpty()) {
            b.append("mapped for operator 1.7.0:\n");
            adjustments.forEach(a -> b.append("  - ").append(a).append('\n'));
        }
        b.append("object:\n").append(ManifestYaml.write(emitted));
        return b.toString();
    }
}
