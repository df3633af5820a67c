package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.flinkconfig.ConfigBlock;
import io.flinkops.flinkconfig.ConfigValues;
import io.flinkops.flinkconfig.FlinkOption;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.flinkconfig.UriCredentials;
import io.flinkops.model.Artifact;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * FO606–FO608: every artifact URI of a Deployment (application and session mode) parses, has a scheme the policy
 * allows and carries no credentials. The Repository's {@code sqlRunner.jarUri} is a URI that runs too and is checked
 * alike.
 *
 * <p>{@code ${NAME}} references (resolved at run time) and {@code {{ name }}} placeholders inside a URI are
 * allowed: they are read as opaque text, and a URI that starts with one is not checked for its scheme.
 */
public final class ArtifactUriRules implements Rule {
    /** Object-store schemes whose URIs name a bucket (or container@account) in the authority. */
    private static final Set<String> NEEDS_AUTHORITY = Set.of("s3", "s3a", "s3n", "s3p", "gs", "oss", "wasb", "wasbs", "abfs", "abfss");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.URI_SCHEME_NOT_ALLOWED, Code.CREDENTIALS_IN_URI, Code.INVALID_URI);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        RepositorySpec settings = repo.settings();
        repo.repository().filter(Resolved::isTyped).ifPresent(r -> {
            RepositorySpec.SqlRunner runner = r.spec().sqlRunner();
            if (runner != null && runner.jarUri() != null) {
                checkUri(context, r, RepositorySpec.SQL_RUNNER_JAR_URI, "sqlRunner.jarUri", runner.jarUri(), settings);
            }
            if (runner != null && runner.sessionJobJarUri() != null) {
                checkUri(context, r, RepositorySpec.SQL_RUNNER_SESSION_JOB_JAR_URI, "sqlRunner.sessionJobJarUri", runner.sessionJobJarUri(), settings);
            }
        });
        repo.deployments().filter(Resolved::isTyped).forEach(d -> {
            Artifact a = d.spec().templateSpec().artifact();
            if (a == null) return;
            FieldPath base = DeploymentSpec.ARTIFACT;
            if (a.jarUri() != null) checkUri(context, d, base.child("jarUri"), "jarUri", a.jarUri(), settings);
            checkUris(context, d, base, "additionalDependencies", a.additionalDependencies(), settings);
            if (a.pythonArtifactUri() != null) checkUri(context, d, base.child("pythonArtifactUri"), "pythonArtifactUri", a.pythonArtifactUri(), settings);
            checkUris(context, d, base, "additionalPythonArchives", a.additionalPythonArchives(), settings);
            checkUris(context, d, base, "additionalPythonLibraries", a.additionalPythonLibraries(), settings);
        });
        // Flink options that load code from URIs: the same policy, or they would be a way around it.
        for (ConfigBlock block : ConfigBlock.of(repo)) {
            for (LocatedSetting s : block.configuration().settings()) {
                if (CODE_OPTIONS.stream().noneMatch(o -> o.names().contains(s.key()))) continue;
                for (String uri : s.value().split(";")) {
                    // Credentials in a Flink value are FO405's (LiteralSecretRules), so only the scheme is checked here.
                    if (!uri.isBlank()) checkUri(context, s.owner(), s.pointer(), s.key(), uri.trim(), settings, false);
                }
            }
        }
    }

    /** Flink options whose values are URIs of code the job loads. */
    private static final List<FlinkOption> CODE_OPTIONS = List.of(FlinkOptions.PIPELINE_CLASSPATHS, FlinkOptions.PIPELINE_JARS,
            FlinkOptions.ARTIFACT_LIST);

    // FO606, FO607, FO608

    private static void checkUris(RuleContext context, Resolved<?> r, FieldPath base, String field, List<String> uris, RepositorySpec settings) {
        if (uris == null) return;
        for (int i = 0; i < uris.size(); i++) {
            if (uris.get(i) == null) continue;
            checkUri(context, r, base.child(field).index(i), field + "[" + i + "]", uris.get(i), settings);
        }
    }

    static void checkUri(RuleContext context, Resolved<?> r, FieldPath pointer, String field, String value, RepositorySpec settings) {
        checkUri(context, r, pointer, field, value, settings, true);
    }

    /** @param credentials whether to report credentials in the URI too (FO607) */
    private static void checkUri(RuleContext context, Resolved<?> r, FieldPath pointer, String field, String value, RepositorySpec settings,
                                 boolean credentials) {
        if (value.isBlank()) {
            context.report(Code.INVALID_URI, r, pointer, "`" + field + "` is blank.", "Write the artifact's URI, e.g. `s3://bucket/job.jar`.");
            return;
        }
        Masked masked = mask(value);
        if (masked.wholeReference()) return;
        URI uri;
        try {
            uri = new URI(masked.text());
        } catch (URISyntaxException e) {
            String reason = e.getReason();
            reason = reason.isEmpty() ? reason : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
            context.report(Code.INVALID_URI, r, pointer,
                    "`" + field + "` `" + value + "` is not a valid URI (" + reason + (e.getIndex() >= 0 ? " at position " + (e.getIndex() + 1) : "") + ").",
                    value.contains(" ") ? "Encode spaces as `%20`, or rename the file without spaces." : "Correct the URI, e.g. `s3://bucket/jobs/job-1.0.jar`.");
            return;
        }
        if (masked.startsWithReference()) {
            if (credentials) checkCredentials(context, r, pointer, field, value);
            return;
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            context.report(Code.INVALID_URI, r, pointer, "`" + field + "` `" + value + "` has no scheme.",
                    "Write a full URI, e.g. `s3://bucket/jobs/job.jar`, or `local:///opt/flink/usrlib/job.jar` for a file in the image.");
            return;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean web = s.equals("http") || s.equals("https");
        boolean noAuthority = uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty();
        if (web && (noAuthority || uri.getHost() == null || uri.getHost().isEmpty())) {
            context.report(Code.INVALID_URI, r, pointer, "`" + field + "` `" + value + "` has no host.",
                    "Write the server's host after `" + scheme + "://`.");
            return;
        }
        if (NEEDS_AUTHORITY.contains(s) && noAuthority) {
            context.report(Code.INVALID_URI, r, pointer, "`" + field + "` `" + value + "` names no bucket or account.",
                    "Write the bucket (or container and account) after `" + scheme + "://`, e.g. `" + scheme + "://bucket/jobs/job.jar`.");
            return;
        }
        List<String> allowed = settings.allowedJarSchemes();
        if (allowed.stream().noneMatch(a -> a.equalsIgnoreCase(s))) {
            boolean defaults = settings.policyOrEmpty().allowedJarSchemes() == null || settings.policyOrEmpty().allowedJarSchemes().isEmpty();
            String hint = s.equals("http") && allowed.contains("https")
                    ? "Use `https` instead of `http`."
                    : "Store the artifact where an allowed scheme reaches it, or ask the platform team to allow `" + s + "` in flinkops.yaml.";
            context.report(Code.URI_SCHEME_NOT_ALLOWED, r, pointer,
                    "Scheme `" + scheme + "` of `" + field + "` is not in " + (defaults ? "the default " : "") + "`policy.allowedJarSchemes` ("
                            + Phrases.list(allowed) + ").",
                    hint);
        }
        if (credentials) checkCredentials(context, r, pointer, field, value);
    }

    private static void checkCredentials(RuleContext context, Resolved<?> r, FieldPath pointer, String field, String value) {
        UriCredentials.find(value).ifPresent(c -> context.report(Code.CREDENTIALS_IN_URI, r, pointer,
                "`" + field + "` " + (c.kind() == UriCredentials.Kind.QUERY_PARAMETER ? "carries " : "contains ") + c.description() + ".",
                "Remove the credentials from the URI; give the Flink pods access through a Secret (a `${NAME}` reference) or workload identity."));
    }

    private static boolean onlyReferences(String text) {
        return ConfigValues.DEFERRED_PART.matcher(text).replaceAll("").isEmpty();
    }

    /** The URI with every reference replaced by as many {@code x} (same length), for parsing. */
    private record Masked(String text, boolean startsWithReference, boolean wholeReference) {
    }

    private static Masked mask(String value) {
        Matcher m = ConfigValues.DEFERRED_PART.matcher(value);
        StringBuilder sb = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            sb.append(value, last, m.start()).append("x".repeat(m.end() - m.start()));
            spans.add(new int[] {m.start(), m.end()});
            last = m.end();
        }
        sb.append(value.substring(last));
        boolean starts = !spans.isEmpty() && spans.get(0)[0] == 0;
        boolean whole = onlyReferences(value.trim());
        return new Masked(sb.toString(), starts, whole);
    }
}
