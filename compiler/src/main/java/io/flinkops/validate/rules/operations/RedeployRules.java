package io.flinkops.validate.rules.operations;

import io.flinkops.diag.Code;
import io.flinkops.diag.Suggestions;
import io.flinkops.plan.Operations;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.Savepoint;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code flinkops.io/redeploy-from}: FO334, the operator has {@code job.savepointRedeployNonce} (1.8+); FO333, the
 * annotation names a Savepoint of this Deployment that has a location. On operator 1.7 only FO334 is reported: the
 * annotation has to go whatever it names.
 */
public final class RedeployRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.REDEPLOY_SAVEPOINT_NOT_FOUND, Code.REDEPLOY_NOT_SUPPORTED);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        String operatorVersion = plan.resolved().settings().operatorVersion();
        for (ResourcePlan p : plan.plans()) {
            Optional<Operations.Redeploy> written = p.operations().redeploy();
            if (written.isEmpty()) continue;
            Operations.Redeploy redeploy = written.get();
            if (!p.operations().route().redeploys()) {
                context.report(Code.REDEPLOY_NOT_SUPPORTED, p.source(), Operations.REDEPLOY_FROM_POINTER,
                        p.describe() + " is to be redeployed from a savepoint, but operator " + operatorVersion
                                + " (`spec.operator.version` of flinkops.yaml) has no `savepointRedeployNonce`; it came with operator "
                                + Operations.Route.REDEPLOY_SINCE + ".",
                        "Upgrade the operator to " + Operations.Route.REDEPLOY_SINCE + " or newer and set `spec.operator.version`, or remove `"
                                + Operations.REDEPLOY_FROM_ANNOTATION + "`.");
                continue;
            }
            if (p.kind() == ResourcePlan.Kind.SESSION_CLUSTER) {
                context.report(Code.REDEPLOY_SAVEPOINT_NOT_FOUND, p.source(), Operations.REDEPLOY_FROM_POINTER,
                        "A SessionCluster has no savepoints of its own, so `" + Operations.REDEPLOY_FROM_ANNOTATION + "` cannot apply to "
                                + p.describe() + ".",
                        "Put the annotation on the Deployment (session job) to redeploy, or use `" + Operations.RESTART_ANNOTATION
                                + "` to restart the cluster.");
                continue;
            }
            Optional<Savepoint> named = redeploy.savepoint();
            List<String> registered = p.operations().savepoints().stream().filter(s -> !s.isRequest()).map(Savepoint::name).toList();
            if (named.isEmpty()) {
                String suggestion = Suggestions.didYouMean(redeploy.savepointName(), registered);
                context.report(Code.REDEPLOY_SAVEPOINT_NOT_FOUND, p.source(), Operations.REDEPLOY_FROM_POINTER,
                        "`" + Operations.REDEPLOY_FROM_ANNOTATION + "` names " + (redeploy.savepointName().isEmpty() ? "no Savepoint"
                                : "Savepoint `" + redeploy.savepointName() + "`, which is not a Savepoint of " + p.describe()) + ".",
                        (suggestion.isEmpty() ? "" : suggestion + " ") + "Name a Savepoint whose `metadata.deploymentName` is `" + p.name()
                                + "` and that has `spec.savepointLocation` (`flinkops redeploy " + p.namespace() + "/" + p.name()
                                + " --from-savepoint LOCATION` writes one), or remove the annotation.");
            } else if (named.get().isRequest()) {
                context.report(Code.REDEPLOY_SAVEPOINT_NOT_FOUND, p.source(), Operations.REDEPLOY_FROM_POINTER,
                        "`" + Operations.REDEPLOY_FROM_ANNOTATION + "` names Savepoint `" + named.get().name()
                                + "`, a request without `spec.savepointLocation`: there is no path to start " + p.describe() + " from.",
                        "Register the savepoint that was taken (its location is in `flinkops status " + p.namespace() + "/" + p.name()
                                + "`) as a new Savepoint with `spec.savepointLocation`, and name that one; or use `--from-savepoint latest`.");
            }
        }
    }
}
