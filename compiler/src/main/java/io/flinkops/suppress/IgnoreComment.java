package io.flinkops.suppress;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code # flinkops:ignore FO402[, FO408] -- reason} comment: at the end of the line of a finding, or alone on the
 * line above it.
 *
 * @param codes  the codes it names, as written
 * @param reason what follows {@code --}, trimmed; empty when there is none
 * @param column where the comment starts (1-based)
 * @param ownLine whether the comment is alone on its line (it then applies to the next line)
 */
record IgnoreComment(List<String> codes, String reason, int column, boolean ownLine) {
    static final String MARKER = "flinkops:ignore";
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#\\s*" + MARKER + "\\b(.*)$");
    private static final Pattern BODY = Pattern.compile("\\s*([A-Za-z0-9]+(?:\\s*,\\s*[A-Za-z0-9]+)*)?\\s*(?:--(.*))?");

    /** The comment on {@code line}, if it has one. */
    static Optional<IgnoreComment> find(String line) {
        if (line == null || !line.contains(MARKER)) return Optional.empty();
        Matcher m = COMMENT.matcher(line);
        if (!m.find()) return Optional.empty();
        int hash = line.indexOf('#', m.start());
        Matcher body = BODY.matcher(m.group(2));
        List<String> codes = List.of();
        String reason = "";
        if (body.matches()) {
            if (body.group(1) != null) codes = Arrays.stream(body.group(1).split(",")).map(String::strip).toList();
            if (body.group(2) != null) reason = body.group(2).strip();
        }
        return Optional.of(new IgnoreComment(codes, reason, hash + 1, line.substring(0, hash).isBlank()));
    }
}
