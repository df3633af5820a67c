package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.ArtifactPlan;
import io.flinkops.plan.JobPlan;
import io.flinkops.plan.Placeholders;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Set;

/**
 * FO924, FO925, FO928: an artifact the operator's {@code job} can run (docs/render-mapping.md, "Artifacts"): a SQL
 * script needs the Repository's SQL runner; Flink before 1.19 runs only a jar inside the image in application mode
 * and fetches no extra artifacts; PyFlink reads its files through Flink's file systems, which have no http(s);
 * {@code mainArgs} must split into arguments. A URI with a reference or an unknown job id is reported by FO921 and
 * FO922 and not looked at again here.
 */
public final class ArtifactMappingRules implements Rule {
    private static final String NOT_LOCAL = " runs only a jar inside the image in application mode (Flink "
            + ArtifactPlan.REMOTE_ARTIFACTS_SINCE + " fetches remote jars).";

    @Override
    public Set<Code> codes() {
        return Set.of(Code.SQL_RUNNER_NOT_CONFIGURED, Code.ARTIFACT_NOT_FETCHABLE, Code.INVALID_MAIN_ARGS);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        RepositorySpec settings = plan.resolved().settings();
        String operator = settings.operatorVersion();
        plan.deployments().forEach(p -> {
            ArtifactPlan artifact = p.job().map(JobPlan::artifact).orElseThrow();
            String kind = artifact.kind();
            if (kind == null) return; // FO605
            artifact.mainArgsProblem().ifPresent(problem -> context.report(Code.INVALID_MAIN_ARGS, p.source(), artifact.pointer().child("mainArgs"),
                    "`mainArgs` cannot be split into arguments: " + problem + ".", "Close the quote, or escape a literal quote with a backslash."));
            if (p.isSessionJob()) {
                // A session job's jar is uploaded by the operator; PYTHON is FO923.
                if (kind.equals("SQLSCRIPT")) checkSessionSqlRunner(p, artifact, settings, context);
                return;
            }
            List<ArtifactPlan.Uri> usable = artifact.uris().stream().filter(u -> usable(u, p.placeholders())).toList();
            // What an old Flink version cannot fetch matters only for a version the operator runs (else FO602).
            boolean fetches = artifact.remoteFetch() || !FlinkVersions.isSupported(p.flinkVersion(), operator);
            switch (kind) {
                case "JAR" -> checkJar(p, artifact, fetches, usable, context);
                case "SQLSCRIPT" -> checkSqlRunner(p, artifact, fetches, settings, context);
                case "PYTHON" -> checkPythonFiles(p, artifact, usable, context);
                default -> {
                    // the schema reports other kinds (FO104)
                }
            }
            if (!fetches && usable.stream().anyMatch(u -> u.field().startsWith("additionalDependencies"))) {
                context.report(Code.ARTIFACT_NOT_FETCHABLE, p.source(), artifact.pointer().child("additionalDependencies"),
                        "Deployment `" + p.name() + "` has `additionalDependencies`, but Flink " + p.flinkVersion()
                                + " cannot fetch extra artifacts in application mode (Flink " + ArtifactPlan.REMOTE_ARTIFACTS_SINCE + " can).",
                        "Bundle the dependencies into the job jar or the image, or use Flink " + ArtifactPlan.REMOTE_ARTIFACTS_SINCE + " or newer.");
            }
        });
    }

    /** Neither a reference (FO921) nor a job id that is not known (FO922). */
    private static boolean usable(ArtifactPlan.Uri uri, Placeholders placeholders) {
        return !SecretReferences.has(uri.value()) && !(Placeholders.usesJobId(uri.value()) && placeholders.jobId() == null);
    }

    private static void checkJar(ResourcePlan p, ArtifactPlan artifact, boolean fetches, List<ArtifactPlan.Uri> usable, RuleContext context) {
        if (fetches || artifact.mainArgsProblem().isPresent()) return;
        usable.stream().filter(u -> u.field().equals("jarUri")).findFirst().ifPresent(jar -> {
            String uri = p.placeholders().fill(jar.value());
            if (ArtifactPlan.isLocal(uri)) return;
            context.report(Code.ARTIFACT_NOT_FETCHABLE, p.source(), jar.pointer(),
                    "`jarUri` `" + uri + "` is not a `local://` URI, but Flink " + p.flinkVersion() + NOT_LOCAL,
                    "Bake the jar into the image and use `local:///opt/flink/usrlib/…`, or use Flink " + ArtifactPlan.REMOTE_ARTIFACTS_SINCE + " or newer.");
        });
    }

