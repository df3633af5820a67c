package io.flinkops.validate.rules.operations;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.model.SavepointSpec;
import io.flinkops.plan.OperationTimes;
import io.flinkops.plan.Operations;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.Savepoint;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The times that identify day-2 operations: FO331, a Savepoint's {@code createdAt} and a resource's
 * {@code flinkops.io/restart} are RFC 3339 with a zone; FO332, no two Savepoints of one Deployment share their time to
 * the second, the nonce the operator sees. Only Savepoints of a planned Deployment are judged (FO330 reports the rest).
 */
public final class OperationTimeRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.INVALID_OPERATION_TIME, Code.SAVEPOINT_TIME_COLLISION);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            Operations operations = p.operations();
            operations.restart().filter(r -> r.at().isEmpty()).ifPresent(r -> context.report(Code.INVALID_OPERATION_TIME, p.source(),
                    Operations.RESTART_POINTER,
                    "`" + Operations.RESTART_ANNOTATION + "` is " + written(r.text().orElse(null)) + ", not an RFC 3339 time with a zone, so "
                            + p.describe() + " cannot be restarted.",
                    "Write the time of the restart in quotes, e.g. `\"" + OperationTimes.EXAMPLE + "\"` (`flinkops restart` writes it); "
                            + "to restart again later, write a later time."));
            Map<Long, Savepoint> byNonce = new HashMap<>();
            for (Savepoint s : operations.savepoints()) {
                if (s.requestedAt().isEmpty()) {
                    reportTime(s, p, context);
                    continue;
                }
                Savepoint first = byNonce.putIfAbsent(s.nonce().orElseThrow(), s);
                if (first != null) {
                    Location at = first.source().locate(SavepointSpec.CREATED_AT);
                    context.report(Code.SAVEPOINT_TIME_COLLISION, s.source(), SavepointSpec.CREATED_AT,
                            "Savepoints `" + first.name() + "` (" + at.file() + ":" + at.line() + ") and `" + s.name() + "` of " + p.describe()
                                    + " have the same `createdAt` to the second, so the operator would take them for one operation.",
                            "Give this Savepoint a later `createdAt` (a second later is enough).");
                }
            }
        }
    }

    private static void reportTime(Savepoint s, ResourcePlan p, RuleContext context) {
        if (context.anyDropped(s.source(), SavepointSpec.CREATED_AT)) return; // its schema error is reported
        String hint = "Write when the savepoint was " + (s.isRequest() ? "asked for" : "registered") + " in quotes, e.g. `createdAt: \""
                + OperationTimes.EXAMPLE + "\"` (`flinkops savepoint` and `flinkops redeploy` write it).";
        if (s.createdAtText().isEmpty()) {
            context.reportMissing(Code.INVALID_OPERATION_TIME, s.source(), SavepointSpec.CREATED_AT,
                    "Savepoint `" + s.name() + "` of " + p.describe() + " has no `metadata.createdAt`, which identifies it for the operator.", hint);
        } else {
            context.report(Code.INVALID_OPERATION_TIME, s.source(), SavepointSpec.CREATED_AT,
                    "`metadata.createdAt` of Savepoint `" + s.name() + "` is " + written(s.createdAtText().get())
                            + ", not an RFC 3339 time with a zone.", hint);
        }
    }

    private static String written(String text) {
        return text == null ? "not a string" : "`" + text + "`";
    }
}
