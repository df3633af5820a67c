package io.flinkops.diff;

import io.flinkops.cli.ExitCode;
import io.flinkops.diag.Code;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.flinkops.diff.ChangeKind.ADDED;
import static io.flinkops.diff.ChangeKind.CHANGED;
import static io.flinkops.diff.ChangeKind.REMOVED;
import static io.flinkops.diff.ChangeKind.UNCHANGED;
import static io.flinkops.diff.StateRisk.LOSS;
import static io.flinkops.diff.StateRisk.NONE;
import static io.flinkops.diff.StateRisk.POSSIBLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cases `flinkops diff` must get right (issue 4), each a Git repository of two commits (see {@link DiffCases}),
 * run through the library and the CLI. The assertions state the decision; the golden files pin the wording.
 */
class DiffCasesTest {
    @TempDir
    Path tmp;

    private static void assertEntry(DeploymentChange c, ChangeKind change, boolean restart, String upgradeMode, StateRisk risk) {
        String what = c.namespace() + "/" + c.deployment() + " " + c.reasons();
        assertEquals(change, c.change(), "change of " + what);
        assertEquals(restart, c.restart(), "restart of " + what);
        assertEquals(upgradeMode, c.upgradeMode(), "upgradeMode of " + what);
        assertEquals(risk, c.stateRisk(), "stateRisk of " + what);
    }

    private static void contains(String text, String part) {
        assertTrue(text.contains(part), "expected «" + part + "» in:\n" + text);
    }

    @Test
    void specChangeOnARunningStatefulJobRestartsItWithoutStateRisk() throws Exception {
        var r = DiffCases.run(tmp, "spec-change-running-stateful");
        assertEntry(r.entry("orders"), CHANGED, true, "last-state", NONE);
        assertEntry(r.entry("billing"), CHANGED, true, "savepoint", NONE);
        contains(r.reasons("orders"), "`parallelism` changes from `2` to `4` (namespaces/team/orders.yaml:");
        contains(r.reasons("billing"), "stops the job with a savepoint");
        assertEntry(r.entry("reports"), UNCHANGED, false, "savepoint", NONE);
        assertEntry(r.cluster("shared"), UNCHANGED, false, null, NONE);
        assertEquals(ExitCode.OK, r.cli().exitCode());
    }

    @Test
    void aDefaultsChangeListsEveryDeploymentItReachesNamingTheDefaultsFile() throws Exception {
        var r = DiffCases.run(tmp, "defaults-change-reaches-every-deployment");
        for (String name : new String[]{"orders", "billing", "reports", "alerts"}) {
            assertEquals(CHANGED, r.entry(name).change(), name);
            assertTrue(r.entry(name).restart(), name);
            contains(r.reasons(name), "`flinkConfiguration.execution.checkpointing.interval` changes from `60s` to `120s` (global-defaults.yaml:");
        }
        assertEquals(UNCHANGED, r.cluster("shared").change(), "defaults do not apply to session clusters");
    }

    @Test
    void switchingAStatefulJobToStatelessOrRestoreNoneLosesState() throws Exception {
        var r = DiffCases.run(tmp, "stateless-or-restore-none");
        // upgradeMode is an IGNORE field for the operator: no restart now, the next upgrade starts empty.
        assertEntry(r.entry("orders"), CHANGED, false, "stateless", LOSS);
        contains(r.reasons("orders"), "its next upgrade starts it from empty state");
        assertEntry(r.entry("billing"), CHANGED, true, "stateless", LOSS);
        contains(r.reasons("billing"), "this upgrade starts the job from empty state");
        assertEquals(ExitCode.OK, r.cli().exitCode());
    }

    @Test
    void removingTheSavepointDirectoryOfAStatefulJobIsPossibleLoss() throws Exception {
        var r = DiffCases.run(tmp, "remove-savepoint-dir");
        assertEntry(r.entry("orders"), CHANGED, true, "last-state", POSSIBLE);
        contains(r.reasons("orders"), "is removed by `null` at namespaces/team/orders.yaml:");
    }

