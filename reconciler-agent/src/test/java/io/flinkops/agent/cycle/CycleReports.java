package io.flinkops.agent.cycle;

import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;

import java.time.Duration;
import java.util.Optional;

/** Builds cycle reports for tests outside the cycle package (metrics, logs), as if a cycle had produced them. */
public final class CycleReports {
    private final CycleState state = new CycleState();

    /** A report of a cycle that fetched {@code commit} (null: fetch failed). */
    public static CycleReports fetched(String commit) {
        CycleReports r = new CycleReports();
        if (commit != null) r.state.fetched(new ConfigRepo.Fetched(commit, Optional.empty()));
        return r;
    }

    public CycleReports applied(ApplyResult result) {
        state.applied(result);
        return this;
    }

    public CycleReports pruned(PruneResult result) {
        state.pruned(result);
        return this;
    }

    public CycleReports observed(Observation observation) {
        state.observation(observation);
        return this;
    }

    public CycleReports step(StepReport report) {
        state.add(report);
        return this;
    }

    public CycleReport took(Duration duration) {
        return new CycleReport(state, new Summariser().summarise(state.reports()), duration);
    }
}
