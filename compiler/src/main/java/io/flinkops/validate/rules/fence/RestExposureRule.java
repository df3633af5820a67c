package io.flinkops.validate.rules.fence;

import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.flinkconfig.ConfigBlock;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.plan.RepoPlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * FO216: the REST API's Service is of a type the policy allows (default: those that stay inside the cluster). Flink
 * parses the value without regard to case, and so does this rule. Checked where each block is written.
 */
public final class RestExposureRule implements Rule {
    /** The types allowed when the policy says nothing: no address outside the cluster's network. */
    public static final List<String> DEFAULT_ALLOWED = List.of("ClusterIP", "Headless_ClusterIP");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.REST_EXPOSURE_NOT_ALLOWED);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        List<String> policy = plan.resolved().settings().policyOrEmpty().allowedRestServiceTypes();
        List<String> allowed = policy == null ? DEFAULT_ALLOWED : policy;
        for (ConfigBlock block : ConfigBlock.of(plan.resolved())) {
            for (LocatedSetting s : block.configuration().settings()) {
                if (!FlinkOptions.REST_SERVICE_EXPOSED_TYPE.names().contains(s.key())) continue;
                String type = s.value().trim();
                if (allowed.stream().anyMatch(a -> a.toUpperCase(Locale.ROOT).equals(type.toUpperCase(Locale.ROOT)))) continue;
                context.diagnostics().report(Code.REST_EXPOSURE_NOT_ALLOWED, s.location(), s.pointer(),
                        "`" + s.key() + "` `" + type + "` would expose the Flink REST API, which has no authentication and runs uploaded jars, "
                                + "and `policy.allowedRestServiceTypes` of flinkops.yaml allows " + Phrases.quoted(allowed) + ".",
                        "Remove the key (Flink's default is `ClusterIP`) and open the web UI with `kubectl port-forward svc/<deployment>-rest 8081`, "
                                + "or ask the platform team to allow `" + type + "`.");
            }
        }
    }
}
