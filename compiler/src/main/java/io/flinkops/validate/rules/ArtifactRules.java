package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.diag.Code;
import io.flinkops.model.Artifact;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.plan.RepoPlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Locale;
import java.util.Set;

/**
 * FO605: every Deployment (application and session mode) has an artifact with the fields its kind needs (its URIs:
 * {@link ArtifactUriRules}).
 */
public final class ArtifactRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.INCOMPLETE_ARTIFACT);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        plan.resolved().deployments().filter(Resolved::isTyped).forEach(d -> checkComplete(context, d, d.spec().templateSpec().artifact()));
    }

    // FO605

    private static void checkComplete(RuleContext context, Resolved<DeploymentSpec> d, Artifact a) {
        FieldPath base = DeploymentSpec.ARTIFACT;
        if (a == null || (a.kind() == null && !hasContent(a))) {
            context.reportMissing(Code.INCOMPLETE_ARTIFACT, d, base,
                    "Deployment `" + d.name() + "` has no artifact, so there is nothing to run.",
                    "Add `spec.template.spec.artifact` with `kind: JAR` and `jarUri` (or kind PYTHON or SQLSCRIPT).");
            return;
        }
        if (a.kind() == null) {
            String guess = a.jarUri() != null ? "JAR" : a.pythonArtifactUri() != null || a.entryModule() != null ? "PYTHON"
                    : a.sqlScript() != null ? "SQLSCRIPT" : null;
            context.reportMissing(Code.INCOMPLETE_ARTIFACT, d, base.child("kind"), "The artifact has no `kind`.",
                    guess != null ? "Add `kind: " + guess + "`." : "Add `kind:` JAR, PYTHON or SQLSCRIPT.");
            return;
        }
        switch (a.kind()) {
            case "JAR" -> {
                if (a.jarUri() == null) {
                    context.reportMissing(Code.INCOMPLETE_ARTIFACT, d, base.child("jarUri"), "The JAR artifact has no `jarUri`.",
                            "Set `jarUri` to the job jar, e.g. `s3://bucket/jobs/job-1.0.jar`.");
                }
            }
            case "PYTHON" -> {
                if (a.pythonArtifactUri() == null && a.entryModule() == null) {
                    context.reportMissing(Code.INCOMPLETE_ARTIFACT, d, base.child("pythonArtifactUri"),
                            "The PYTHON artifact has neither `pythonArtifactUri` nor `entryModule`.",
                            "Set `pythonArtifactUri` to the Python program (.py or .zip), or `entryModule` to a module in the image.");
                } else if (a.entryModule() == null && isArchive(a.pythonArtifactUri())) {
                    context.reportMissing(Code.INCOMPLETE_ARTIFACT, d, base.child("entryModule"),
                            "`pythonArtifactUri` is a .zip archive, but no `entryModule` says which module to run.",
                            "Set `entryModule` to the module to run, e.g. `my_job.main`.");
                }
            }
            case "SQLSCRIPT" -> {
                if (a.sqlScript() == null) {
                    context.reportMissing(Code.INCOMPLETE_ARTIFACT, d, base.child("sqlScript"), "The SQLSCRIPT artifact has no `sqlScript`.",
                            "Set `sqlScript` to the SQL statements to run.");
                } else if (a.sqlScript().isBlank()) {
                    context.report(Code.INCOMPLETE_ARTIFACT, d, base.child("sqlScript"), "`sqlScript` is blank.",
                            "Write the SQL statements to run.");
                }
            }
            default -> {
                // The schema reports other kinds (FO104).
            }
        }
    }

    private static boolean hasContent(Artifact a) {
        return a.jarUri() != null || a.entryClass() != null || a.mainArgs() != null || a.additionalDependencies() != null
                || a.pythonArtifactUri() != null || a.entryModule() != null || a.additionalPythonArchives() != null
                || a.additionalPythonLibraries() != null || a.sqlScript() != null;
    }

    private static boolean isArchive(String uri) {
        if (uri == null) return false;
        String path = uri.replaceAll("[?#].*$", "").toLowerCase(Locale.ROOT);
        return path.endsWith(".zip");
    }
}
