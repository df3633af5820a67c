package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Suggestions;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.rules.FlinkConfigs.Block;
import io.flinkops.validate.rules.FlinkConfigs.Setting;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** FO406: {@code {{ … }}} placeholders in Flink configuration values are the four that flinkops fills in. */
public final class PlaceholderRules implements Rule {
    /** The placeholders filled in at render time (docs/config-reference.md, "Secrets and placeholders"). */
    public static final List<String> PLACEHOLDERS = List.of("namespace", "deploymentName", "deploymentId", "jobId");
    /** {@code {{ name }}}; whitespace inside the braces is allowed. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.UNKNOWN_PLACEHOLDER);
    }

    @Override
    public void check(ResolvedRepo repo, RuleContext context) {
        for (Block block : FlinkConfigs.writtenBlocks(repo)) {
            for (Setting s : block.settings()) {
                Matcher m = PLACEHOLDER.matcher(s.value());
                while (m.find()) {
                    String name = m.group(1).trim();
                    if (PLACEHOLDERS.contains(name)) continue;
                    String hint = Suggestions.closest(name, PLACEHOLDERS)
                            .map(c -> "Did you mean `{{ " + c + " }}`?")
                            .orElse("Use one of `{{ namespace }}`, `{{ deploymentName }}`, `{{ deploymentId }}` and `{{ jobId }}`, or remove the braces.");
                    context.diagnostics().report(Code.UNKNOWN_PLACEHOLDER, s.location(), s.pointer(),
                            "Unknown placeholder `" + m.group() + "` in `" + s.key() + "`; it would reach Flink as literal text.", hint);
                }
            }
        }
    }
}
