package io.flinkops.plan;

import io.flinkops.model.DeploymentSpec;

import java.util.Optional;

/**
 * The job of a Deployment, as the operator is asked to run it.
 *
 * @param state              {@code job.state} and {@code job.upgradeMode}
 * @param runningUpgradeMode the upgrade mode of its strategies, which a RUNNING job uses ({@link JobModes#runningUpgradeMode});
 *                           a SUSPENDED or CANCELLED job's object does not show it
 * @param vvpState           RUNNING, SUSPENDED or CANCELLED
 * @param jobId              the job id flinkops fixes (or the user fixed) and the template variables see; empty
 *                           when the operator chooses it
 * @param jobIdKnown         whether the job id can be known when rendering (fixed by the user, or every start
 *                           restores state); {@code {{ jobId }}} is filled in only then
 * @param restore            {@code restoreStrategy}, for {@code allowNonRestoredState}; may be null
 */
public record JobPlan(JobModes.JobState state, String runningUpgradeMode, String vvpState, Optional<String> jobId, boolean jobIdKnown,
                      Parallelism parallelism, ArtifactPlan artifact, DeploymentSpec.RestoreStrategy restore) {

    public boolean running() {
        return state.state().equals(JobModes.RUNNING);
    }

    /** The strategies keep state across upgrades (savepoint or last-state). */
    public boolean stateful() {
        return !runningUpgradeMode.equals(JobModes.STATELESS);
    }
}
