package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.diag.Code;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FO601–FO602: every FlinkDeployment flinkops emits (an application-mode Deployment, a SessionCluster) has a
 * Flink version that the targeted operator release accepts. Session jobs run on their cluster's version,
 * so theirs is neither required nor checked.
 */
public final class FlinkVersionRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.MISSING_FLINK_VERSION, Code.UNSUPPORTED_FLINK_VERSION);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        String operator = repo.settings().operatorVersion();
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                if (!d.isTyped() || d.spec().sessionClusterName() != null) continue;
                // The plan's version: the one written, or the one `validate --flink-version` evaluates.
                String version = plan.of(d).map(ResourcePlan::flinkVersion).orElse(null);
                if (version == null) {
                    context.reportMissing(Code.MISSING_FLINK_VERSION, d, DeploymentSpec.FLINK_VERSION,
                            "Deployment `" + d.name() + "` has no `flinkVersion`, neither in its spec nor in its defaults.",
                            "Set `spec.template.spec.artifact.flinkVersion`, e.g. \"1.20\", in the deployment or in the defaults.");
                } else {
                    checkVersion(context, d, DeploymentSpec.FLINK_VERSION, version, operator);
                }
            }
            for (Resolved<SessionClusterSpec> c : ns.sessionClusters().values()) {
                if (!c.isTyped()) continue;
                String version = plan.of(c).map(ResourcePlan::flinkVersion).orElse(c.spec().flinkVersion());
                if (version == null) {
                    // The SessionCluster schema requires flinkVersion (FO102); kept for a schema that would not.
                    context.reportMissing(Code.MISSING_FLINK_VERSION, c, SessionClusterSpec.FLINK_VERSION,
                            "Session cluster `" + c.name() + "` has no `flinkVersion`.", "Set `spec.flinkVersion`, e.g. \"1.20\".");
                } else {
                    checkVersion(context, c, SessionClusterSpec.FLINK_VERSION, version, operator);
                }
            }
        }
    }

    private static void checkVersion(RuleContext context, Resolved<?> r, FieldPath pointer, String version, String operator) {
        // An operator version flinkops does not know is reported by the Repository schema (FO104).
        if (!FlinkVersions.knowsOperator(operator)) return;
        Optional<String> minor = FlinkVersions.minorOfPatch(version);
        if (minor.isPresent()) {
            context.report(Code.UNSUPPORTED_FLINK_VERSION, r, pointer,
                    "`flinkVersion` `" + version + "` is a patch release, but flinkVersion names a minor version.",
                    "Write \"" + minor.get() + "\"; the patch release is chosen by `flinkImageTag`.");
            return;
        }
        if (!FlinkVersions.isMinorVersion(version)) {
            context.report(Code.UNSUPPORTED_FLINK_VERSION, r, pointer, "`flinkVersion` `" + version + "` is not a Flink version.",
                    "Write a minor version in quotes, e.g. \"1.20\".");
            return;
        }
        if (FlinkVersions.isSupported(version, operator)) return;
        List<String> supported = FlinkVersions.supported(operator);
        Optional<String> newer = FlinkVersions.firstOperatorSupporting(version);
        String hint;
        if (newer.isPresent()) {
            hint = "Use a supported version, or target operator " + newer.get()
                    + " or newer with `spec.operator.version` in flinkops.yaml.";
        } else if (FlinkVersions.compare(version, FlinkVersions.OLDEST_SUPPORTED) < 0) {
            hint = "Upgrade the job to Flink " + FlinkVersions.OLDEST_SUPPORTED + " or newer; the operator no longer runs older versions.";
        } else {
            hint = "Use one of the supported versions.";
        }
        context.report(Code.UNSUPPORTED_FLINK_VERSION, r, pointer,
                "Flink " + version + " is not supported by the targeted Flink Kubernetes Operator " + operator
                        + ", which runs Flink " + FlinkVersions.describe(supported) + ".",
                hint);
    }
}
