package io.flinkops.validate.rules.fence;

import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.flinkconfig.ConfigBlock;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.plan.RepoPlan;
import io.flinkops.render.rbac.FlinkServiceAccount;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Set;

/**
 * FO215: {@code flinkConfiguration} makes the Flink pods run as no service account but {@link FlinkServiceAccount#NAME}
 * unless the policy lists it. Flink reads {@code kubernetes.jobmanager.service-account} and
 * {@code kubernetes.taskmanager.service-account} before their fallback {@code kubernetes.service-account}, which the
 * operator sets, so either would win over what flinkops renders. Checked where each block is written.
 */
public final class ServiceAccountRule implements Rule {
    @Override
    public Set<Code> codes() {
        return Set.of(Code.SERVICE_ACCOUNT_NOT_ALLOWED);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        List<String> allowed = plan.resolved().settings().policyOrEmpty().allowedServiceAccounts();
        List<String> accounts = allowed == null ? List.of() : allowed;
        for (ConfigBlock block : ConfigBlock.of(plan.resolved())) {
            for (LocatedSetting s : block.configuration().settings()) {
                if (FlinkOptions.SERVICE_ACCOUNTS.stream().noneMatch(o -> o.names().contains(s.key()))) continue;
                String account = s.value().trim();
                if (account.equals(FlinkServiceAccount.NAME) || accounts.contains(account)) continue;
                context.diagnostics().report(Code.SERVICE_ACCOUNT_NOT_ALLOWED, s.location(), s.pointer(),
                        "`" + s.key() + "` would make the Flink pods run as service account `" + account + "` instead of `"
                                + FlinkServiceAccount.NAME + "`, and `policy.allowedServiceAccounts` of flinkops.yaml allows "
                                + (accounts.isEmpty() ? "no other" : Phrases.quoted(accounts)) + ".",
                        "Remove the key: the pods run as `" + FlinkServiceAccount.NAME + "`, which has what Flink needs. If the job needs "
                                + "another identity (cloud IAM), ask the platform team to allow its service account in flinkops.yaml.");
            }
        }
    }
}
