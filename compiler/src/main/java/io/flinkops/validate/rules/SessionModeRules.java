package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.model.Artifact;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.JobPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Objects;
import java.util.Set;

/**
 * FO923, FO926: what a FlinkSessionJob cannot do. It runs one jar, without extra artifacts (the operator uploads
 * only {@code jarURI} to the session cluster), and it cannot run on a SessionCluster that is STOPPED (not rendered).
 */
public final class SessionModeRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.NOT_SUPPORTED_IN_SESSION_MODE, Code.SESSION_CLUSTER_STOPPED);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        plan.deployments().filter(ResourcePlan::isSessionJob).forEach(p -> {
            JobPlan job = p.job().orElseThrow();
            String clusterName = p.deployment().spec().sessionClusterName();
            p.sessionCluster().filter(c -> "STOPPED".equals(c.spec().state()) && job.running()).ifPresent(c ->
                    context.report(Code.SESSION_CLUSTER_STOPPED, p.source(), DeploymentSpec.SESSION_CLUSTER_NAME,
                            "Deployment `" + p.name() + "` is RUNNING on SessionCluster `" + clusterName + "`, which is STOPPED.",
                            "Suspend or cancel the deployment, or set the SessionCluster's `state` to RUNNING."));
            checkArtifact(p, job, context);
        });
    }

    private static void checkArtifact(ResourcePlan p, JobPlan job, RuleContext context) {
        Artifact a = job.artifact().artifact();
        FieldPath base = job.artifact().pointer();
        if (a == null || a.kind() == null) return; // FO605
        if (a.kind().equals("PYTHON")) {
            // A SQL script runs through the SQL runner (docs/render-mapping.md, "SQL scripts"); a Python program cannot:
            // PyFlink's driver needs the program's files on the cluster, which a running session cluster does not get.
            context.report(Code.NOT_SUPPORTED_IN_SESSION_MODE, p.source(), base.child("kind"),
                    "Session-mode Deployment `" + p.name() + "` has a PYTHON artifact, but a FlinkSessionJob can only submit a jar to a running cluster.",
                    "Run it in application mode (`deploymentTargetName`).");
            return;
        }
        if (a.additionalDependencies() != null && a.additionalDependencies().stream().anyMatch(Objects::nonNull)) {
            context.report(Code.NOT_SUPPORTED_IN_SESSION_MODE, p.source(), base.child("additionalDependencies"),
                    "Session-mode Deployment `" + p.name() + "` has `additionalDependencies`, but a FlinkSessionJob can only ship its job jar.",
                    a.kind().equals("SQLSCRIPT")
                            ? "Put the connectors and UDFs the script needs into the session cluster's image (VVP ships them for you; a FlinkSessionJob cannot), or run the deployment in application mode, where Flink 1.19 and newer fetch them."
                            : "Bundle the dependencies into the job jar, or run the deployment in application mode.");
        }
    }
}
