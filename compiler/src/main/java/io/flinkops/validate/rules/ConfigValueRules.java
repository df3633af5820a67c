package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.FlinkOption;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedConfiguration;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Optional;
import java.util.Set;

/**
 * FO505: the values of the Flink options flinkops reads itself are valid, in every Deployment's and SessionCluster's
 * own effective configuration. Which options and what is valid is declared with the options
 * ({@link FlinkOptions#CHECKED}): a new check of an option's value is a declaration there, not code here.
 */
public final class ConfigValueRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.INVALID_CONFIG_VALUE);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) checkConfigValues(context, p.ownConfiguration());
    }

    private static void checkConfigValues(RuleContext context, LocatedConfiguration config) {
        for (FlinkOption option : FlinkOptions.CHECKED) {
            for (String key : option.names()) {
                Optional<LocatedSetting> s = config.get(key);
                if (s.isEmpty() || option.accepts(s.get().value())) continue;
                context.diagnostics().report(Code.INVALID_CONFIG_VALUE, s.get().location(), s.get().pointer(),
                        "`" + key + "` is `" + s.get().value() + "`, but it must be " + option.kind().description() + ".", option.invalidHint());
            }
        }
    }
}
