package io.flinkops.validate.rules.operations;

import io.flinkops.diag.Code;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.SavepointSpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Set;

/**
 * FO330: a Savepoint's {@code metadata.deploymentName} names a Deployment of its namespace. Such a Savepoint has no
 * plan, so no other rule judges it: this is the one problem reported for it.
 */
public final class SavepointReferenceRule implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.SAVEPOINT_DEPLOYMENT_NOT_FOUND);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResolvedNamespace ns : plan.resolved().namespaces().values()) {
            for (Resolved<SavepointSpec> savepoint : ns.savepoints().values()) {
                ResolvedNamespace.deploymentNameOf(savepoint).filter(d -> !ns.deployments().containsKey(d)).ifPresent(deployment -> {
                    String suggestion = Suggestions.didYouMean(deployment, ns.deployments().keySet());
                    context.report(Code.SAVEPOINT_DEPLOYMENT_NOT_FOUND, savepoint, SavepointSpec.DEPLOYMENT_NAME,
                            "Savepoint `" + savepoint.name() + "` is of Deployment `" + deployment + "`, which namespace `" + ns.name()
                                    + "` does not have.",
                            (suggestion.isEmpty() ? "" : suggestion + " ") + "Write the name of a Deployment of namespace `" + ns.name()
                                    + "` in `metadata.deploymentName`, or remove this Savepoint if its deployment is gone (the savepoint's files stay where they are).");
                });
            }
        }
    }
}
