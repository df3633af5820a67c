package io.flinkops.diag.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.diag.Diagnostic;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A GitLab Code Quality report (the subset of the Code Climate format that GitLab reads, for
 * {@code artifacts:reports:codequality}): the merge request shows the problems, new and fixed ones apart.
 * Paths are from the Git root. The fingerprint, by which GitLab tells a problem in two pipelines apart, leaves
 * out the line, so that a problem stays the same one when lines above it move; identical problems in one
 * file (in two documents, say) get the line added.
 */
public final class GitlabRenderer implements DiagnosticRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(List<Diagnostic> all, Context context) {
        // Code Quality has no notion of a suppressed finding: they are left out, as the other CI formats do.
        List<Diagnostic> diagnostics = all.stream().filter(d -> !d.isSuppressed()).toList();
        Map<String, Integer> seen = new HashMap<>();
        for (Diagnostic d : diagnostics) seen.merge(identity(d, context), 1, Integer::sum);
        Set<String> fingerprints = new HashSet<>();
        ArrayNode list = MAPPER.createArrayNode();
        for (Diagnostic d : diagnostics) {
            String identity = identity(d, context);
            if (seen.get(identity) > 1) identity += "\0" + d.line() + "\0" + d.column();
            String fingerprint = sha256(identity);
            if (!fingerprints.add(fingerprint)) continue; // cannot happen: diagnostics are unique by place and message
            ObjectNode o = list.addObject();
            o.put("description", d.code().id() + ": " + d.message() + (d.hint().isEmpty() ? "" : " " + d.hint()));
            o.put("check_name", d.code().id() + " " + d.code().slug());
            o.put("fingerprint", fingerprint);
            o.put("severity", d.isError() ? "major" : "minor");
            ObjectNode location = o.putObject("location");
            location.put("path", context.path(d.file()));
            location.putObject("lines").put("begin", Math.max(1, d.line()));
        }
        try {
            return MAPPER.writeValueAsString(list) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String identity(Diagnostic d, Context context) {
        return d.code().id() + "\0" + context.path(d.file()) + "\0" + d.pointer() + "\0" + d.message();
    }

    private static String sha256(String s) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
