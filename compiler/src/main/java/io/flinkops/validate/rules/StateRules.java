package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.flinkconfig.FlinkConfiguration;
import io.flinkops.flinkconfig.FlinkOption;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedConfiguration;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.plan.JobModes;
import io.flinkops.plan.JobPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.Savepoint;
import io.flinkops.resolve.NullRemoval;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;


import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Upgrade, restore and high availability (FO301–FO305): what a Deployment's upgrade and restore strategies
 * and its JobManager count require of its effective Flink configuration.
 *
 * <p>Session mode: a session job's configuration is its SessionCluster's overlaid by its own. Restore
 * LATEST_STATE of a session job does not need high availability (FO304 does not apply): the operator
 * (1.10 and later) performs a session job's last-state upgrade by cancelling the job and restoring from its
 * latest checkpoint, never from HA metadata, and 1.7–1.9 have no last-state mode for session jobs at all.
 * It still needs a checkpoint directory (FO303), which the operator checks for session jobs too.
 */
public final class StateRules implements Rule {
    static final String STATEFUL = "STATEFUL";
    static final String SUSPENDED = "SUSPENDED";
    static final String LATEST_STATE = "LATEST_STATE";
    static final String LATEST_SAVEPOINT = "LATEST_SAVEPOINT";
    static final String NONE = "NONE";


    @Override
    public Set<Code> codes() {
        return Set.of(Code.STATEFUL_NEEDS_LATEST_RESTORE, Code.SAVEPOINT_DIR_REQUIRED, Code.CHECKPOINT_DIR_REQUIRED,
                Code.HA_REQUIRED_FOR_LATEST_STATE, Code.HA_REQUIRED_FOR_STANDBY);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        plan.deployments().forEach(p -> checkDeployment(plan.resolved(), p, context));
        plan.sessionClusters().forEach(c -> checkStandby(c.source(), "SessionCluster", c.configuration(), context));
    }