    @Test
    void removingTheCheckpointDirectoryOfAStatefulJobIsAValidationError() throws Exception {
        var r = DiffCases.run(tmp, "remove-checkpoint-dir");
        assertNull(r.report());
        assertTrue(r.headErrors().stream().anyMatch(d -> d.code() == Code.CHECKPOINT_DIR_REQUIRED), r.headErrors().toString());
        assertEquals(ExitCode.CONFIG_ERRORS, r.cli().exitCode());
        contains(r.cli().err(), "error[FO303]");
        contains(r.cli().err(), "namespaces/team/orders.yaml:");
        assertEquals("", r.cli().out());
    }

    @Test
    void deletingARunningDeploymentLosesStateUnlessItWasSuspendedWithASavepoint() throws Exception {
        var r = DiffCases.run(tmp, "delete-deployments");
        assertEntry(r.entry("orders"), REMOVED, false, "last-state", LOSS);
        assertEntry(r.entry("billing"), REMOVED, false, "savepoint", POSSIBLE);
        assertEntry(r.entry("archive"), REMOVED, false, "stateless", NONE);
        contains(r.reasons("billing"), "the savepoint taken when it was suspended stays in");
    }

    @Test
    void suspendTakesASavepointCancelDoesNot() throws Exception {
        var r = DiffCases.run(tmp, "suspend-and-cancel");
        assertEntry(r.entry("orders"), CHANGED, false, "savepoint", NONE);
        contains(r.reasons("orders"), "`state` changes from `RUNNING` to `SUSPENDED`");
        assertEntry(r.entry("billing"), CHANGED, false, "stateless", LOSS);
        contains(r.reasons("billing"), "cancels the job without a savepoint");
    }

    @Test
    void resumingRestoresTheSuspendSavepointButNotAfterACancel() throws Exception {
        var r = DiffCases.run(tmp, "resume");
        // Resumed with the mode it was suspended with (savepoint), whatever its strategies say while running.
        assertEntry(r.entry("orders"), CHANGED, false, "savepoint", NONE);
        contains(r.reasons("orders"), "starts the job from the savepoint taken when it was suspended");
        assertEntry(r.entry("billing"), CHANGED, false, "savepoint", POSSIBLE);
        contains(r.reasons("billing"), "starts the job from empty state");
    }

    @Test
    void allowNonRestoredStateIsPossibleLoss() throws Exception {
        var r = DiffCases.run(tmp, "allow-non-restored-state");
        assertEntry(r.entry("orders"), CHANGED, false, "last-state", POSSIBLE);
        contains(r.reasons("orders"), "(from its next upgrade on)");
        assertEntry(r.entry("billing"), CHANGED, true, "savepoint", POSSIBLE);
        contains(r.reasons("billing"), "`restoreStrategy.allowNonRestoredState` is `true` (namespaces/team/billing.yaml:");
    }

    @Test
    void parallelismAboveTheMaxParallelismIsPossibleLoss() throws Exception {
        var r = DiffCases.run(tmp, "parallelism-above-max-parallelism");
        assertEntry(r.entry("orders"), CHANGED, true, "last-state", POSSIBLE);
        contains(r.reasons("orders"), "Parallelism rises from 2 to 200");
        assertEntry(r.entry("billing"), CHANGED, true, "savepoint", POSSIBLE);
        contains(r.reasons("billing"), "`pipeline.max-parallelism` is set to `256`");
    }

    @Test
    void backendSqlQueryAndSqlFlinkVersionChangesMayNotRestoreTheState() throws Exception {
        var r = DiffCases.run(tmp, "state-compatibility");
        assertEntry(r.entry("orders"), CHANGED, true, "last-state", POSSIBLE);
        contains(r.reasons("orders"), "The state backend changes from `rocksdb` to `hashmap` (namespaces/team/orders.yaml:");
        assertEntry(r.entry("revenue"), CHANGED, true, "last-state", POSSIBLE);
        contains(r.reasons("revenue"), "The SQL script changes (namespaces/team/sql.yaml:");
        assertEntry(r.entry("refunds"), CHANGED, true, "last-state", POSSIBLE);
        contains(r.reasons("refunds"), "The SQL job moves from Flink 1.19 to 1.20 (namespaces/team/sql.yaml:");
    }

