package io.flinkops.plan;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{ namespace }}}, {@code {{ deploymentName }}}, {@code {{ deploymentId }}} and {@code {{ jobId }}}
 * placeholders of Flink configuration values and artifact URIs (whitespace inside the braces allowed), with the
 * values one Deployment or SessionCluster fills them with. Other {@code {{ … }}} text is left alone; validation
 * reports it (FO406).
 *
 * @param jobId the job id, or null when it is not known at render time
 */
public record Placeholders(String namespace, String deploymentName, String deploymentId, String jobId) {
    /** The placeholder names flinkops fills in (docs/config-reference.md, "Secrets and placeholders"). */
    public static final List<String> NAMES = List.of("namespace", "deploymentName", "deploymentId", "jobId");
    /** Any {@code {{ … }}}; group 1 is what is between the braces. */
    public static final Pattern ANY = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern KNOWN = Pattern.compile("\\{\\{\\s*(" + String.join("|", NAMES) + ")\\s*}}");
    private static final Pattern JOB_ID = Pattern.compile("\\{\\{\\s*jobId\\s*}}");

    public static boolean usesJobId(String text) {
        return text != null && JOB_ID.matcher(text).find();
    }

    /** {@code text} with the placeholders filled in; a {@code {{ jobId }}} stays when the job id is unknown. */
    public String fill(String text) {
        if (text == null || !text.contains("{{")) return text;
        return replace(text, name -> switch (name) {
            case "namespace" -> namespace;
            case "deploymentName" -> deploymentName;
            case "deploymentId" -> deploymentId;
            default -> jobId;
        });
    }

    private static String replace(String text, Function<String, String> values) {
        Matcher m = KNOWN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
