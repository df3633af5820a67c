package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.flinkconfig.ConfigValues;
import io.flinkops.flinkconfig.ExcludedPeriods;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedConfiguration;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.flinkconfig.OperatorKeys;
import io.flinkops.flinkconfig.OperatorKeys.AutoscalerRange;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * FO508, FO509: the autoscaler options the operator's admission check reads when {@code job.autoscaler.enabled} is
 * true ({@code AutoscalerValidator}, release 1.15.0): numbers within their ranges ({@link OperatorKeys#AUTOSCALER_RANGES};
 * the utilization maximum and minimum are bounded by the utilization target) and valid excluded periods. The
 * operator checks every FlinkDeployment (application mode and session clusters) with its own configuration and every
 * FlinkSessionJob with its cluster's overlaid by its own; a value is reported once, where it is written.
 */
public final class AutoscalerRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.AUTOSCALER_OPTION_INVALID, Code.AUTOSCALER_EXCLUDED_PERIODS_INVALID);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        // Session clusters come before their jobs in the plan, so a cluster's value is reported as the cluster's.
        Set<Location> reported = new HashSet<>();
        for (ResourcePlan p : plan.plans()) {
            LocatedConfiguration settings = p.configuration();
            if (!settings.values().isTrue(FlinkOptions.AUTOSCALER_ENABLED)) continue;
            LocatedSetting enabled = settings.get(settings.values().keyOf(FlinkOptions.AUTOSCALER_ENABLED).orElseThrow()).orElseThrow();
            String because = " while the autoscaler is enabled (`" + enabled.key() + "` at " + enabled.file() + ":" + enabled.location().line() + ")";
            Optional<Double> target = target(settings);
            for (AutoscalerRange range : OperatorKeys.AUTOSCALER_RANGES) {
                settings.setting(range.option()).filter(s -> reported.add(s.location()))
                        .ifPresent(s -> checkRange(p, range, s, target, because, context));
            }
            settings.setting(FlinkOptions.AUTOSCALER_EXCLUDED_PERIODS).filter(s -> !ConfigValues.isDeferred(s.value()))
                    .filter(s -> reported.add(s.location()))
                    .ifPresent(s -> ExcludedPeriods.problem(s.value()).ifPresent(problem ->
                            context.diagnostics().report(Code.AUTOSCALER_EXCLUDED_PERIODS_INVALID, s.location(), s.pointer(),
                                    "`" + s.key() + "` of " + describe(p) + ": " + problem + "; the operator refuses invalid excluded periods" + because + ".",
                                    "Write `;`-separated periods, each a daily time range (`09:00-17:30`), a Quartz cron expression with 6 or 7 fields"
                                            + " (`* * 9-17 ? * MON-FRI`), or one of each joined by `&&`.")));
        }
    }

    /** The effective utilization target when it is a valid one; empty when it is invalid (reported on its own). */
    private static Optional<Double> target(LocatedConfiguration settings) {
        Optional<LocatedSetting> s = settings.setting(FlinkOptions.AUTOSCALER_UTILIZATION_TARGET);
        if (s.isEmpty()) return Optional.of(OperatorKeys.DEFAULT_UTILIZATION_TARGET);
        return ConfigValues.decimal(s.get().value()).filter(v -> v >= 0 && v <= 1);
    }

    private static void checkRange(ResourcePlan p, AutoscalerRange range, LocatedSetting s, Optional<Double> target, String because,
                                   RuleContext context) {
        if (ConfigValues.isDeferred(s.value())) return;
        String key = range.option().current();
        Optional<Double> value = ConfigValues.decimal(s.value());
        if (value.isEmpty()) {
            context.diagnostics().report(Code.AUTOSCALER_OPTION_INVALID, s.location(), s.pointer(),
                    "`" + s.key() + "` is `" + s.value().trim() + "` for " + describe(p) + ", which is not a number; the operator refuses it" + because
                            + " (\"Invalid value in the autoscaler config " + key + "\").",
                    "Write a decimal number, e.g. `0.5`.");
            return;
        }
        if ((range.minByTarget() || range.maxByTarget()) && target.isEmpty()) return; // the invalid target is reported
        Double min = range.minByTarget() ? target.get() : range.min();
        Double max = range.maxByTarget() ? target.get() : range.max();
        double v = value.get();
        if ((min == null || v >= min) && (max == null || v <= max)) return;
        String bounds = "[" + (min == null ? "-Infinity" : min.toString()) + ", " + (max == null ? "+Infinity" : max.toString()) + "]";
        String byTarget = range.minByTarget() || range.maxByTarget() ? " (bounded by the utilization target " + target.get()
                + (isTargetSet(p) ? "" : ", the default when `" + FlinkOptions.AUTOSCALER_UTILIZATION_TARGET.current() + "` is not set") + ")" : "";
        context.diagnostics().report(Code.AUTOSCALER_OPTION_INVALID, s.location(), s.pointer(),
                "`" + s.key() + "` is `" + s.value().trim() + "` for " + describe(p) + ", outside " + bounds + byTarget + "; the operator refuses it" + because
                        + " (\"The AutoScalerOption " + key + " is invalid, it should be a value within the range " + bounds + "\").",
                "Set it to a value within " + bounds + ".");
    }

    private static boolean isTargetSet(ResourcePlan p) {
        return p.configuration().setting(FlinkOptions.AUTOSCALER_UTILIZATION_TARGET).isPresent();
    }

    /** "Deployment `orders`", "SessionCluster `shared`", "session job `alerts` on SessionCluster `shared`". */
    private static String describe(ResourcePlan p) {
        return p.isSessionJob() ? "session job `" + p.name() + "` on SessionCluster `" + p.deployment().spec().sessionClusterName() + "`" : p.describe();
    }
}