    @Test
    void aSessionClusterChangeRestartsEverySessionJobOnIt() throws Exception {
        var r = DiffCases.run(tmp, "session-cluster-change");
        assertEntry(r.cluster("shared"), CHANGED, true, null, NONE);
        for (String job : new String[]{"reports", "alerts"}) {
            DeploymentChange c = r.entry(job);
            assertEquals(UNCHANGED, c.change(), job + ": its own object does not change");
            assertTrue(c.restart(), job);
            assertEquals(NONE, c.stateRisk(), job + ": the cluster has high availability");
            contains(r.reasons(job), "Restarts with session cluster `shared`");
            contains(r.reasons(job), "`numberOfTaskManagers` at namespaces/team/shared.yaml:");
        }
    }

    @Test
    void aSessionClusterChangeWithoutHighAvailabilityMayLoseTheStateOfItsJobs() throws Exception {
        var r = DiffCases.run(tmp, "session-cluster-change-without-ha");
        assertEntry(r.cluster("shared"), CHANGED, true, null, POSSIBLE);
        assertEntry(r.entry("reports"), UNCHANGED, true, "savepoint", POSSIBLE);
        assertEntry(r.entry("alerts"), UNCHANGED, true, "stateless", NONE);
    }

    @Test
    void changingFlinkVersionAfterASuspendIsAnError() throws Exception {
        var r = DiffCases.run(tmp, "flink-version-after-suspend");
        assertTrue(r.report().diagnostics().stream().anyMatch(d -> d.code() == Code.FLINK_VERSION_CHANGE_AFTER_SUSPEND));
        assertEquals(ExitCode.CONFIG_ERRORS, r.cli().exitCode());
        contains(r.cli().err(), "error[FO931]");
        contains(r.cli().err(), "--> namespaces/team/orders.yaml:");
        // A running job's version change is upgraded with a savepoint: no error.
        assertEntry(r.entry("billing"), CHANGED, true, "savepoint", NONE);
    }

    @Test
    void movingASessionJobToAnotherSessionClusterIsAnError() throws Exception {
        var r = DiffCases.run(tmp, "session-job-moves-cluster");
        assertTrue(r.report().diagnostics().stream().anyMatch(d -> d.code() == Code.SESSION_JOB_CLUSTER_CHANGE));
        assertEquals(ExitCode.CONFIG_ERRORS, r.cli().exitCode());
        contains(r.cli().err(), "error[FO932]");
    }

    @Test
    void aDeploymentAndASessionClusterTradingOneNameIsAnError() throws Exception {
        var r = DiffCases.run(tmp, "deployment-becomes-session-cluster");
        assertEquals(List.of(Code.CLUSTER_KIND_SWITCH), r.report().diagnostics().stream().map(d -> d.code()).toList());
        contains(r.report().diagnostics().get(0).message(), "(\"Cannot switch from job to session cluster\")");
        assertEquals(ExitCode.CONFIG_ERRORS, r.cli().exitCode());
        contains(r.cli().err(), "error[FO933]");
        contains(r.cli().err(), "--> namespaces/team/billing.yaml:");
        // Both entries say what really happens: the object is not deleted, the update is refused.
        contains(r.reasons("billing"), "error FO933");
        contains(String.join("\n", r.cluster("billing").reasons()), "error FO933");

        var back = DiffCases.run(tmp, "session-cluster-becomes-deployment");
        assertEquals(List.of(Code.CLUSTER_KIND_SWITCH), back.report().diagnostics().stream().map(d -> d.code()).toList());
        contains(back.report().diagnostics().get(0).message(), "(\"Cannot switch from session to job cluster\")");
        assertEquals(ExitCode.CONFIG_ERRORS, back.cli().exitCode());
    }

