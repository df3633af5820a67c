package io.flinkops.suppress;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import io.flinkops.diag.Severity;
import io.flinkops.model.RepositorySpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.source.SourceTree;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last stage before rendering: applies the repo's decisions about findings, as linters do. A warning named by a
 * {@code # flinkops:ignore CODE -- reason} comment on its line (or alone on the line above) is marked suppressed; so
 * is every warning of a rule that flinkops.yaml turns {@code off}; a rule set to {@code error} makes its warnings
 * errors. Suppressed findings stay in the result (JSON and SARIF report them as suppressed) and never count. Errors
 * cannot be suppressed or lowered, and a suppression without a reason or with an unknown code is itself an error
 * (FO019), so that nothing is hidden by accident.
 */
public final class Suppressions {
    private static final int MAX_FILE_BYTES = 16 << 20;

    private Suppressions() {
    }

    /**
     * @param repository flinkops.yaml, when it was read: its {@code spec.rules}
     */
    public static Diagnostics apply(Diagnostics found, SourceTree source, Optional<Resolved<RepositorySpec>> repository) {
        Map<String, RepositorySpec.RuleSetting> rules = repository.map(r -> r.spec().rulesOrEmpty()).orElse(Map.of());
        Diagnostics out = new Diagnostics();
        Map<String, Location> ruleAt = new HashMap<>();
        repository.ifPresent(r -> rules.keySet().forEach(code -> ruleAt.put(code, r.locateKey(RepositorySpec.RULES.child(code)))));
        checkRuleSettings(rules, ruleAt, out);

        Lines lines = new Lines(source);
        Set<String> reported = new LinkedHashSet<>();
        for (Diagnostic d : found.sorted()) {
            Diagnostic result = d;
            RepositorySpec.RuleSetting setting = rules.get(d.code().id());
            if (setting != null && valid(d.code(), setting) && !d.isError()) {
                if ("off".equals(setting.severity())) {
                    result = d.withSuppression(new Diagnostic.Suppression(Diagnostic.Suppression.Kind.EXTERNAL, setting.reason(), ruleAt.get(d.code().id())));
                } else if ("error".equals(setting.severity())) {
                    result = d.withSeverity(Severity.ERROR);
                }
            }
            if (!result.isSuppressed() && d.line() > 0) {
                Optional<Located> comment = comment(lines, d);
                if (comment.isPresent()) result = applyComment(result, comment.get(), out, reported);
            }
            out.add(result);
        }
        return out;
    }

    /** A comment and where it is. */
    private record Located(IgnoreComment comment, Location at) {
    }

    /** The ignore comment at the end of the finding's line, or alone on the line above it. */
    private static Optional<Located> comment(Lines lines, Diagnostic d) {
        Optional<IgnoreComment> same = IgnoreComment.find(lines.line(d.file(), d.line()));
        if (same.isPresent()) return same.map(c -> new Located(c, new Location(d.file(), d.line(), c.column())));
        return IgnoreComment.find(lines.line(d.file(), d.line() - 1)).filter(IgnoreComment::ownLine)
                .map(c -> new Located(c, new Location(d.file(), d.line() - 1, c.column())));
    }

    private static Diagnostic applyComment(Diagnostic d, Located located, Diagnostics out, Set<String> reported) {
        IgnoreComment c = located.comment();
        if (!c.codes().contains(d.code().id())) return d;
        String key = located.at() + "|" + d.code().id();
        if (c.reason().isEmpty()) {
            if (reported.add(key)) {
                out.report(Code.INVALID_SUPPRESSION, located.at(), "", "The suppression of " + d.code().id() + " gives no reason, so it is not applied.",
                        "Say why after ` -- `: `# flinkops:ignore " + d.code().id() + " -- <why this is fine here>`.");
            }
            return d;
        }
        for (String code : c.codes()) {
            if (Code.byId(code).isEmpty() && reported.add(located.at() + "|" + code)) {
                out.report(Code.INVALID_SUPPRESSION, located.at(), "", "`" + code + "` is not a flinkops rule code.",
                        "Name the code of the finding, as `flinkops validate` prints it (docs/rules.md lists them).");
            }
        }
        if (d.isError()) {
            if (reported.add(key)) {
                out.report(Code.INVALID_SUPPRESSION, located.at(), "", d.code().id() + " is an error here, and errors cannot be suppressed.",
                        "Fix the problem: an error means the rendered objects would be wrong, refused by the operator, or cross a fence.");
            }
            return d;
        }
        return d.withSuppression(new Diagnostic.Suppression(Diagnostic.Suppression.Kind.IN_SOURCE, c.reason(), located.at()));
    }

    private static void checkRuleSettings(Map<String, RepositorySpec.RuleSetting> rules, Map<String, Location> at, Diagnostics out) {
        rules.forEach((id, setting) -> {
            Optional<Code> code = Code.byId(id);
            String pointer = RepositorySpec.RULES.child(id).pointer();
            if (code.isEmpty()) {
                out.report(Code.INVALID_SUPPRESSION, at.get(id), pointer, "`" + id + "` is not a flinkops rule code.",
                        "Name a code that `flinkops validate` reports (docs/rules.md lists them).");
            } else if (!valid(code.get(), setting)) {
                out.report(Code.INVALID_SUPPRESSION, at.get(id), pointer, id + " is an error, which cannot be set to `" + setting.severity() + "`.",
                        "Remove the setting and fix the findings: an error means the rendered objects would be wrong, refused by the operator, or cross a fence.");
            }
        });
    }

    /** Errors can only stay errors. */
    private static boolean valid(Code code, RepositorySpec.RuleSetting setting) {
        return code.severity() != Severity.ERROR || "error".equals(setting.severity());
    }

    /** The files' lines, read once per file and only for files with findings. */
    private static final class Lines {
        private final SourceTree source;
        private final Map<String, List<String>> files = new HashMap<>();

        Lines(SourceTree source) {
            this.source = source;
        }

        String line(String file, int line) {
            if (line < 1) return null;
            List<String> all = files.computeIfAbsent(file, f -> source.read(f, MAX_FILE_BYTES) instanceof SourceTree.Bytes b
                    ? new String(b.bytes(), StandardCharsets.UTF_8).lines().toList() : List.of());
            return line <= all.size() ? all.get(line - 1) : null;
        }
    }
}
