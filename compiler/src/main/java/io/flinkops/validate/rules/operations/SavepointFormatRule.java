package io.flinkops.validate.rules.operations;

import io.flinkops.diag.Code;
import io.flinkops.model.SavepointSpec;
import io.flinkops.plan.Operations;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.Savepoint;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Set;

/**
 * FO335: {@code spec.formatType: NATIVE} on an operator before 1.10, which takes a manual savepoint in the format of its
 * own configuration. CANONICAL is what those operators do by default, so writing it is not reported.
 */
public final class SavepointFormatRule implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.SAVEPOINT_FORMAT_IGNORED);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        String operatorVersion = plan.resolved().settings().operatorVersion();
        for (ResourcePlan p : plan.plans()) {
            if (p.operations().route() == Operations.Route.SNAPSHOTS) continue;
            for (Savepoint s : p.operations().savepoints()) {
                if (!SavepointSpec.NATIVE.equals(s.source().spec().formatType())) continue;
                context.report(Code.SAVEPOINT_FORMAT_IGNORED, s.source(), SavepointSpec.FORMAT_TYPE,
                        "Savepoint `" + s.name() + "` asks for the NATIVE format, but operator " + operatorVersion
                                + " takes savepoints in the format of its own configuration (CANONICAL unless configured); `formatType` came with operator "
                                + Operations.Route.SNAPSHOTS_SINCE + ".",
                        "Remove `spec.formatType`, and set `kubernetes.operator.savepoint.format.type: NATIVE` in the `flinkConfiguration` of "
                                + p.describe() + " if you need native savepoints.");
            }
        }
    }
}
