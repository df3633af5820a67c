package io.flinkops.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.plan.JobModes;
import io.flinkops.plan.JobPlan;
import io.flinkops.render.RenderedObject;

import java.util.Optional;

/**
 * A rendered job as the operator sees it ({@code job.state}, {@code job.upgradeMode}) together with what the plan
 * says of it: the mode its VVP strategies give it while running ({@link JobPlan#runningUpgradeMode}), which a
 * SUSPENDED or CANCELLED job's object does not show, and the parallelism it runs with.
 *
 * @param state           {@code running} or {@code suspended}
 * @param upgradeMode     the object's {@code job.upgradeMode}
 * @param configuredMode  the upgrade mode of the strategies (what a RUNNING job uses), or the object's when unknown
 * @param vvpState        RUNNING, SUSPENDED or CANCELLED
 * @param parallelism     the parallelism the job runs with ({@link io.flinkops.plan.Parallelism#running()}); the
 *                        object's {@code job.parallelism} when there is no plan
 * @param flinkVersion    the object's {@code flinkVersion} ({@code v1_20}); null for a session job
 */
public record JobView(String state, String upgradeMode, String configuredMode, String vvpState, int parallelism,
                      boolean allowNonRestoredState, String flinkVersion) {

    static JobView of(RenderedObject object, Optional<JobPlan> plan) {
        JsonNode s = object.content().path("spec");
        JsonNode job = s.path("job");
        String state = job.path("state").asText(JobModes.RUNNING);
        String mode = job.path("upgradeMode").asText(JobModes.STATELESS);
        String configured = plan.map(JobPlan::runningUpgradeMode).orElse(mode);
        String vvp = plan.map(JobPlan::vvpState)
                .orElse(state.equals(JobModes.RUNNING) ? "RUNNING" : mode.equals(JobModes.STATELESS) ? "CANCELLED" : "SUSPENDED");
        int parallelism = plan.map(p -> p.parallelism().running()).orElse(job.path("parallelism").asInt(1));
        String version = s.has("flinkVersion") ? s.get("flinkVersion").asText() : null;
        return new JobView(state, mode, configured, vvp, parallelism, job.path("allowNonRestoredState").asBoolean(false), version);
    }

    public boolean running() {
        return state.equals(JobModes.RUNNING);
    }

    /** Suspended with a savepoint or last-state (VVP's SUSPENDED): its state is kept for a resume. */
    public boolean suspendedWithState() {
        return !running() && !upgradeMode.equals(JobModes.STATELESS);
    }

    /** Suspended stateless (VVP's CANCELLED): cancelled without a savepoint. */
    public boolean cancelled() {
        return !running() && upgradeMode.equals(JobModes.STATELESS);
    }

    /** The strategies keep state across upgrades (savepoint or last-state). */
    public boolean configuredStateful() {
        return !configuredMode.equals(JobModes.STATELESS);
    }
}
