package io.flinkops.explain;

import io.flinkops.diag.render.Palette;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Location;
import io.flinkops.model.DocumentFields;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.resolve.Resolved;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;
import io.flinkops.yaml.YSeq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shows a Deployment's effective spec with the file and line every value came from. */
public final class Explainer {
    private static final int COMMENT_COLUMN = 56;

    /** One effective value and where it was written. */
    public record Field(FieldPath path, String value, Location source) {
    }

    private Explainer() {
    }

    /** Every leaf of the effective spec (scalars, and sequences as a whole), in document order. */
    public static List<Field> fields(Resolved<?> resolved) {
        List<Field> out = new ArrayList<>();
        YNode spec = resolved.effective().get("spec");
        if (spec != null) collect(spec, DocumentFields.SPEC, out);
        return out;
    }

    private static void collect(YNode node, FieldPath path, List<Field> out) {
        if (node instanceof YMap m) {
            m.entries().forEach((k, e) -> collect(e.value(), path.child(k), out));
        } else if (node instanceof YSeq s) {
            for (int i = 0; i < s.items().size(); i++) collect(s.items().get(i), path.index(i), out);
        } else {
            out.add(new Field(path, ((YScalar) node).text(), node.location()));
        }
    }

    /** YAML of the effective spec, each line commented with its source, then what the plan makes of it. */
    public static String text(ResourcePlan plan, String sourceLabel) {
        return text(plan, sourceLabel, Palette.NONE);
    }

    /** As {@link #text(ResourcePlan, String)}, the sources coloured with {@code palette} (a terminal). */
    public static String text(ResourcePlan plan, String sourceLabel, Palette palette) {
        StringBuilder out = new StringBuilder(text(plan.source(), sourceLabel, palette));
        PlanSummary.lines(plan).forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** YAML of the effective spec, each line commented with its source. */
    public static String text(Resolved<?> resolved, String sourceLabel) {
        return text(resolved, sourceLabel, Palette.NONE);
    }

    /** As {@link #text(Resolved, String)}, the sources coloured with {@code palette} (a terminal). */
    public static String text(Resolved<?> resolved, String sourceLabel, Palette palette) {
        StringBuilder out = new StringBuilder();
        out.append(palette.bold("# " + resolved.namespace() + '/' + resolved.name() + ": effective spec (" + sourceLabel + ")")).append('\n');
        out.append(palette.frame("# each value is followed by the file and line it comes from")).append('\n');
        YNode spec = resolved.effective().get("spec");
        out.append("spec:");
        if (spec instanceof YMap m && !m.entries().isEmpty()) {
            out.append('\n');
            new Writer(palette).mapping(m, 1, out);
        } else {
            out.append(" {}\n");
        }
        return out.toString();
    }

    /** Writes the YAML lines; the palette colours each line's source comment. */
    private record Writer(Palette palette) {

        private void mapping(YMap map, int depth, StringBuilder out) {
            String indent = "  ".repeat(depth);
            map.entries().forEach((k, e) -> {
                YNode v = e.value();
                String key = indent + quoteKey(k) + ":";
                if (v instanceof YScalar s) {
                    line(out, key + " " + scalar(s), s.location());
                } else if (v instanceof YMap m) {
                    if (m.entries().isEmpty()) {
                        line(out, key + " {}", e.keyLocation());
                    } else {
                        line(out, key, e.keyLocation());
                        mapping(m, depth + 1, out);
                    }
                } else if (v instanceof YSeq s) {
                    if (s.items().isEmpty()) {
                        line(out, key + " []", e.keyLocation());
                    } else {
                        line(out, key, e.keyLocation());
                        sequence(s, depth + 1, out);
                    }
                }
            });
        }

        private void sequence(YSeq seq, int depth, StringBuilder out) {
            String indent = "  ".repeat(depth);
            for (YNode item : seq.items()) {
                if (item instanceof YScalar s) {
                    line(out, indent + "- " + scalar(s), s.location());
                } else if (item instanceof YMap m && !m.entries().isEmpty()) {
                    // The first entry shares the dash line.
                    StringBuilder nested = new StringBuilder();
                    mapping(m, depth + 1, nested);
                    String text = nested.toString();
                    out.append(indent).append("- ").append(text.substring(indent.length() + 2));
                } else if (item instanceof YSeq s) {
                    line(out, indent + "-", s.location());
                    sequence(s, depth + 1, out);
                } else {
                    line(out, indent + "- {}", item.location());
                }
            }
        }

        private void line(StringBuilder out, String content, Location source) {
            out.append(content);
            out.append(" ".repeat(Math.max(1, COMMENT_COLUMN - content.length())));
            out.append(palette.location("# " + source)).append('\n');
        }
    }

    private static String quoteKey(String k) {
        return k.isEmpty() || !k.matches("[A-Za-z0-9_.\\-/]+") ? "\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : k;
    }

    private static String scalar(YScalar s) {
        String t = s.text();
        if (s.type() != YScalar.Type.STRING) return t.isEmpty() ? "null" : t;
        if (t.contains("\n")) {
            return "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        boolean plainSafe = !t.isEmpty() && t.matches("[A-Za-z0-9_./:@${}\\-][A-Za-z0-9_./:@${} \\-=,()]*")
                && !t.matches("(?i)true|false|yes|no|on|off|null|~|[-+]?[0-9.]+([eE][-+]?[0-9]+)?") && !t.endsWith(" ") && !t.contains(": ");
        return plainSafe ? t : "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The same as JSON, with what the plan makes of it under {@code "becomes"}. */
    public static String json(ResourcePlan plan) {
        return json(plan.source(), Optional.of(plan));
    }

    /** The same as JSON: {"deployment":…, "fields":[{"path","value","file","line","column"}]}. */
    public static String json(Resolved<?> resolved) {
        return json(resolved, Optional.empty());
    }

    private static String json(Resolved<?> resolved, Optional<ResourcePlan> plan) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("namespace", resolved.namespace());
        root.put("deployment", resolved.name());
        ArrayNode list = root.putArray("fields");
        for (Field f : fields(resolved)) {
            ObjectNode o = list.addObject();
            o.put("path", f.path().pointer());
            o.put("value", f.value());
            o.put("file", f.source().file());
            o.put("line", f.source().line());
            o.put("column", f.source().column());
        }
        plan.ifPresent(p -> root.set("becomes", PlanSummary.json(p)));
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
