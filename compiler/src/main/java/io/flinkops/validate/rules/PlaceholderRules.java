package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Suggestions;
import io.flinkops.flinkconfig.ConfigBlock;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.plan.Placeholders;
import io.flinkops.plan.RepoPlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Set;
import java.util.regex.Matcher;

/** FO406: {@code {{ … }}} placeholders in Flink configuration values are the four that flinkops fills in. */
public final class PlaceholderRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.UNKNOWN_PLACEHOLDER);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ConfigBlock block : ConfigBlock.of(plan.resolved())) {
            for (LocatedSetting s : block.configuration().settings()) {
                Matcher m = Placeholders.ANY.matcher(s.value());
                while (m.find()) {
                    String name = m.group(1).trim();
                    if (Placeholders.NAMES.contains(name)) continue;
                    String hint = Suggestions.closest(name, Placeholders.NAMES)
                            .map(c -> "Did you mean `{{ " + c + " }}`?")
                            .orElse("Use one of `{{ namespace }}`, `{{ deploymentName }}`, `{{ deploymentId }}` and `{{ jobId }}`, or remove the braces.");
                    context.diagnostics().report(Code.UNKNOWN_PLACEHOLDER, s.location(), s.pointer(),
                            "Unknown placeholder `" + m.group() + "` in `" + s.key() + "`; it would reach Flink as literal text.", hint);
                }
            }
        }
    }
}
