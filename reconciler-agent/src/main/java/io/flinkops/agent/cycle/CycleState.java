package io.flinkops.agent.cycle;

import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;
import io.flinkops.agent.record.StatusRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one cycle's steps have produced so far, for the steps after them and for the loop's report. Each product is
 * stored by the step that makes it, once that step succeeded, so "absent" means the step did not run or failed.
 */
public final class CycleState {
    private final List<StepReport> reports = new ArrayList<>();
    private ConfigRepo.Fetched fetched;
    private DesiredState desired;
    private ApplyResult applied;
    private PruneResult pruned;
    private Observation observation;
    private StatusRecorder.Recorded recorded;
    private boolean dryRun;

    /** The reports of the steps that are done, in order. */
    public List<StepReport> reports() {
        return List.copyOf(reports);
    }

    public Optional<StepReport> report(Step step) {
        return reports.stream().filter(r -> r.step() == step).findFirst();
    }

    /** The failure that stopped {@code step}, when it failed. */
    public Optional<Problem> failure(Step step) {
        return report(step).flatMap(StepReport::failure);
    }

    public Optional<ConfigRepo.Fetched> fetched() {
        return Optional.ofNullable(fetched);
    }

    /** The config commit fetched. */
    public Optional<String> commit() {
        return fetched().map(ConfigRepo.Fetched::commit);
    }

    /** This commit's build, valid or not. */
    public Optional<DesiredState> desired() {
        return Optional.ofNullable(desired);
    }

    /** This commit's build, when it has no errors. */
    public Optional<DesiredState> validDesired() {
        return desired().filter(DesiredState::valid);
    }

    public Optional<ApplyResult> applied() {
        return Optional.ofNullable(applied);
    }

    /**
     * Apply succeeded, refused nothing and left no session job waiting: the commit is the last one applied completely.
     * Information (drift put back, a paused resource, {@link Recovery#NONE}) does not count against it; a dry run
     * applies nothing.
     */
    public boolean appliedCleanly() {
        return applied != null && !applied.dryRun()
                && report(Step.APPLY).map(r -> r.problems().stream().allMatch(p -> p.recovery() == Recovery.NONE)).orElse(false);
    }

    public Optional<PruneResult> pruned() {
        return Optional.ofNullable(pruned);
    }

    public Optional<Observation> observation() {
        return Optional.ofNullable(observation);
    }

    public Optional<StatusRecorder.Recorded> recorded() {
        return Optional.ofNullable(recorded);
    }

    /** The cycle only asked the API server what it would do ({@code --dry-run}): nothing was changed or recorded. */
    public boolean dryRun() {
        return dryRun;
    }

    void dryRun(boolean value) {
        dryRun = value;
    }

    void add(StepReport report) {
        reports.add(report);
    }

    void fetched(ConfigRepo.Fetched value) {
        fetched = value;
    }

    void desired(DesiredState value) {
        desired = value;
    }

    void applied(ApplyResult value) {
        applied = value;
    }

    void pruned(PruneResult value) {
        pruned = value;
    }

    void observation(Observation value) {
        observation = value;
    }

    void recorded(StatusRecorder.Recorded value) {
        recorded = value;
    }
}
