package io.flinkops.plan;

import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkVersions;

/**
 * VVP's desired state, upgrade strategy and restore strategy as the operator's {@code job.state} and
 * {@code job.upgradeMode} (docs/render-mapping.md, "State and upgrade mode").
 */
public final class JobModes {
    public static final String STATELESS = "stateless";
    public static final String SAVEPOINT = "savepoint";
    public static final String LAST_STATE = "last-state";
    public static final String RUNNING = "running";
    public static final String SUSPENDED = "suspended";

    /** The first operator release that runs session jobs with upgrade mode last-state. */
    static final String SESSION_LAST_STATE_SINCE = "1.10";

    private JobModes() {
    }

    /** What the operator is asked to do with a job. */
    public record JobState(String state, String upgradeMode) {
    }

    /**
     * The upgrade mode of a running job: {@code stateless} when the upgrade strategy is STATELESS or the job
     * never restores state (restore NONE or unset); otherwise by the restore strategy, LATEST_SAVEPOINT →
     * {@code savepoint}, LATEST_STATE → {@code last-state} (for a session job on an operator older than 1.10,
     * which has no last-state mode for session jobs, {@code savepoint}). Upgrade strategy NONE (VVP: apply
     * changes only when the job is restarted) has no operator equivalent; it is mapped like STATEFUL, so that
     * changes never discard state.
     */
    public static String runningUpgradeMode(DeploymentSpec spec, boolean sessionJob, String operatorVersion) {
        String upgrade = spec.upgradeStrategyKind();
        String restore = spec.restoreStrategyKind();
        if ("STATELESS".equals(upgrade) || restore == null || "NONE".equals(restore)) return STATELESS;
        if ("LATEST_SAVEPOINT".equals(restore)) return SAVEPOINT;
        if (sessionJob && FlinkVersions.compare(operatorVersion, SESSION_LAST_STATE_SINCE) < 0) return SAVEPOINT;
        return LAST_STATE;
    }

    /**
     * RUNNING → running with the strategies' upgrade mode; SUSPENDED → suspended with {@code savepoint} (VVP
     * suspends with a savepoint, and resuming restores it); CANCELLED → suspended with {@code stateless}, which
     * the operator carries out as a cancel without savepoint (the operator has no cancelled state).
     */
    public static JobState of(DeploymentSpec spec, boolean sessionJob, String operatorVersion) {
        String state = spec.state() == null ? "RUNNING" : spec.state();
        return switch (state) {
            case "SUSPENDED" -> new JobState(SUSPENDED, SAVEPOINT);
            case "CANCELLED" -> new JobState(SUSPENDED, STATELESS);
            default -> new JobState(RUNNING, runningUpgradeMode(spec, sessionJob, operatorVersion));
        };
    }
}