    @Test
    void labelAndAnnotationChangesDoNotRestartPodTemplateChangesDo() throws Exception {
        var r = DiffCases.run(tmp, "metadata-only-and-pod-template");
        assertEntry(r.entry("orders"), CHANGED, false, "last-state", NONE);
        contains(r.reasons("orders"), "No restart for `metadata.labels.team`");
        assertEntry(r.entry("billing"), CHANGED, true, "savepoint", NONE);
        contains(r.reasons("billing"), "`spec.podTemplate`");
    }

    @Test
    void addedRenamedAndUnchangedDeployments() throws Exception {
        var r = DiffCases.run(tmp, "added-renamed-unchanged");
        assertEntry(r.entry("fresh"), ADDED, false, "last-state", NONE);
        // A rename is a removal and an addition: the running job's state does not move to the new name.
        assertEntry(r.entry("billing"), REMOVED, false, "savepoint", LOSS);
        assertEntry(r.entry("billing-v2"), ADDED, false, "savepoint", NONE);
        assertEntry(r.entry("orders"), UNCHANGED, false, "last-state", NONE);
        assertTrue(r.entry("orders").reasons().isEmpty());
    }

    @Test
    void theMaintenanceSwitchSaysWhenChangesReachTheCluster() throws Exception {
        var r = DiffCases.run(tmp, "maintenance-switch");
        // Disabled together with a new jar: the restart is what happens once it is enabled again.
        contains(r.reasons("orders"), "`flinkops.io/reconcile` is `disabled` (namespaces/team/orders.yaml:7): the agent (and Flux) stop applying");
        contains(r.reasons("orders"), "the other changes here take effect when it is enabled again.");
        // Only disabled: annotations change, nothing restarts.
        assertEntry(r.entry("billing"), CHANGED, false, "savepoint", NONE);
        contains(r.reasons("billing"), "and leave what runs alone.");
        // Enabled again.
        contains(r.reasons("alerts"), "`flinkops.io/reconcile` no longer disables this Deployment: the agent applies it again");
        // Disabled in both revisions, nothing else changed: nothing to say.
        assertEntry(r.entry("reports"), UNCHANGED, false, "savepoint", NONE);
        assertTrue(r.entry("reports").reasons().isEmpty(), r.reasons("reports"));
    }

    @Test
    void aChangedSqlScriptRestartsTheJobThroughTheConfigHash() throws Exception {
        // Only the script changes, and it reaches the job only through a ConfigMap the operator does not watch: the hash
        // of that ConfigMap in the pod template makes the change restart the job, with its upgrade mode.
        var r = DiffCases.run(tmp, "sql-script-configmap-only");
        assertEntry(r.entry("revenue"), CHANGED, true, "last-state", POSSIBLE); // the new query may not fit the old state
        contains(r.reasons("revenue"), "Restarts: `flinkops.io/config-hash` changes, so the operator stops the job");
        contains(r.reasons("revenue"), "ConfigMap `revenue-sql` changes (caused by `artifact.sqlScript` at namespaces/team/revenue.yaml:11): the pods read it");
    }

    @Test
    void aBaseWithErrorsDoesNotBlockThePullRequestThatFixesIt() throws Exception {
        var r = DiffCases.run(tmp, "base-has-errors", "--fail-on", "loss");
        assertEntry(r.entry("orders"), CHANGED, true, "last-state", POSSIBLE);
        contains(r.reasons("orders"), "The base revision has errors");
        assertEntry(r.entry("billing"), UNCHANGED, false, "savepoint", NONE);
        assertEquals(ExitCode.OK, r.cli().exitCode(), r.cli().err());
        contains(r.cli().err(), "note: the base revision");
    }

    @Test
    void stoppingASessionClusterWhileSuspendingItsJobsMayMissTheSavepoint() throws Exception {
        var r = DiffCases.run(tmp, "stop-session-cluster");
        assertEntry(r.cluster("shared"), REMOVED, false, null, NONE);
        contains(String.join("\n", r.cluster("shared").reasons()), "`state` changes from `RUNNING` to `STOPPED`");
        assertEntry(r.entry("reports"), CHANGED, false, "savepoint", POSSIBLE);
        contains(r.reasons("reports"), "suspend the job first and remove the cluster in a later commit");
        // A stateless job keeps nothing across upgrades anyway.
        assertEntry(r.entry("alerts"), CHANGED, false, "stateless", NONE);
    }

