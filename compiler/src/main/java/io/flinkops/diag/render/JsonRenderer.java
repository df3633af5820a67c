package io.flinkops.diag.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Diagnostic;

import java.io.UncheckedIOException;
import java.util.List;

/** The machine format of PRODUCT.md: {"diagnostics":[…], "summary":{"errors","warnings"}}. */
public final class JsonRenderer implements DiagnosticRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(List<Diagnostic> diagnostics, Context context) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("diagnostics");
        for (Diagnostic d : diagnostics) write(d, list.addObject());
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long suppressed = diagnostics.stream().filter(Diagnostic::isSuppressed).count();
        ObjectNode summary = root.putObject("summary");
        summary.put("errors", errors);
        summary.put("warnings", diagnostics.size() - errors - suppressed);
        if (suppressed > 0) summary.put("suppressed", suppressed);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One diagnostic as the JSON format writes it (PRODUCT.md's fields, in this order); other JSON reports reuse it. */
    public static void write(Diagnostic d, ObjectNode o) {
        o.put("severity", d.severity().label());
        o.put("code", d.code().id());
        o.put("file", d.file());
        o.put("line", d.line());
        o.put("column", d.column());
        o.put("path", d.pointer());
        o.put("message", d.message());
        o.put("hint", d.hint());
        if (d.isSuppressed()) {
            ObjectNode s = o.putObject("suppressed");
            s.put("kind", d.suppression().kind() == Diagnostic.Suppression.Kind.IN_SOURCE ? "inSource" : "external");
            s.put("reason", d.suppression().reason());
            if (d.suppression().at() != null) {
                s.put("file", d.suppression().at().file());
                s.put("line", d.suppression().at().line());
            }
        }
    }
}
