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
        long errors = 0;
        for (Diagnostic d : diagnostics) {
            if (d.isError()) errors++;
            write(d, list.addObject());
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("errors", errors);
        summary.put("warnings", diagnostics.size() - errors);
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
    }
}