    @Test
    void suspendingAJobThatRunsWithoutASavepointDirectoryMayFail() throws Exception {
        var r = DiffCases.run(tmp, "suspend-without-savepoint-dir");
        assertEntry(r.entry("orders"), CHANGED, false, "savepoint", POSSIBLE);
        contains(r.reasons("orders"), "which has no `execution.checkpointing.savepoint-dir`, only set by this change at global-defaults.yaml:");
    }

    @Test
    void theLiveStateConfirmsOrCorrectsWhatGitAssumes() throws Exception {
        var r = DiffCases.run(tmp, "live-state");
        assertTrue(r.report().live().known());
        // Switched to stateless while it runs: the state since its last savepoint goes.
        assertEntry(r.entry("orders"), CHANGED, false, "stateless", LOSS);
        assertTrue(r.entry("orders").live().discardsState());
        contains(r.reasons("orders"), "this change discards the state it built since its last savepoint `s3://state/team/orders/savepoints/savepoint-5d1c0c-7f3a21b9c0de` (taken 3 hours ago (2026-12-04T19:05:00Z))");
        // Switched to stateless while suspended: the suspend's savepoint stays, a redeploy restores it.
        assertEntry(r.entry("billing"), UNCHANGED, false, "savepoint", POSSIBLE); // a suspended job renders savepoint either way
        assertFalse(r.entry("billing").live().discardsState());
        contains(r.reasons("billing"), "The job does not run now (SUSPENDED, observed 4 minutes ago");
        // Cancelled outside Git while the repo says RUNNING: called out, and the restart may not be what the report says.
        assertEntry(r.entry("reports"), CHANGED, true, "savepoint", POSSIBLE);
        assertTrue(r.entry("reports").live().disagreesWithRepo());
        contains(r.reasons("reports"), "The job is CANCELLED (observed 2 minutes ago (2026-12-04T22:12:10Z)) while the repo says RUNNING: it was stopped outside Git");
        // FAILED and unchanged: called out, no risk of this change.
        assertEntry(r.entry("alerts"), UNCHANGED, false, "stateless", NONE);
        contains(r.reasons("alerts"), "The job FAILED (observed 75 seconds ago (2026-12-04T22:13:45Z): Recovery is suppressed");
        assertNull(r.cluster("shared").live(), "session clusters have no status file");
    }

    @Test
    void aResumeNamesTheSavepointItRestoresAndAStaleStatusSaysHowOldItIs() throws Exception {
        var r = DiffCases.run(tmp, "live-resume-and-stale");
        assertEntry(r.entry("orders"), CHANGED, false, "savepoint", NONE);
        contains(r.reasons("orders"), "the one the resume restores, is `s3://state/team/orders/savepoints/savepoint-3c4d5e-000000000002` (taken 2 hours ago (2026-12-04T20:00:41Z)).");
        // Suspended, but no savepoint is known: the suspend may have fallen back to last-state.
        assertEntry(r.entry("billing"), CHANGED, false, "savepoint", POSSIBLE);
        contains(r.reasons("billing"), "The status branch knows no savepoint of this job");
        // Observed days ago, at another commit, by another cluster's agent.
        assertEntry(r.entry("reports"), CHANGED, true, "savepoint", POSSIBLE);
        contains(r.reasons("reports"), "The job is SUSPENDED (observed 4 days ago (2026-11-30T08:01:00Z)), as commit 1f0e2d3 asked, while the base revision says RUNNING: the agent has not applied the base revision");
        assertFalse(r.entry("reports").live().ofBaseRevision());
        assertEquals("default", r.entry("reports").live().baseCluster());
        assertTrue(r.entry("orders").live().ofBaseRevision());
    }

