package io.flinkops.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.render.JsonRenderer;
import io.flinkops.diag.Phrases;

import java.io.UncheckedIOException;
import java.util.List;

/** A {@link MigrationReport} as text (for people) or JSON (for tools). */
public final class MigrationRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MigrationRenderer() {
    }

    public static String text(MigrationReport r) {
        StringBuilder out = new StringBuilder();
        String all = "every Deployment and SessionCluster (" + r.checked() + ")";
        if (r.resources().isEmpty() && r.elsewhere().isEmpty()) {
            out.append("Flink ").append(r.flinkVersion()).append(" for ").append(all).append(": nothing would break.\n");
        } else {
            long errors = r.problems().errorCount();
            long warnings = r.problems().warningCount();
            out.append("Flink ").append(r.flinkVersion()).append(" for ").append(all).append(": ")
                    .append(Phrases.plural(errors, "error")).append(" and ").append(Phrases.plural(warnings, "warning"))
                    .append(", in ").append(r.resources().size()).append(r.resources().size() == 1 ? " resource" : " resources")
                    .append(".\n");
            for (MigrationReport.Resource res : r.resources()) {
                out.append('\n').append(res.kind()).append(' ').append(res.namespace()).append('/').append(res.name())
                        .append(" (Flink ").append(res.currentVersion() == null ? "not set" : res.currentVersion())
                        .append(" → ").append(r.flinkVersion()).append("): ")
                        .append(Phrases.plural(res.errors(), "error")).append(", ").append(Phrases.plural(res.warnings(), "warning")).append('\n');
                problems(out, res.problems());
            }
            if (!r.elsewhere().isEmpty()) {
                out.append("\nNot read by any Deployment or SessionCluster:\n");
                problems(out, r.elsewhere());
            }
        }
        if (r.currentErrors() + r.currentWarnings() > 0) {
            out.append("\nWith the Flink versions written, the repo already has ").append(Phrases.plural(r.currentErrors(), "error"))
                    .append(" and ").append(Phrases.plural(r.currentWarnings(), "warning"))
                    .append(" (`flinkops validate` lists them); they are left out here.\n");
        }
        return out.toString();
    }

    private static void problems(StringBuilder out, List<Diagnostic> problems) {
        for (Diagnostic d : problems) {
            out.append("  ").append(d.severity().label()).append('[').append(d.code().id()).append("] ").append(d.location())
                    .append(": ").append(d.message()).append('\n');
            if (!d.hint().isEmpty()) out.append("      hint: ").append(d.hint()).append('\n');
        }
    }

    public static String json(MigrationReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("flinkVersion", r.flinkVersion());
        ArrayNode resources = root.putArray("resources");
        for (MigrationReport.Resource res : r.resources()) {
            ObjectNode o = resources.addObject();
            o.put("namespace", res.namespace());
            o.put("kind", res.kind());
            o.put("name", res.name());
            if (res.currentVersion() == null) o.putNull("currentFlinkVersion");
            else o.put("currentFlinkVersion", res.currentVersion());
            diagnostics(o.putArray("diagnostics"), res.problems());
        }
        diagnostics(root.putArray("elsewhere"), r.elsewhere());
        ObjectNode summary = root.putObject("summary");
        summary.put("checked", r.checked());
        summary.put("affected", r.resources().size());
        summary.put("errors", r.problems().errorCount());
        summary.put("warnings", r.problems().warningCount());
        summary.put("currentErrors", r.currentErrors());
        summary.put("currentWarnings", r.currentWarnings());
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields of the diagnostics of {@code flinkops validate --format json}. */
    private static void diagnostics(ArrayNode list, List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) JsonRenderer.write(d, list.addObject());
    }
}
