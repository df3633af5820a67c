package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.plan.Placement;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Collection;
import java.util.Set;

/**
 * References between resources of a namespace: a Deployment runs either on a target or on a session
 * cluster (FO204), and the DeploymentTarget (FO205) or SessionCluster (FO206) it names exists; so does a
 * SessionCluster's target. Both fields may come from the defaults; they are reported where they are written.
 */
public final class ReferenceRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.DEPLOYMENT_MODE, Code.TARGET_NOT_FOUND, Code.SESSION_CLUSTER_NOT_FOUND);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                if (!d.isTyped()) continue;
                checkMode(d, context);
                DeploymentSpec spec = d.spec();
                if (spec.deploymentTargetName() != null && !ns.targets().containsKey(spec.deploymentTargetName())) {
                    reportMissingTarget("Deployment", d, DeploymentSpec.DEPLOYMENT_TARGET_NAME, spec.deploymentTargetName(), ns, context);
                }
                if (spec.sessionClusterName() != null && !ns.sessionClusters().containsKey(spec.sessionClusterName())) {
                    String name = spec.sessionClusterName();
                    context.report(Code.SESSION_CLUSTER_NOT_FOUND, d, DeploymentSpec.SESSION_CLUSTER_NAME,
                            "Deployment `" + d.name() + "` runs on SessionCluster `" + name + "`, which does not exist in namespace `" + ns.name() + "`.",
                            hint(name, ns.sessionClusters().keySet(), "SessionCluster", ns.name()));
                }
            }
            for (Resolved<SessionClusterSpec> c : ns.sessionClusters().values()) {
                // A missing deploymentTargetName is a schema error (FO102), so a typed SessionCluster has one.
                if (!c.isTyped() || c.spec().deploymentTargetName() == null) continue;
                if (!ns.targets().containsKey(c.spec().deploymentTargetName())) {
                    reportMissingTarget("SessionCluster", c, SessionClusterSpec.DEPLOYMENT_TARGET_NAME, c.spec().deploymentTargetName(), ns, context);
                }
            }
        }
    }

    private static void checkMode(Resolved<DeploymentSpec> d, RuleContext context) {
        switch (Placement.mode(d.spec())) {
            case NONE -> {
                boolean vvpId = d.at(DeploymentSpec.DEPLOYMENT_TARGET_ID) != null && !d.at(DeploymentSpec.DEPLOYMENT_TARGET_ID).isNull();
                context.report(Code.DEPLOYMENT_MODE, d, DeploymentSpec.SPEC,
                        "Deployment `" + d.name() + "` sets neither `deploymentTargetName` nor `sessionClusterName`, so it has nowhere to run.",
                        vvpId
                                ? "Replace the VVP id `deploymentTargetId` with `deploymentTargetName` (flinkops cannot resolve VVP ids), or set `sessionClusterName` for session mode."
                                : "Set `deploymentTargetName` (application mode) or `sessionClusterName` (session mode), here or in the defaults.");
            }
            case AMBIGUOUS -> {
                String file = d.document().file();
                Location target = d.locate(DeploymentSpec.DEPLOYMENT_TARGET_NAME);
                Location session = d.locate(DeploymentSpec.SESSION_CLUSTER_NAME);
                boolean targetHere = target.file().equals(file);
                boolean sessionHere = session.file().equals(file);
                FieldPath pointer = sessionHere ? DeploymentSpec.SESSION_CLUSTER_NAME : targetHere ? DeploymentSpec.DEPLOYMENT_TARGET_NAME : DeploymentSpec.SPEC;
                String hint;
                if (targetHere && sessionHere) {
                    hint = "Remove one: `deploymentTargetName` for application mode or `sessionClusterName` for session mode.";
                } else if (targetHere || sessionHere) {
                    String inherited = targetHere ? "sessionClusterName" : "deploymentTargetName";
                    hint = "Remove the one you do not want; write `" + inherited + ": null` in this Deployment to drop the value from "
                            + (targetHere ? session : target).file() + ".";
                } else {
                    hint = "Keep exactly one of them in the defaults, or write `deploymentTargetName: null` or `sessionClusterName: null` in this Deployment.";
                }
                context.report(Code.DEPLOYMENT_MODE, d, pointer,
                        "Deployment `" + d.name() + "` sets both `deploymentTargetName` (`" + d.spec().deploymentTargetName() + "`, at "
                                + at(target) + ") and `sessionClusterName` (`" + d.spec().sessionClusterName() + "`, at " + at(session)
                                + "), so it is unclear whether it runs in application or in session mode.",
                        hint);
            }
            case APPLICATION, SESSION -> {
            }
        }
    }

    private static void reportMissingTarget(String kind, Resolved<?> resource, FieldPath pointer, String name, ResolvedNamespace ns, RuleContext context) {
        context.report(Code.TARGET_NOT_FOUND, resource, pointer,
                kind + " `" + resource.name() + "` runs on DeploymentTarget `" + name + "`, which does not exist in namespace `" + ns.name() + "`.",
                hint(name, ns.targets().keySet(), "DeploymentTarget", ns.name()));
    }

    /** "Did you mean `x`?", else the names there are, else how to create one. */
    private static String hint(String name, Collection<String> candidates, String kind, String namespace) {
        String suggestion = Suggestions.didYouMean(name, candidates);
        if (!suggestion.isEmpty()) return suggestion;
        if (candidates.isEmpty()) return "Namespace `" + namespace + "` has no " + kind + "; create one under namespaces/" + namespace + "/.";
        return "Create it, or use one of the " + kind + "s of namespace `" + namespace + "`: " + String.join(", ", Suggestions.sorted(candidates)) + ".";
    }

    private static String at(Location location) {
        return location.file() + ":" + location.line();
    }
}
