package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.FlinkConfiguration;
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
 * FO306–FO309: the operator's own features, switched on per resource in {@code flinkConfiguration}, and what its
 * admission check requires for them ({@code DefaultValidator}, release 1.15.0): periodic savepoints and the last-state
 * maximum checkpoint age need a savepoint directory (checked for every job, a session job with its cluster's
 * configuration under its own); rollback needs high availability and the cluster health check needs JobManager
 * deployment recovery (checked for every FlinkDeployment: application mode and session clusters).
 *
 * <p>One missing setting is one diagnostic: where FO302 already reports the missing savepoint directory, or FO304 or
 * FO305 the missing high availability, these are not reported again.
 */
public final class OperatorFeatureRules implements Rule {
    private static final String SAVEPOINT_DIR = FlinkOptions.SAVEPOINT_DIR.current();

    @Override
    public Set<Code> codes() {
        return Set.of(Code.SAVEPOINT_DIR_REQUIRED_FOR_PERIODIC_SAVEPOINTS, Code.SAVEPOINT_DIR_REQUIRED_FOR_CHECKPOINT_AGE,
                Code.HA_REQUIRED_FOR_ROLLBACK, Code.HEALTH_CHECK_NEEDS_JOBMANAGER_RECOVERY);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            if (p.job().isPresent()) checkSavepointFeatures(p, context);
            if (p.cluster().isPresent()) {
                checkRollback(p, context);
                checkHealthCheck(p, context);
            }
        }
    }

    // FO306, FO307

    private static void checkSavepointFeatures(ResourcePlan p, RuleContext context) {
        LocatedConfiguration settings = p.configuration();
        if (settings.values().isSet(FlinkOptions.SAVEPOINT_DIR) || StateRules.reportsMissingSavepointDir(p)) return;
        Optional<LocatedSetting> periodic = settings.setting(FlinkOptions.PERIODIC_SAVEPOINT_INTERVAL);
        if (periodic.isPresent()) {
            LocatedSetting s = periodic.get();
            context.diagnostics().report(Code.SAVEPOINT_DIR_REQUIRED_FOR_PERIODIC_SAVEPOINTS, s.location(), s.pointer(),
                    "`" + s.key() + "` " + shown(s) + " for " + describe(p) + ", which has no savepoint directory" + dirs(p)
                            + "; the operator refuses periodic savepoints without one (\"Periodic savepoints cannot be enabled when config key["
                            + SAVEPOINT_DIR + "] is not set\").",
                    "Set `" + SAVEPOINT_DIR + "` (ideally once in the defaults, with `{{ namespace }}/{{ deploymentName }}` in the path), or remove `"
                            + s.key() + "`.");
            return;
        }
        Optional<LocatedSetting> maxAge = settings.setting(FlinkOptions.LAST_STATE_MAX_CHECKPOINT_AGE);
        if (maxAge.isPresent()) {
            LocatedSetting s = maxAge.get();
            context.diagnostics().report(Code.SAVEPOINT_DIR_REQUIRED_FOR_CHECKPOINT_AGE, s.location(), s.pointer(),
                    "`" + s.key() + "` " + shown(s) + " for " + describe(p) + ", which has no savepoint directory" + dirs(p)
                            + "; when the latest checkpoint is older, the operator upgrades with a savepoint instead, so it refuses the option without one"
                            + " (\"In order to use max-checkpoint age functionality config key[" + SAVEPOINT_DIR + "] must be set to allow triggering savepoint upgrades.\").",
                    "Set `" + SAVEPOINT_DIR + "` (ideally once in the defaults, with `{{ namespace }}/{{ deploymentName }}` in the path), or remove `"
                            + s.key() + "`.");
        }
    }

    /** " (`execution.checkpointing.savepoint-dir` is empty)" when it is set blank, else "". */
    private static String dirs(ResourcePlan p) {
        return p.configuration().setting(FlinkOptions.SAVEPOINT_DIR)
                .map(s -> " (`" + s.key() + "` is empty)")
                .orElse("");
    }

    // FO308

    private static void checkRollback(ResourcePlan p, RuleContext context) {
        LocatedConfiguration settings = p.configuration();
        FlinkConfiguration config = settings.values();
        if (!config.isTrue(FlinkOptions.ROLLBACK_ENABLED) || config.haEnabled() || StateRules.reportsMissingHa(p)) return;
        LocatedSetting s = located(settings, FlinkOptions.ROLLBACK_ENABLED);
        String ha = config.get(FlinkOptions.HA_TYPE)
                .map(v -> "`" + config.keyOf(FlinkOptions.HA_TYPE).orElseThrow() + "` is `" + v.trim() + "`")
                .orElse("high availability is not enabled");
        context.diagnostics().report(Code.HA_REQUIRED_FOR_ROLLBACK, s.location(), s.pointer(),
                "`" + s.key() + "` is `" + s.value().trim() + "` for " + describe(p) + ", but " + ha
                        + "; the operator rolls back to the last stable spec through the HA metadata and refuses rollback without it (\"HA must be enabled for rollback support.\").",
                "Set `high-availability.type: kubernetes` and `high-availability.storageDir`, or remove `" + s.key() + "`.");
    }

    // FO309

    private static void checkHealthCheck(ResourcePlan p, RuleContext context) {
        LocatedConfiguration settings = p.configuration();
        FlinkConfiguration config = settings.values();
        if (!config.isTrue(FlinkOptions.HEALTH_CHECK_ENABLED) || !config.isFalse(FlinkOptions.JM_DEPLOYMENT_RECOVERY_ENABLED)) return;
        LocatedSetting recovery = located(settings, FlinkOptions.JM_DEPLOYMENT_RECOVERY_ENABLED);
        LocatedSetting health = located(settings, FlinkOptions.HEALTH_CHECK_ENABLED);
        String recoveryKey = FlinkOptions.JM_DEPLOYMENT_RECOVERY_ENABLED.current();
        String healthKey = FlinkOptions.HEALTH_CHECK_ENABLED.current();
        context.diagnostics().report(Code.HEALTH_CHECK_NEEDS_JOBMANAGER_RECOVERY, recovery.location(), recovery.pointer(),
                "`" + recovery.key() + "` is `" + recovery.value().trim() + "` for " + describe(p) + ", but `" + health.key() + "` is `"
                        + health.value().trim() + "` (" + health.file() + ":" + health.location().line() + "); the health check restarts an unhealthy job through JobManager deployment recovery,"
                        + " which the operator therefore requires (\"Deployment recovery (" + recoveryKey
                        + ") must be enabled for job health check (" + healthKey + ") support.\").",
                "Remove `" + recovery.key() + ": false` (recovery is on by default), or set `" + healthKey + "` to false.");
    }

    /** The setting that gives {@code option} its value (the first of its names set to a non-blank value). */
    private static LocatedSetting located(LocatedConfiguration settings, FlinkOption option) {
        String key = settings.values().keyOf(option).orElseThrow();
        return settings.get(key).orElseThrow();
    }

    /** "is `10m`", or "is set (empty)" for a blank value. */
    private static String shown(LocatedSetting s) {
        return s.value().isBlank() ? "is set (empty)" : "is `" + s.value().trim() + "`";
    }

    /** "Deployment `orders`", "SessionCluster `shared`", "session job `alerts` on SessionCluster `shared`". */
    private static String describe(ResourcePlan p) {
        return p.isSessionJob() ? "session job `" + p.name() + "` on SessionCluster `" + p.deployment().spec().sessionClusterName() + "`" : p.describe();
    }
}
