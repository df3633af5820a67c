package io.flinkops.diag.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Severity;

import java.io.UncheckedIOException;
import java.util.List;

/** SARIF 2.1.0 for code scanning: every code as a rule, every diagnostic as a result with its region. */
public final class SarifRenderer implements DiagnosticRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String RULES_URI = "https://github.com/flinkops/flinkops/blob/main/docs/rules.md";

    @Override
    public String render(List<Diagnostic> diagnostics, Context context) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "flinkops");
        driver.put("version", context.toolVersion());
        driver.put("informationUri", RULES_URI);
        ArrayNode rules = driver.putArray("rules");
        for (Code c : Code.values()) {
            ObjectNode r = rules.addObject();
            r.put("id", c.id());
            r.put("name", c.slug());
            r.putObject("shortDescription").put("text", c.title());
            r.putObject("fullDescription").put("text", c.checks());
            r.putObject("help").put("text", c.fix());
            r.put("helpUri", RULES_URI + "#" + c.id().toLowerCase(java.util.Locale.ROOT));
            r.putObject("defaultConfiguration").put("level", level(c.severity()));
        }
        ArrayNode results = run.putArray("results");
        for (Diagnostic d : diagnostics) {
            ObjectNode r = results.addObject();
            r.put("ruleId", d.code().id());
            r.put("ruleIndex", d.code().ordinal());
            r.put("level", level(d.severity()));
            r.putObject("message").put("text", d.message() + (d.hint().isEmpty() ? "" : " " + d.hint()));
            ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
            ObjectNode artifact = physical.putObject("artifactLocation");
            artifact.put("uri", relativeUri(context.path(d.file())));
            artifact.put("uriBaseId", "%SRCROOT%");
            if (d.line() > 0) {
                ObjectNode region = physical.putObject("region");
                region.put("startLine", d.line());
                region.put("startColumn", d.column());
            }
            if (!d.pointer().isEmpty()) {
                r.putObject("properties").put("jsonPointer", d.pointer());
            }
            if (d.isSuppressed()) {
                // SARIF 2.1.0 §3.34: a suppressed result stays in the log, with how and why.
                ObjectNode s = r.putArray("suppressions").addObject();
                s.put("kind", d.suppression().kind() == io.flinkops.diag.Diagnostic.Suppression.Kind.IN_SOURCE ? "inSource" : "external");
                s.put("justification", d.suppression().reason());
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String level(Severity s) {
        return s == Severity.ERROR ? "error" : "warning";
    }

    /**
     * A repo-relative path as the relative URI reference SARIF requires (§3.10): every byte outside RFC 3986's
     * unreserved characters and the path's own separators percent-encoded, so `my job.yaml` is `my%20job.yaml` and a
     * file named `50%.yaml` stays itself, not a broken escape.
     */
    static String relativeUri(String path) {
        StringBuilder sb = new StringBuilder(path.length());
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (keep) sb.append((char) c);
            else sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
        return sb.toString();
    }
}
