package io.flinkops.validate.rules;

import io.flinkops.cel.PolicyCheck;
import io.flinkops.cel.PolicyDeclaration;
import io.flinkops.diag.Code;
import io.flinkops.plan.RepoPlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Set;

/**
 * The repo's own policies (flinkops.yaml {@code spec.policies}, docs/policies.md): CEL expressions checked on every
 * Deployment and SessionCluster they match. A repo without policies never loads CEL (start-up, docs/performance.md).
 */
public final class PolicyRule implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.POLICY_VIOLATED, Code.POLICY_WARNING, Code.POLICY_INVALID, Code.POLICY_EVALUATION_FAILED, Code.POLICY_TOO_COSTLY);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        List<PolicyDeclaration> policies = PolicyDeclaration.of(plan.resolved().repository(), plan.resolved().loaded().source(), context.diagnostics());
        if (!policies.isEmpty()) PolicyCheck.run(policies, plan, context);
    }
}
