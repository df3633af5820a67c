package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.ArtifactPlan;
import io.flinkops.plan.JobPlan;
import io.flinkops.plan.Placeholders;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Locale;
import java.util.Set;

/**
 * FO620: Flink (1.19 and later) fetches the job jar and {@code additionalDependencies} of an application-mode
 * Deployment itself, and refuses plain {@code http://} ("Artifact fetching from raw HTTP endpoints are disabled")
 * unless {@code user.artifacts.raw-http-enabled} is true. Session jobs are exempt: the operator downloads their jar.
 * Not reported again: a scheme the policy does not allow (FO606), a URI with a reference or an unknown job id (FO921,
 * FO922), and Flink versions that fetch nothing remote at all (FO925).
 */
public final class ArtifactFetchRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.RAW_HTTP_ARTIFACT);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        RepositorySpec settings = plan.resolved().settings();
        if (settings.allowedJarSchemes().stream().noneMatch(s -> s.equalsIgnoreCase("http"))) return; // FO606
        plan.deployments().filter(p -> !p.isSessionJob()).forEach(p -> {
            ArtifactPlan artifact = p.job().map(JobPlan::artifact).orElseThrow();
            if (!artifact.remoteFetch() || !"JAR".equals(artifact.kind()) && !"SQLSCRIPT".equals(artifact.kind())) return;
            if (p.configuration().values().get(FlinkOptions.RAW_HTTP_ENABLED).map(v -> v.trim().equalsIgnoreCase("true")).orElse(false)) return;
            for (ArtifactPlan.Uri uri : artifact.uris()) {
                if (SecretReferences.has(uri.value()) || Placeholders.usesJobId(uri.value()) && p.placeholders().jobId() == null) continue;
                String value = p.placeholders().fill(uri.value()).trim();
                if (!value.toLowerCase(Locale.ROOT).startsWith("http://")) continue;
                context.report(Code.RAW_HTTP_ARTIFACT, p.source(), uri.pointer(),
                        "`" + uri.field() + "` `" + value + "` is plain http, which Flink " + p.flinkVersion()
                                + " refuses to fetch (\"Artifact fetching from raw HTTP endpoints are disabled\") unless `"
                                + FlinkOptions.RAW_HTTP_ENABLED.current() + "` is true, so the job does not start.",
                        "Use `https://`, or set `" + FlinkOptions.RAW_HTTP_ENABLED.current() + ": \"true\"` in `flinkConfiguration` if the server has no TLS.");
            }
        });
    }
}
