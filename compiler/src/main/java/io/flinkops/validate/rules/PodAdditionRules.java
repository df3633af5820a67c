package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.pods.PodTemplates;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Set;

/**
 * FO929: what the mapping adds to the main container (secret env vars, the entrypoint and SQL script volumes) does
 * not clash with what the user wrote there; flinkops never overrides the user's own, so its addition would be left
 * out and the pods would not start as planned.
 */
public final class PodAdditionRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.POD_ADDITION_CONFLICT);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        plan.clusters().forEach(p -> {
            for (PodTemplates.Conflict c : p.cluster().orElseThrow().conflicts()) {
                String what = c.kind().equals("env") ? "environment variable" : c.kind();
                context.report(Code.POD_ADDITION_CONFLICT, p.source(), p.fields().kubernetes().resolve(c.pointer()),
                        "This " + what + " `" + c.name() + "` clashes with the one flinkops adds to `" + PodTemplates.MAIN_CONTAINER
                                + "` for this " + p.kind().resourceKind() + ", so flinkops' own would be left out.",
                        "Rename or remove it; a secret declared in the Namespace needs no environment variable of your own.");
            }
        });
    }
}
