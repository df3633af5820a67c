package io.flinkops.agent.cycle;

import io.flinkops.policy.ObjectFence;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.kube.ApplyResult;
import io.flinkops.agent.kube.PruneResult;
import io.flinkops.agent.testing.FakeClusterSteps;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Location;
import io.flinkops.diag.Severity;
import io.flinkops.status.DeploymentStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** The step loop and the steps' skip reasons, without Git or Kubernetes. */
class CycleLoopTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);
    final List<Duration> sleeps = new ArrayList<>();

    /** A step that fails {@code failures} times for {@code reason}, then succeeds, and skips itself as told. */
    static final class Scripted implements CycleStep {
        final Step id;
        final List<Reason> failures;
        final String skip;
        int runs;

        Scripted(Step id, String skip, Reason... failures) {
            this.id = id;
            this.skip = skip;
            this.failures = new ArrayList<>(List.of(failures));
        }

        @Override
        public Step id() {
            return id;
        }

        @Override
        public Optional<String> skipReason(CycleState state) {
            return Optional.ofNullable(skip);
        }

        @Override
        public StepResult run(CycleState state) throws StepFailure {
            runs++;
            if (!failures.isEmpty()) throw new StepFailure(failures.remove(0), "failure " + runs);
            return StepResult.DONE;
        }
    }

    Cycle cycle(CycleStep... steps) {
        return new Cycle(List.of(steps), new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(15)), sleeps::add, CLOCK);
    }

    @Test
    void runsEveryStepInOrderAndASkippedStepDoesNotRun() throws Exception {
        Scripted fetch = new Scripted(Step.FETCH, null);
        Scripted build = new Scripted(Step.BUILD, "not today");
        Scripted apply = new Scripted(Step.APPLY, null);
        CycleReport report = cycle(fetch, build, apply).run();
        assertEquals(List.of(Step.FETCH, Step.BUILD, Step.APPLY), report.steps().stream().map(StepReport::step).toList());
        assertEquals(0, build.runs);
        assertEquals(StepReport.Status.SKIPPED, report.step(Step.BUILD).orElseThrow().status());
        assertEquals("not today", report.step(Step.BUILD).orElseThrow().skipReason());
        assertEquals(1, apply.runs);
        assertEquals(Outcome.SUCCEEDED, report.outcome());
    }

    @Test
    void aBriefOutageIsRetriedWithBackoffWithinTheCycle() throws Exception {
        Scripted fetch = new Scripted(Step.FETCH, null, Reason.GIT_UNREACHABLE, Reason.API_CONFLICT);
        CycleReport report = cycle(fetch).run();
        assertEquals(StepReport.Status.OK, report.step(Step.FETCH).orElseThrow().status());
        assertEquals(3, report.step(Step.FETCH).orElseThrow().attempts());
        assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(15)), sleeps, "doubling, capped at the maximum");
    }

    @Test
    void retriesStopAtTheBackoffsAttemptsAndTheFailureKeepsItsReason() throws Exception {
        Scripted apply = new Scripted(Step.APPLY, null, Reason.API_UNAVAILABLE, Reason.API_UNAVAILABLE, Reason.API_UNAVAILABLE, Reason.API_UNAVAILABLE);
        CycleReport report = cycle(apply).run();
        StepReport r = report.step(Step.APPLY).orElseThrow();
        assertEquals(StepReport.Status.FAILED, r.status());
        assertEquals(3, r.attempts());
        assertEquals(new Problem(Step.APPLY, Reason.API_UNAVAILABLE, "failure 3"), r.failure().orElseThrow());
        assertEquals(Outcome.FAILED_RETRY_SOON, report.outcome());
    }

    /** A clock the steps move: a step that "takes" time advances it. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A step that takes {@code took} of the clock's time, then succeeds or fails with {@code failure}. */
    static CycleStep slow(Step id, StepClock clock, Duration took, Reason failure, boolean afterDeadline, List<Step> ran) {
        return new CycleStep() {
            @Override
            public Step id() {
                return id;
            }

            @Override
            public boolean runsAfterDeadline() {
                return afterDeadline;
            }

            @Override
            public StepResult run(CycleState state) throws StepFailure {
                ran.add(id);
                clock.now = clock.now.plus(took);
                if (failure != null) throw new StepFailure(failure, id.label() + " failed");
                return StepResult.DONE;
            }
        };
    }

    @Test
    void pastItsDeadlineACycleStartsNoFurtherStepButRecord_andSaysWhichDidNotRun() throws Exception {
        StepClock clock = new StepClock();
        List<Step> ran = new ArrayList<>();
        Cycle cycle = new Cycle(List.of(
                slow(Step.FETCH, clock, Duration.ofMinutes(1), null, false, ran),
                slow(Step.BUILD, clock, Duration.ofMinutes(10), null, false, ran), // the deadline passes in here
                slow(Step.APPLY, clock, Duration.ZERO, null, false, ran),
                slow(Step.PRUNE, clock, Duration.ZERO, null, false, ran),
                slow(Step.RECORD, clock, Duration.ZERO, null, true, ran)),
                new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(15)), sleeps::add, clock, Duration.ofMinutes(5));
        CycleReport report = cycle.run();
        assertEquals(List.of(Step.FETCH, Step.BUILD, Step.RECORD), ran, "the build that overran finished; record still ran");
        Problem late = report.step(Step.APPLY).orElseThrow().failure().orElseThrow();
        assertEquals(Reason.CYCLE_TIMEOUT, late.reason());
        assertTrue(late.message().contains("deadline of 5 min") && late.message().contains("apply, prune did not run"), late.message());
        assertEquals(0, report.step(Step.APPLY).orElseThrow().attempts());
        assertEquals("the cycle ran past its deadline", report.step(Step.PRUNE).orElseThrow().skipReason());
        assertEquals(StepReport.Status.OK, report.step(Step.RECORD).orElseThrow().status());
        assertEquals(Outcome.FAILED_NEXT_CYCLE, report.outcome());
        assertEquals(List.of(Reason.CYCLE_TIMEOUT), report.summary().problems().stream().map(Problem::reason).toList());

        // The next cycle has a deadline of its own.
        ran.clear();
        Cycle quick = new Cycle(List.of(slow(Step.FETCH, clock, Duration.ofSeconds(1), null, false, ran),
                slow(Step.APPLY, clock, Duration.ofSeconds(1), null, false, ran)),
                new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(15)), sleeps::add, clock).withTimeout(Duration.ofMinutes(5));
        assertEquals(Outcome.SUCCEEDED, quick.run().outcome());
        assertEquals(List.of(Step.FETCH, Step.APPLY), ran);
    }

    @Test
    void noRetryIsWaitedForPastTheDeadline() throws Exception {
        StepClock clock = new StepClock();
        List<Step> ran = new ArrayList<>();
        Cycle cycle = new Cycle(List.of(slow(Step.FETCH, clock, Duration.ofSeconds(50), Reason.GIT_TIMEOUT, false, ran)),
                new Backoff(5, Duration.ofSeconds(20), Duration.ofSeconds(20)), sleeps::add, clock, Duration.ofMinutes(1));
        CycleReport report = cycle.run();
        StepReport fetch = report.step(Step.FETCH).orElseThrow();
        assertEquals(1, fetch.attempts(), "a retry 20 s later would start past the deadline");
        assertEquals(Reason.GIT_TIMEOUT, fetch.failure().orElseThrow().reason());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void onlyBriefOutagesAreRetried() throws Exception {
        for (Reason reason : Reason.values()) {
            // Information (Recovery.NONE) is never a failure: StepFailure refuses it.
            if (reason.recovery() == Recovery.RETRY_SOON || reason.recovery() == Recovery.NONE) continue;
            sleeps.clear();
            CycleReport report = cycle(new Scripted(Step.PRUNE, null, reason)).run();
            assertEquals(1, report.step(Step.PRUNE).orElseThrow().attempts(), reason.name());
            assertTrue(sleeps.isEmpty(), reason.name());
            assertEquals(Outcome.of(reason.recovery()), report.outcome(), reason.name());
        }
    }

    @Test
    void anUnexpectedExceptionIsABugOfItsOwnReasonAndNotRetried() throws Exception {
        CycleStep broken = new CycleStep() {
            @Override
            public Step id() {
                return Step.OBSERVE;
            }

            @Override
            public StepResult run(CycleState state) {
                throw new IllegalStateException("boom");
            }
        };
        CycleReport report = cycle(broken).run();
        Problem p = report.step(Step.OBSERVE).orElseThrow().failure().orElseThrow();
        assertEquals(Reason.UNEXPECTED, p.reason());
        assertTrue(p.message().contains("boom") && p.message().contains("bug"), p.message());
        assertEquals(1, report.step(Step.OBSERVE).orElseThrow().attempts());
    }

    @Test
    void theMostDemandingRecoveryDecidesTheOutcome() {
        Summariser.Summary s = new Summariser().summarise(List.of(
                StepReport.failed(Step.FETCH, 1, Duration.ZERO, new StepFailure(Reason.GIT_UNREACHABLE, "a")),
                StepReport.ok(Step.APPLY, 1, Duration.ZERO, List.of(new Problem(Step.APPLY, Reason.OBJECT_REFUSED, "b"))),
                StepReport.failed(Step.RECORD, 1, Duration.ZERO, new StepFailure(Reason.WORK_DIR_UNUSABLE, "c"))));
        assertEquals(Outcome.NEEDS_HUMAN, s.outcome());
        assertEquals(List.of(Reason.GIT_UNREACHABLE, Reason.OBJECT_REFUSED, Reason.WORK_DIR_UNUSABLE), s.problems().stream().map(Problem::reason).toList());
    }

    // The standard steps' skip reasons: the safety rules.

    static final String COMMIT = "c0ffee";

    static DesiredState desired(boolean valid) {
        List<Diagnostic> diagnostics = valid ? List.of()
                : List.of(new Diagnostic(Code.TARGET_NOT_FOUND, Severity.ERROR, new Location("flinkops.yaml", 3, 5), "/spec", "no target", "add one"));
        return new DesiredState("prod-eu", COMMIT, List.of(), ObjectFence.OPEN, diagnostics, Map.of());
    }

    static CycleState fetched() {
        CycleState s = new CycleState();
        s.fetched(new ConfigRepo.Fetched(COMMIT, Optional.empty()));
        return s;
    }

    final FakeClusterSteps kube = new FakeClusterSteps();
    final LastValidDesired nothingKnown = new LastValidDesired(new ConfigBuilder("prod-eu", null), Optional::empty);

    @Test
    void afterAFailedFetchOnlyRecordRuns_unlessTheRemoteIsUnreachable() {
        CycleState s = new CycleState();
        s.add(StepReport.failed(Step.FETCH, 1, Duration.ZERO, new StepFailure(Reason.BRANCH_NOT_FOUND, "no branch")));
        for (CycleStep step : List.of(new BuildStep(null, nothingKnown), new ApplyStep(kube), new PruneStep(kube), new ObserveStep(kube, nothingKnown, CLOCK))) {
            assertEquals(Optional.of("fetch failed"), step.skipReason(s), step.id().label());
        }
        RecordStep record = new RecordStep("prod-eu", null, new Summariser(), CLOCK);
        assertEquals(Optional.empty(), record.skipReason(s), "the remote answers: record says why");

        CycleState unreachable = new CycleState();
        unreachable.add(StepReport.failed(Step.FETCH, 3, Duration.ZERO, new StepFailure(Reason.GIT_UNREACHABLE, "down")));
        assertEquals(Optional.of("the Git remote is unreachable"), record.skipReason(unreachable));
    }

    @Test
    void anInvalidCommitAppliesAndPrunesNothingButIsObserved() throws Exception {
        CycleState s = fetched();
        s.desired(desired(false));
        assertEquals(Optional.of("the commit is invalid"), new ApplyStep(kube).skipReason(s));
        assertEquals(Optional.of("the commit is invalid"), new PruneStep(kube).skipReason(s));
        ObserveStep observe = new ObserveStep(kube, nothingKnown, CLOCK);
        assertEquals(Optional.empty(), observe.skipReason(s));
        observe.run(s);
        assertSame(s.desired().orElseThrow(), s.observation().orElseThrow().against(), "nothing known: the invalid one, observed by label");

        LastValidDesired known = new LastValidDesired(null, Optional::empty);
        DesiredState good = new DesiredState("prod-eu", "beef", List.of(), ObjectFence.OPEN, List.of(), Map.of());
        known.remember(good);
        known.remember(desired(false));
        new ObserveStep(kube, known, CLOCK).run(s);
        assertSame(good, s.observation().orElseThrow().against(), "the last valid desired state");
        assertEquals(List.of(COMMIT, "beef"), kube.observedCommits);
    }

    @Test
    void aCommitThatCannotBeReadIsNotObservedWhenNothingIsKnown() {
        CycleState s = fetched();
        s.add(StepReport.failed(Step.BUILD, 1, Duration.ZERO, new StepFailure(Reason.CONFIG_UNREADABLE, "no such path")));
        assertEquals(Optional.of("the commit is invalid"), new ApplyStep(kube).skipReason(s));
        assertEquals(Optional.of("the commit could not be read"), new ObserveStep(kube, nothingKnown, CLOCK).skipReason(s));
    }

    @Test
    void pruneRunsOnlyAfterACompleteApply() throws Exception {
        CycleState s = fetched();
        s.desired(desired(true));
        PruneStep prune = new PruneStep(kube);
        assertEquals(Optional.of("apply failed"), prune.skipReason(s));
        StepResult applied = new ApplyStep(kube).run(s);
        s.add(StepReport.ok(Step.APPLY, 1, Duration.ZERO, applied.problems()));
        assertEquals(Optional.empty(), prune.skipReason(s));
        assertTrue(s.appliedCleanly());
    }

    @Test
    void refusedObjectsAndWithheldDeletionsAreProblemsWithTheirReasons() throws Exception {
        ClusterSteps refusing = new ClusterSteps() {
            @Override
            public ApplyResult apply(DesiredState desired) {
                return new ApplyResult(List.of(), List.of(), List.of("Secret ns/x: kind Secret (v1) is not on the agent's allowlist"));
            }

            @Override
            public PruneResult prune(DesiredState desired, ApplyResult applied) {
                return new PruneResult(List.of(), List.of(), List.of("everything: too many"));
            }

            @Override
            public Map<String, DeploymentStatus> observe(DesiredState desired, Instant now) {
                return Map.of();
            }
        };
        CycleState s = fetched();
        s.desired(desired(true));
        StepResult applied = new ApplyStep(refusing).run(s);
        assertEquals(List.of(Reason.OBJECT_REFUSED), applied.problems().stream().map(Problem::reason).toList());
        s.add(StepReport.ok(Step.APPLY, 1, Duration.ZERO, applied.problems()));
        assertFalse(s.appliedCleanly(), "a refusal keeps the last applied revision where it was");
        assertEquals(Optional.empty(), new PruneStep(refusing).skipReason(s), "refusals count as desired: prune still runs");
        StepResult pruned = new PruneStep(refusing).run(s);
        assertEquals(List.of(new Problem(Step.PRUNE, Reason.PRUNE_WITHHELD, "Withheld deletion: everything: too many")), pruned.problems());
    }

    // Apply semantics: a suspended cluster, information that is no failure, session jobs that wait.

    static DesiredState suspended() {
        return new DesiredState("prod-eu", COMMIT, List.of(), ObjectFence.OPEN, List.of(), Map.of(), true);
    }

    @Test
    void aSuspendedClusterSkipsApplyAndPrune_withAReason_andIsStillObservedAndRecorded() throws Exception {
        CycleState s = fetched();
        s.desired(suspended());
        String why = "cluster prod-eu is suspended in flinkops.yaml (spec.clusters[].suspend: true)";
        assertEquals(Optional.of(why), new ApplyStep(kube).skipReason(s));
        assertEquals(Optional.of(why), new PruneStep(kube).skipReason(s), "not \"apply failed\": the reason is the suspension");
        List<Problem> notes = new ApplyStep(kube).skipNotes(s);
        assertEquals(List.of(Reason.CLUSTER_SUSPENDED), notes.stream().map(Problem::reason).toList());
        assertEquals(Recovery.NONE, notes.get(0).recovery());
        assertEquals(Optional.empty(), new ObserveStep(kube, nothingKnown, CLOCK).skipReason(s));
        assertEquals(Optional.empty(), new RecordStep("prod-eu", null, new Summariser(), CLOCK).skipReason(s));
        assertEquals(List.of(), new PruneStep(kube).skipNotes(s), "said once, by apply");

        // Through the loop: the skipped step carries the note, the outcome is a success, nothing counts as applied.
        CycleStep build = new CycleStep() {
            @Override
            public Step id() {
                return Step.BUILD;
            }

            @Override
            public StepResult run(CycleState state) {
                state.fetched(new ConfigRepo.Fetched(COMMIT, Optional.empty()));
                state.desired(suspended());
                return StepResult.DONE;
            }
        };
        CycleReport report = new Cycle(List.of(build, new ApplyStep(kube), new PruneStep(kube)), new Backoff(1, Duration.ZERO, Duration.ZERO),
                sleeps::add, CLOCK).run();
        assertEquals(Outcome.SUCCEEDED, report.outcome());
        StepReport apply = report.step(Step.APPLY).orElseThrow();
        assertEquals(StepReport.Status.SKIPPED, apply.status());
        assertEquals(why, apply.skipReason());
        assertEquals(List.of(Reason.CLUSTER_SUSPENDED), report.summary().problems().stream().map(Problem::reason).toList());
        assertFalse(report.state().appliedCleanly(), "the last applied revision stays where it was");
        assertTrue(kube.appliedCommits.isEmpty());
    }

    @Test
    void informationLeavesTheCycleSucceeded_aWaitingSessionJobDoesNot() throws Exception {
        ApplyResult drifted = new ApplyResult(List.of("FlinkDeployment ns/a"), List.of(), List.of(), List.of(),
                List.of(new ApplyResult.Drift("FlinkDeployment ns/a", List.of("/spec/image"))), List.of(), List.of(), false);
        ApplyResult waiting = new ApplyResult(List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of("FlinkSessionJob ns/j: its session cluster FlinkDeployment ns/s is not ready"), List.of(), false);
        for (ApplyResult result : List.of(drifted, waiting)) {
            ClusterSteps steps = new ClusterSteps() {
                @Override
                public ApplyResult apply(DesiredState desired) {
                    return result;
                }

                @Override
                public PruneResult prune(DesiredState desired, ApplyResult applied) {
                    return new PruneResult(List.of(), List.of(), List.of());
                }

                @Override
                public Map<String, DeploymentStatus> observe(DesiredState desired, Instant now) {
                    return Map.of();
                }
            };
            CycleState s = fetched();
            s.desired(desired(true));
            StepResult applied = new ApplyStep(steps).run(s);
            s.add(StepReport.ok(Step.APPLY, 1, Duration.ZERO, applied.problems()));
            Summariser.Summary summary = new Summariser().summarise(s.reports());
            if (result == drifted) {
                Problem p = applied.problems().get(0);
                assertEquals(Reason.DRIFT_CORRECTED, p.reason());
                assertEquals("FlinkDeployment ns/a was changed outside the repo (/spec/image); the agent put the repo's values back. If another "
                        + "controller owns a field, list it in --ignore-differences (for example FlinkDeployment:/spec/image).", p.message());
                assertEquals(Outcome.SUCCEEDED, summary.outcome());
                assertTrue(s.appliedCleanly());
            } else {
                assertEquals(List.of(Reason.WAITING_FOR_SESSION_CLUSTER), applied.problems().stream().map(Problem::reason).toList());
                assertEquals(Outcome.FAILED_NEXT_CYCLE, summary.outcome(), "retried next cycle");
                assertFalse(s.appliedCleanly(), "not applied completely yet");
                assertEquals(Optional.empty(), new PruneStep(steps).skipReason(s), "prune runs: the waiting job is desired, so it is kept");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new StepFailure(Reason.DRIFT_CORRECTED, "information is no failure"));
    }
}