    private void checkDeployment(ResolvedRepo repo, ResourcePlan p, RuleContext context) {
        Resolved<DeploymentSpec> d = p.deployment();
        DeploymentSpec spec = d.spec();
        JobPlan job = p.job().orElseThrow();
        String upgrade = spec.upgradeStrategyKind();
        String restore = spec.restoreStrategyKind();
        boolean session = p.isSessionJob();
        LocatedConfiguration settings = p.configuration();
        FlinkConfiguration config = settings.values();

        // FO301
        if (STATEFUL.equals(upgrade) && (restore == null || NONE.equals(restore))) {
            String hint = "Set `restoreStrategy.kind` to `LATEST_STATE` or `LATEST_SAVEPOINT`, or use `upgradeStrategy.kind: STATELESS`.";
            Optional<NullRemoval> removed = restore == null
                    ? NullRemoval.find(repo, d, List.of(DeploymentSpec.RESTORE_STRATEGY_KIND)) : Optional.empty();
            if (removed.isPresent()) {
                NullRemoval r = removed.get();
                context.diagnostics().report(Code.STATEFUL_NEEDS_LATEST_RESTORE, r.location(), r.path(),
                        "Setting `" + r.removedName() + "` to null removes the restore strategy inherited from " + r.removedFrom().file()
                                + ", but Deployment `" + d.name() + "` has `upgradeStrategy.kind` `STATEFUL`, which needs one.", hint);
            } else if (restore == null) {
                context.report(Code.STATEFUL_NEEDS_LATEST_RESTORE, d, DeploymentSpec.RESTORE_STRATEGY_KIND,
                        "`upgradeStrategy.kind` is `STATEFUL`, but `restoreStrategy.kind` is not set, so it is unclear which state the upgraded job starts from.", hint);
            } else {
                context.report(Code.STATEFUL_NEEDS_LATEST_RESTORE, d, DeploymentSpec.RESTORE_STRATEGY_KIND,
                        "`upgradeStrategy.kind` is `STATEFUL`, but `restoreStrategy.kind` is `NONE`, so the upgraded job would start from empty state and the savepoint would be wasted.", hint);
            }
        }

        // FO302: STATEFUL upgrades, suspending, LATEST_SAVEPOINT and savepoint requests all take or read savepoints.
        List<String> savepointReasons = savepointReasons(p);
        if (!savepointReasons.isEmpty() && !config.isSet(FlinkOptions.SAVEPOINT_DIR)) {
            reportMissing(repo, d, context, Code.SAVEPOINT_DIR_REQUIRED, FlinkOptions.SAVEPOINT_DIR, settings,
                    "a savepoint directory", Phrases.and(savepointReasons),
                    "ideally once in the defaults with `{{ namespace }}/{{ deploymentName }}` in the path");
        }

        // FO303: LATEST_STATE restores from the latest checkpoint; the operator's savepoint and last-state
        // upgrade modes (STATEFUL) both require a checkpoint directory (admission check).
        List<String> checkpointReasons = new ArrayList<>();
        if (LATEST_STATE.equals(restore)) checkpointReasons.add("its `restoreStrategy.kind` is `LATEST_STATE`");
        if (STATEFUL.equals(upgrade)) checkpointReasons.add("its `upgradeStrategy.kind` is `STATEFUL`");
        // Upgrade NONE (or unset) with LATEST_SAVEPOINT runs with the savepoint upgrade mode too.
        if (LATEST_SAVEPOINT.equals(restore) && !STATEFUL.equals(upgrade) && job.runningUpgradeMode().equals(JobModes.SAVEPOINT)) {
            checkpointReasons.add("its `restoreStrategy.kind` is `LATEST_SAVEPOINT`, which runs with the operator's savepoint upgrade mode");
        }
        if (!checkpointReasons.isEmpty() && !config.isSet(FlinkOptions.CHECKPOINT_DIR)) {
            reportMissing(repo, d, context, Code.CHECKPOINT_DIR_REQUIRED, FlinkOptions.CHECKPOINT_DIR, settings,
                    "a checkpoint directory", Phrases.and(checkpointReasons), "ideally once in the defaults");
        }

        // FO304: application mode only (see the class comment).
        if (latestStateWithoutHa(p)) {
            Optional<LocatedSetting> ha = settings.setting(FlinkOptions.HA_TYPE);
            String because = "its `restoreStrategy.kind` is `LATEST_STATE`";
            String hint = "Set `high-availability.type: kubernetes` and `high-availability.storageDir`; the operator's last-state upgrade finds the latest checkpoint through the HA metadata.";
            if (ha.isPresent() && !ha.get().value().isBlank()) {
                LocatedSetting s = ha.get();
                context.diagnostics().report(Code.HA_REQUIRED_FOR_LATEST_STATE, s.location(), s.pointer(),
                        "`" + s.key() + "` is `" + s.value().trim() + "`, but Deployment `" + d.name()
                                + "` needs high availability because " + because + ".", hint);
            } else {
                reportMissing(repo, d, context, Code.HA_REQUIRED_FOR_LATEST_STATE, FlinkOptions.HA_TYPE, settings,
                        "high availability", because, null);
            }
        }

        // FO305: a session job has no JobManagers of its own.
        if (!session) checkStandby(d, "Deployment", settings, context);
    }

    /** Why a Deployment needs a savepoint directory (FO302); empty when its strategies and state need none. */
    private static List<String> savepointReasons(ResourcePlan p) {
        DeploymentSpec spec = p.deployment().spec();
        List<String> reasons = new ArrayList<>();
        if (STATEFUL.equals(spec.upgradeStrategyKind())) reasons.add("its `upgradeStrategy.kind` is `STATEFUL`");
        if (SUSPENDED.equals(p.job().orElseThrow().vvpState())) reasons.add("its `state` is `SUSPENDED`");
        if (LATEST_SAVEPOINT.equals(spec.restoreStrategyKind())) reasons.add("its `restoreStrategy.kind` is `LATEST_SAVEPOINT`");
        // The operator writes a requested savepoint to the configured directory (and refuses a trigger nonce without one).
        p.operations().savepoints().stream().filter(Savepoint::isRequest).findFirst()
                .ifPresent(s -> reasons.add("Savepoint `" + s.name() + "` asks for a savepoint"));
        return reasons;
    }

    /** Whether FO302 reports the Deployment of {@code p}: its strategies or state need a savepoint directory, and it has none. */
    static boolean reportsMissingSavepointDir(ResourcePlan p) {
        return !savepointReasons(p).isEmpty()
                && !p.configuration().values().isSet(FlinkOptions.SAVEPOINT_DIR);
    }

    /**
     * Whether FO304 or FO305 report that the resource of {@code p} needs high availability, which it does not have:
     * an application-mode LATEST_STATE restore, or standby JobManagers.
     */
    static boolean reportsMissingHa(ResourcePlan p) {
        if (p.isSessionJob()) return false;
        return (p.kind() == ResourcePlan.Kind.APPLICATION && latestStateWithoutHa(p)) || standbyWithoutHa(p.configuration());
    }