    @Test
    void theAgentsOwnStatusFilesDriveTheVerdicts() throws Exception {
        // The status branch of this case is what the agent writes (reconciler-agent's LiveStatusFixturesTest keeps it so).
        var r = DiffCases.run(tmp, "agent-output");
        assertTrue(r.report().live().known());
        // A stateless switch of a job that runs: the state since the operator's last (upgrade) savepoint goes.
        assertEntry(r.entry("fraud-scoring"), CHANGED, false, "stateless", LOSS);
        assertTrue(r.entry("fraud-scoring").live().ofBaseRevision(), "the agent reported on the base revision");
        assertTrue(r.entry("fraud-scoring").live().discardsState());
        contains(r.reasons("fraud-scoring"), "discards the state it built since its last savepoint `s3://flink/savepoints/fraud-scoring/savepoint-91bd3e-0a7c` (taken 9 minutes ago");
        // The same switch on a suspended job: its suspend savepoint stays, a redeploy restores it.
        assertEntry(r.entry("kpi-rollups"), UNCHANGED, false, "savepoint", POSSIBLE);
        contains(r.reasons("kpi-rollups"), "The job does not run now (SUSPENDED, observed 5 minutes ago");
        // FAILED after its redeploy (the operator's error in the agent's words): called out.
        assertEntry(r.entry("orders"), CHANGED, true, "last-state", POSSIBLE);
        assertTrue(r.entry("orders").live().disagreesWithRepo());
        contains(r.reasons("orders"), "The job FAILED (observed 5 minutes ago (2026-12-04T22:25:00Z): Recovery is suppressed by NoRestartBackoffTimeStrategy)");
    }

    // ---- day-2 operations (docs/day-2.md, "What `flinkops diff` says"); they need the Savepoint kind of the input side.

    private static void noGenericStatement(DiffCases.Result r, String name) {
        String reasons = r.reasons(name);
        // The generic rules name changed spec fields as `spec.…` and annotations as `metadata.annotations.…`.
        assertFalse(reasons.contains("`spec.restartNonce`") || reasons.contains("`spec.job.savepoint") || reasons.contains("`spec.job.initialSavepointPath`")
                || reasons.contains("metadata.annotations.flinkops.io/"), "one change, one statement:\n" + reasons);
    }

    @Test
    void savepointRequestsAndRecordsOnOperator115AreFlinkStateSnapshots() throws Exception {
        var r = DiffCases.run(tmp, "day2-savepoints");
        assertEntry(r.entry("orders"), CHANGED, false, "last-state", NONE);
        contains(r.reasons("orders"), "Savepoint `orders-20261204-2140` asks for a savepoint (requested at 2026-12-04T21:40:00Z, `before the Kafka migration`): the operator takes a savepoint of the running job");
        contains(r.reasons("orders"), "Savepoint `orders-20261204-2000` is removed: the agent deletes FlinkStateSnapshot `orders-orders-20261204-2000`, so the record goes");
        assertEntry(r.entry("billing"), CHANGED, false, "savepoint", NONE);
        contains(r.reasons("billing"), "but the job is SUSPENDED in the repo: it has nothing to save, so the operator abandons the request.");
        assertEntry(r.entry("reports"), CHANGED, false, "savepoint", NONE);
        contains(r.reasons("reports"), "records the existing savepoint `s3://state/team/shared/savepoints/savepoint-0a77e1-000000000007`");
        for (String name : new String[]{"orders", "billing", "reports"}) noGenericStatement(r, name);
    }

    @Test
    void savepointRequestsOnOperator19AreTheTriggerNonce() throws Exception {
        var r = DiffCases.run(tmp, "day2-savepoints-operator-1.9");
        // The status branch says the job FAILED: nothing to save, and the failure is called out.
        assertEntry(r.entry("orders"), CHANGED, false, "last-state", POSSIBLE);
        contains(r.reasons("orders"), "Savepoint `orders-20261204-2140` asks for a savepoint (`job.savepointTriggerNonce`: ");
        contains(r.reasons("orders"), "but the job is FAILED now: it has nothing to save, so the operator abandons the request.");
        contains(r.reasons("orders"), "The job FAILED (observed 2 minutes ago (2026-12-04T22:13:00Z): Recovery is suppressed");
        // Removing the newest request makes the older one the newest: a new value of the nonce, a new savepoint.
        assertEntry(r.entry("billing"), CHANGED, false, "savepoint", NONE);
        contains(r.reasons("billing"), "The newest Savepoint request, `billing-20261204-2100`, is removed, so Savepoint `billing-20261204-2000` becomes the newest");
        assertEntry(r.entry("reports"), CHANGED, false, "savepoint", NONE);
        contains(r.reasons("reports"), "No Savepoint request is left (`reports-20261204-2000` is removed): `job.savepointTriggerNonce` goes, which the operator ignores");
        for (String name : new String[]{"orders", "billing", "reports"}) noGenericStatement(r, name);
    }

