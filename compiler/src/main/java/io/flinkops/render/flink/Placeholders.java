package io.flinkops.render.flink;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code {{ namespace }}}, {@code {{ deploymentName }}}, {@code {{ deploymentId }}} and {@code {{ jobId }}}
 * placeholders of Flink configuration values and artifact URIs (whitespace inside the braces allowed, as
 * validation accepts it). Other {@code {{ … }}} text is left alone; validation reports it (FO406).
 *
 * @param jobId the job id, or null when it is not known at render time
 */
record Placeholders(String namespace, String deploymentName, String deploymentId, String jobId) {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(namespace|deploymentName|deploymentId|jobId)\\s*}}");
    static final Pattern JOB_ID = Pattern.compile("\\{\\{\\s*jobId\\s*}}");

    static boolean usesJobId(String text) {
        return text != null && JOB_ID.matcher(text).find();
    }

    /** {@code text} with the placeholders filled in; a {@code {{ jobId }}} stays when the job id is unknown. */
    String fill(String text) {
        if (text == null || !text.contains("{{")) return text;
        return replace(text, name -> switch (name) {
            case "namespace" -> namespace;
            case "deploymentName" -> deploymentName;
            case "deploymentId" -> deploymentId;
            default -> jobId;
        });
    }

    private static String replace(String text, Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