    private static boolean latestStateWithoutHa(ResourcePlan p) {
        return LATEST_STATE.equals(p.deployment().spec().restoreStrategyKind()) && !p.isSessionJob()
                && !p.configuration().values().haEnabled();
    }

    private static boolean standbyWithoutHa(LocatedConfiguration settings) {
        FlinkConfiguration config = settings.values();
        Optional<Integer> n = config.integer(FlinkOptions.JOBMANAGER_REPLICAS);
        return settings.setting(FlinkOptions.JOBMANAGER_REPLICAS).isPresent() && n.isPresent() && n.get() > 1 && !config.haEnabled();
    }

    /**
     * Reports that {@code option} is required but not set: at an empty value if there is one, at the null
     * that removed an inherited value, else at the nearest existing parent in the Deployment's own file.
     */
    private void reportMissing(ResolvedRepo repo, Resolved<DeploymentSpec> d, RuleContext context, Code code, FlinkOption option,
                               LocatedConfiguration settings, String what, String because, String where) {
        String needs = "Deployment `" + d.name() + "` needs " + what + " because " + because;
        boolean ha = option == FlinkOptions.HA_TYPE;
        String setIt = ha
                ? "Set `high-availability.type: kubernetes` and `high-availability.storageDir`"
                : "Set `" + option.current() + "`";
        String session = d.spec().sessionClusterName();

        Optional<LocatedSetting> blank = settings.setting(option);
        if (blank.isPresent()) {
            LocatedSetting s = blank.get();
            context.diagnostics().report(code, s.location(), s.pointer(),
                    "`" + s.key() + "` is empty, but " + needs + ".", setIt + " to a non-empty value.");
            return;
        }
        Optional<NullRemoval> removed = NullRemoval.find(repo, d, option.names().stream().map(DeploymentSpec.TEMPLATE::configKey).toList());
        if (removed.isPresent()) {
            NullRemoval r = removed.get();
            String nulled = r.removedName();
            String message = (nulled.equals(r.key())
                    ? "Setting `" + r.key() + "` to null removes the value inherited from " + r.removedFrom().file()
                    : "Setting `" + nulled + "` to null removes `" + r.key() + "` inherited from " + r.removedFrom().file())
                    + ", but " + needs + ".";
            context.diagnostics().report(code, r.location(), r.path(), message,
                    "Remove the null to keep the inherited value, or set `" + option.current() + "` to another value.");
            return;
        }
        FieldPath pointer = DeploymentSpec.TEMPLATE.configKey(option.current());
        String message = ha
                ? needs + ", but its effective Flink configuration does not enable it (`" + option.current() + "` is not set)."
                : needs + ", but its effective Flink configuration sets neither `" + option.names().get(0) + "` nor `" + option.names().get(1) + "`.";
        String hint = session != null
                ? setIt + " in SessionCluster `" + session + "` or in the Deployment's `flinkConfiguration`."
                : setIt + (where == null ? " in the Deployment's `flinkConfiguration` or in the defaults." : ", " + where + ".");
        context.reportMissing(code, d, pointer, message, hint);
    }

    /** FO305: more than one JobManager (standby JobManagers) needs high availability for leader election. */
    private void checkStandby(Resolved<?> owner, String kind, LocatedConfiguration settings, RuleContext context) {
        FlinkConfiguration config = settings.values();
        if (!standbyWithoutHa(settings)) return;
        LocatedSetting s = settings.setting(FlinkOptions.JOBMANAGER_REPLICAS).orElseThrow();
        String ha = config.get(FlinkOptions.HA_TYPE)
                .map(v -> "`" + config.keyOf(FlinkOptions.HA_TYPE).orElseThrow() + "` is `" + v.trim() + "`")
                .orElse("high availability is not enabled");
        context.diagnostics().report(Code.HA_REQUIRED_FOR_STANDBY, s.location(), s.pointer(),
                "`" + s.key() + "` is `" + s.value().trim() + "` for " + kind + " `" + owner.name() + "`, but " + ha
                        + "; the operator rejects standby JobManagers without it (\"High availability should be enabled when starting standby JobManagers.\").",
                "Set `high-availability.type: kubernetes` and `high-availability.storageDir`, or set `" + s.key() + "` to 1.");
    }
}