    @Test
    void restartsTakeTheUpgradeModeAndARedeployDiscardsTheStateNewerThanItsSavepoint() throws Exception {
        var r = DiffCases.run(tmp, "day2-restart-redeploy");
        assertEntry(r.entry("orders"), CHANGED, true, "last-state", POSSIBLE);
        contains(r.reasons("orders"), "Restarts: `flinkops.io/restart` is set to `2026-12-04T21:40:00Z` (namespaces/team/orders.yaml:");
        assertEntry(r.entry("billing"), CHANGED, true, "savepoint", NONE);
        contains(r.reasons("billing"), "`flinkops.io/restart` changes from `2026-12-03T10:00:00Z` to `2026-12-04T21:40:00Z`");
        // Stateless by design: no state to lose, as on every upgrade of the job (docs/diff.md, stateRisk).
        assertEntry(r.entry("alerts"), CHANGED, true, "stateless", NONE);
        contains(r.reasons("alerts"), "as on every upgrade of this job, which keeps no state by design");
        assertEntry(r.entry("reports"), CHANGED, true, "savepoint", POSSIBLE);
        contains(r.reasons("reports"), "Redeploys: `flinkops.io/redeploy-from` names Savepoint `reports-restore-20261204-2140`");
        contains(r.reasons("reports"), "stops the job without a savepoint and starts it from that savepoint, discarding the state newer than it");
        for (String name : new String[]{"orders", "billing", "alerts", "reports"}) noGenericStatement(r, name);
    }

    @Test
    void onOperator19ASessionClusterRestartRestartsItsJobsAndRemovedOperationsDoNothing() throws Exception {
        var r = DiffCases.run(tmp, "day2-restart-redeploy-operator-1.9");
        assertEntry(r.cluster("shared"), CHANGED, true, null, NONE);
        contains(String.join("\n", r.cluster("shared").reasons()), "so the operator deletes the session cluster and deploys it again");
        assertTrue(r.entry("reports").restart() && r.entry("alerts").restart(), "the session jobs restart with their cluster");
        // A new redeploy, with the age of its savepoint from the status branch.
        assertEntry(r.entry("orders"), CHANGED, true, "last-state", POSSIBLE);
        contains(r.reasons("orders"), "Redeploys: `flinkops.io/redeploy-from` now names Savepoint `orders-restore-20261204-2140`");
        contains(r.reasons("orders"), "discarding the state newer than it (taken 3 hours ago (2026-12-04T19:00:20Z))");
        assertTrue(r.entry("orders").live().discardsState());
        assertEquals("s3://state/team/orders/savepoints/savepoint-5d1c0c-000000000002", r.entry("orders").live().discardedSince().location());
        // The redeploy's savepoint moved, its time did not: only used when the job is created anew.
        assertEntry(r.entry("billing"), CHANGED, false, "savepoint", NONE);
        contains(r.reasons("billing"), "the operator uses it only when it creates the job anew");
        // Removing the annotations: the operator ignores nonces that become empty.
        assertEntry(r.entry("ledger"), CHANGED, false, "last-state", NONE);
        contains(r.reasons("ledger"), "`flinkops.io/restart` is removed");
        contains(r.reasons("ledger"), "`flinkops.io/redeploy-from` is removed");
        for (String name : new String[]{"orders", "billing", "ledger"}) noGenericStatement(r, name);
    }
}
