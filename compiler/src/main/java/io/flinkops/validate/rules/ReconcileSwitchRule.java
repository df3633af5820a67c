package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.plan.Reconcile;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YScalar;

import java.util.Set;

/** FO930: the reconcile switch of a Deployment or SessionCluster ({@link Reconcile}) is {@code enabled} or {@code disabled}. */
public final class ReconcileSwitchRule implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.INVALID_RECONCILE_SWITCH);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            if (p.reconcile().mode() != Reconcile.Mode.INVALID) continue;
            String written = p.reconcile().written().filter(YScalar.class::isInstance).map(n -> "`" + ((YScalar) n).text() + "`").orElse("not a string");
            context.report(Code.INVALID_RECONCILE_SWITCH, p.source(), Reconcile.POINTER,
                    "`" + Reconcile.ANNOTATION + "` is " + written + ", but the agent knows only `" + Reconcile.DISABLED + "` and `"
                            + Reconcile.ENABLED + "`.",
                    "Write `" + Reconcile.DISABLED + "` to stop the agent from applying this " + p.kind().resourceKind()
                            + " (what runs is left alone), or `" + Reconcile.ENABLED + "` (the default), or remove the annotation.");
        }
    }
}