    private static void checkSqlRunner(ResourcePlan p, ArtifactPlan artifact, boolean fetches, RepositorySpec settings, RuleContext context) {
        RepositorySpec.SqlRunner runner = settings.sqlRunner();
        if (noRunner(p, artifact, runner, "Set `spec.sqlRunner.jarUri` and `spec.sqlRunner.entryClass` in flinkops.yaml.", context)) return;
        if (fetches || ArtifactPlan.isLocal(runner.jarUri())) return;
        context.report(Code.ARTIFACT_NOT_FETCHABLE, p.source(), artifact.pointer().child("kind"),
                "The SQL runner `" + runner.jarUri() + "` of flinkops.yaml is not a `local://` URI, but Flink " + p.flinkVersion() + NOT_LOCAL,
                "Bake the SQL runner into the image and point `sqlRunner.jarUri` at it, or use Flink " + ArtifactPlan.REMOTE_ARTIFACTS_SINCE + " or newer.");
    }

    /** Reports (FO924) and returns true when flinkops.yaml configures no SQL runner at all. */
    private static boolean noRunner(ResourcePlan p, ArtifactPlan artifact, RepositorySpec.SqlRunner runner, String hint, RuleContext context) {
        if (runner != null && runner.jarUri() != null && runner.entryClass() != null) return false;
        context.report(Code.SQL_RUNNER_NOT_CONFIGURED, p.source(), artifact.pointer().child("kind"),
                "Deployment `" + p.name() + "` has a SQLSCRIPT artifact, but flinkops.yaml configures no `sqlRunner` to run it.", hint);
        return true;
    }

    /** A FlinkSessionJob's jar is downloaded by the operator: the runner must be remote, not a file of the image. */
    private static void checkSessionSqlRunner(ResourcePlan p, ArtifactPlan artifact, RepositorySpec settings, RuleContext context) {
        if (artifact.parts().isPresent()) return;
        RepositorySpec.SqlRunner runner = settings.sqlRunner();
        if (noRunner(p, artifact, runner, "Set `spec.sqlRunner.jarUri`, `spec.sqlRunner.entryClass` and, for session clusters, "
                + "`spec.sqlRunner.sessionJobJarUri` in flinkops.yaml.", context)) return;
        if (artifact.artifact().sqlScript() == null) return; // FO605
        context.report(Code.SQL_RUNNER_NOT_CONFIGURED, p.source(), artifact.pointer().child("kind"),
                "Deployment `" + p.name() + "` runs a SQL script on session cluster `" + p.deployment().spec().sessionClusterName()
                        + "`, but the SQL runner `" + runner.jarUri() + "` is a file of the image: the operator downloads a FlinkSessionJob's jar itself and uploads it to the cluster.",
                "Set `spec.sqlRunner.sessionJobJarUri` in flinkops.yaml to the same runner jar where the operator can download it (https, or a file system the operator has, such as s3).");
    }

    /** Python files reach the workers through Flink's file systems (the distributed cache), which have no http(s). */
    private static void checkPythonFiles(ResourcePlan p, ArtifactPlan artifact, List<ArtifactPlan.Uri> usable, RuleContext context) {
        if (usable.size() < artifact.uris().size()) return; // the others are reported first (FO921, FO922)
        for (ArtifactPlan.Uri uri : usable) {
            if (!ArtifactPlan.isWeb(p.placeholders().fill(uri.value()))) continue;
            context.report(Code.ARTIFACT_NOT_FETCHABLE, p.source(), uri.pointer(),
                    "`" + uri.field() + "` is an http(s) URI, but PyFlink reads Python files through Flink's file systems, which do not include http(s).",
                    "Store the file where a Flink file system reaches it (s3, gs, abfss, hdfs, oss…), or bake it into the image and use `local://`.");
        }
    }
}
