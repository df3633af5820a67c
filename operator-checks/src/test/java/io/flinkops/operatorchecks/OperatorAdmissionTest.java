package io.flinkops.operatorchecks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness itself, on hand-written objects shaped like flinkops' output: they are admitted, every
 * mapping step for operator 1.7.0 happens, and the harness does reject what the operator rejects
 * (negative controls: a harness that admits everything would pass the examples test too).
 */
class OperatorAdmissionTest {
    private static final OperatorAdmission ADMISSION = new OperatorAdmission();

    private static ObjectNode sessionCluster() {
        return Fixtures.load("session-cluster.yaml");
    }

    private static void assertAdmitted(String fixture) {
        ObjectNode object = Fixtures.load(fixture);
        OperatorAdmission.Verdict v = "FlinkSessionJob".equals(object.path("kind").asText())
                ? ADMISSION.validateSessionJob(object, sessionCluster())
                : ADMISSION.validateDeployment(object);
        assertEquals(Optional.empty(), v.error(), () -> Fixtures.describe(fixture, object, v));
    }

    private static void assertRejected(OperatorAdmission.Verdict v, String expectedPrefix) {
        assertTrue(v.error().isPresent(), "expected a rejection starting with: " + expectedPrefix);
        assertTrue(v.error().get().startsWith(expectedPrefix), () -> "expected a rejection starting with:\n  "
                + expectedPrefix + "\nbut got:\n  " + v.error().get());
    }

    @Test
    void theWebhooksValidatorsAreDiscovered() {
        assertTrue(ADMISSION.validatorNames().contains("org.apache.flink.kubernetes.operator.validation.DefaultValidator"),
                () -> ADMISSION.validatorNames().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application-savepoint.yaml", "application-last-state-flink2.yaml", "session-cluster.yaml",
            "session-job-stateless.yaml", "session-job-last-state.yaml"})
    void fixturesAreAdmitted(String fixture) {
        assertAdmitted(fixture);
    }

    // ---- the mapping for operator 1.7.0

    @Test
    void newerFlinkIsJudgedAsTheNewestVersionTheValidatorKnowsAndItsStateKeysUnderTheOldNames() {
        OperatorAdmission.Verdict v = ADMISSION.validateDeployment(Fixtures.load("application-last-state-flink2.yaml"));
        assertEquals("v1_19", v.mapped().at("/spec/flinkVersion").asText());
        assertEquals("s3://acme-flink-state/analytics/clickstream-sessionizer/checkpoints",
                v.mapped().at("/spec/flinkConfiguration/state.checkpoints.dir").asText());
        assertEquals("s3://acme-flink-state/analytics/clickstream-sessionizer/savepoints",
                v.mapped().at("/spec/flinkConfiguration/state.savepoints.dir").asText());
        assertTrue(v.adjustments().contains("spec.flinkVersion v2_1 judged as v1_19"), v.adjustments()::toString);
    }

    @Test
    void aFreeFormConfigurationIsFlattenedAsTheOperatorFlattensIt() {
        OperatorAdmission.Verdict v = ADMISSION.validateDeployment(Fixtures.load("application-last-state-flink2.yaml"));
        ObjectNode config = (ObjectNode) v.mapped().at("/spec/flinkConfiguration");
        assertEquals("60s", config.path("execution.checkpointing.interval").asText());
        assertEquals("2", config.path("taskmanager.numberOfTaskSlots").asText());
        assertTrue(config.path("taskmanager.numberOfTaskSlots").isTextual());
        assertEquals("-XX:+UseG1GC;-XX:MaxGCPauseMillis=200", config.path("env.java.opts.all").asText());
        assertTrue(config.path("execution").isMissingNode());
    }

    @Test
    void fieldsTheOldModelLacksAreDroppedAndSaidSo() {
        OperatorAdmission.Verdict v = ADMISSION.validateDeployment(Fixtures.load("application-last-state-flink2.yaml"));
        assertTrue(v.mapped().at("/spec/job/savepointRedeployNonce").isMissingNode());
        assertTrue(v.mapped().at("/spec/ingress/labels").isMissingNode());
        assertTrue(v.adjustments().stream().anyMatch(a -> a.startsWith("/spec/ingress/labels dropped")), v.adjustments()::toString);
    }

    @Test
    void anyOtherFieldTheModelLacksIsRejected() {
        ObjectNode d = Fixtures.load("application-savepoint.yaml");
        d.withObject("/spec/job").put("upgradeMod", "savepoint");
        assertRejected(ADMISSION.validateDeployment(d), "cannot map into the operator 1.7.0 model: Unrecognized field \"upgradeMod\"");
    }

    @Test
    void theStateKeysOfFlink120AreNotMappedForOlderFlink() {
        ObjectNode d = Fixtures.load("application-savepoint.yaml");
        d.withObject("/spec").put("flinkVersion", "v1_18");
        assertRejected(ADMISSION.validateDeployment(d), "Checkpoint directory[state.checkpoints.dir] must be defined");
        d.withObject("/spec/flinkConfiguration").put("state.checkpoints.dir", "s3://b/cp").put("state.savepoints.dir", "s3://b/sp");
        assertEquals(Optional.empty(), ADMISSION.validateDeployment(d).error());
    }

    @Test
    void aSessionJobsOwnConfigurationCountsAsFromOperator18() {
        ObjectNode cluster = sessionCluster();
        ((ObjectNode) cluster.at("/spec/flinkConfiguration")).remove("execution.checkpointing.dir");
        ObjectNode job = Fixtures.load("session-job-last-state.yaml");
        assertEquals(Optional.empty(), ADMISSION.validateSessionJob(job, cluster).error());
        ((ObjectNode) job.at("/spec/flinkConfiguration")).remove("execution.checkpointing.dir");
        // judged as savepoint (a savepoint directory is set), so 1.7.0's own check speaks, with Flink 1.17's key
        assertRejected(ADMISSION.validateSessionJob(job, cluster),
                "Checkpoint directory[state.checkpoints.dir] must be defined for last-state and savepoint upgrade modes");
    }

    @Test
    void aLastStateSessionJobWithoutAnyStateDirectoryIsRejected() {
        ObjectNode cluster = sessionCluster();
        ((ObjectNode) cluster.at("/spec/flinkConfiguration")).remove(List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir"));
        ObjectNode job = Fixtures.load("session-job-last-state.yaml");
        ((ObjectNode) job.at("/spec/flinkConfiguration")).remove(List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir"));
        // judged as stateless, so the emulated 1.15 check speaks, with Flink 1.20's key
        assertRejected(ADMISSION.validateSessionJob(job, cluster),
                "Checkpoint directory[execution.checkpointing.dir] must be defined for last-state and savepoint upgrade modes");
    }

    @Test
    void aLastStateSessionJobWithoutSavepointDirectoryIsAdmittedAsOperator115Would() {
        ObjectNode cluster = sessionCluster();
        ((ObjectNode) cluster.at("/spec/flinkConfiguration")).remove("execution.checkpointing.savepoint-dir");
        ((ObjectNode) cluster.at("/spec/flinkConfiguration")).remove("high-availability.type");
        ObjectNode job = Fixtures.load("session-job-last-state.yaml");
        ((ObjectNode) job.at("/spec/flinkConfiguration")).remove("execution.checkpointing.savepoint-dir");
        OperatorAdmission.Verdict v = ADMISSION.validateSessionJob(job, cluster);
        assertEquals(Optional.empty(), v.error(), () -> Fixtures.describe("session job", job, v));
        assertEquals("stateless", v.mapped().at("/spec/job/upgradeMode").asText());
    }

    // ---- negative controls: the harness rejects what the operator rejects

    @Test
    void aForbiddenConfigKeyIsRejected() {
        ObjectNode d = Fixtures.load("application-savepoint.yaml");
        d.withObject("/spec/flinkConfiguration").put("kubernetes.cluster-id", "fraud-scoring");
        assertRejected(ADMISSION.validateDeployment(d), "Forbidden Flink config key: kubernetes.cluster-id");
    }

    @Test
    void aNameLongerThan45CharactersIsRejected() {
        ObjectNode d = Fixtures.load("session-cluster.yaml");
        d.withObject("/metadata").put("name", "a".repeat(45));
        assertEquals(Optional.empty(), ADMISSION.validateDeployment(d).error());
        d.withObject("/metadata").put("name", "a".repeat(46));
        assertRejected(ADMISSION.validateDeployment(d), "The FlinkDeployment name: " + "a".repeat(46) + " is invalid");
    }

    @Test
    void aMissingServiceAccountIsRejected() {
        ObjectNode d = Fixtures.load("application-savepoint.yaml");
        ((ObjectNode) d.get("spec")).remove("serviceAccount");
        assertRejected(ADMISSION.validateDeployment(d), "spec.serviceAccount must be defined.");
    }

    @Test
    void standbyJobManagersWithoutHaAreRejected() {
        ObjectNode d = Fixtures.load("application-last-state-flink2.yaml");
        d.withObject("/spec/job").put("upgradeMode", "savepoint");
        ((ObjectNode) d.at("/spec/flinkConfiguration")).remove("high-availability.type");
        assertRejected(ADMISSION.validateDeployment(d), "High availability should be enabled when starting standby JobManagers.");
    }

    @Test
    void aSavepointUpgradeWithoutSavepointDirectoryIsRejected() {
        ObjectNode d = Fixtures.load("application-savepoint.yaml");
        ((ObjectNode) d.at("/spec/flinkConfiguration")).remove("execution.checkpointing.savepoint-dir");
        assertRejected(ADMISSION.validateDeployment(d),
                "Job could not be upgraded with savepoint while config key[state.savepoints.dir] is not set");
    }

    @Test
    void fractionalMemoryIsRejected() {
        ObjectNode d = Fixtures.load("application-savepoint.yaml");
        d.withObject("/spec/taskManager/resource").put("memory", "1.5Gi");
        assertRejected(ADMISSION.validateDeployment(d), "TaskManager resource memory parse error");
    }

    @Test
    void aTooOldFlinkVersionIsRejected() {
        ObjectNode d = Fixtures.load("session-cluster.yaml");
        d.withObject("/spec").put("flinkVersion", "v1_14");
        assertRejected(ADMISSION.validateDeployment(d), "Flink version v1_14 is not supported by this operator version");
    }

    @Test
    void aSessionJobForAnotherClusterIsRejected() {
        ObjectNode job = Fixtures.load("session-job-stateless.yaml");
        job.withObject("/spec").put("deploymentName", "analytics-other");
        assertRejected(ADMISSION.validateSessionJob(job, sessionCluster()),
                "The session job's cluster id is not match with the session cluster");
    }

    @Test
    void aSessionJobOnAnApplicationClusterIsRejected() {
        ObjectNode cluster = Fixtures.load("application-savepoint.yaml");
        ObjectNode job = Fixtures.load("session-job-stateless.yaml");
        job.withObject("/spec").put("deploymentName", "fraud-scoring");
        assertRejected(ADMISSION.validateSessionJob(job, cluster), "Can not submit session job to application cluster");
    }

    @Test
    void aJarUriWithoutSchemeIsRejected() {
        ObjectNode job = Fixtures.load("session-job-stateless.yaml");
        job.withObject("/spec/job").put("jarURI", "campaign-clicks-filter-2.4.1.jar");
        assertRejected(ADMISSION.validateSessionJob(job, sessionCluster()), "jarURI must include a scheme");
    }

    // ---- 1.15 checks emulated on top of the 1.7.0 validator

    @Test
    void theAutoscalerRangesOfOperator115AreEmulated() {
        ObjectNode d = Fixtures.load("application-savepoint.yaml");
        d.withObject("/spec/flinkConfiguration").put("job.autoscaler.enabled", "true").put("job.autoscaler.utilization.target", "1.5");
        OperatorAdmission.Verdict v = ADMISSION.validateDeployment(d);
        assertRejected(v, "The AutoScalerOption job.autoscaler.utilization.target is invalid, it should be a value within the range [0.0, 1.0]");
        assertTrue(v.emulated(), "1.7.0 does not bound the target from above");
        d.withObject("/spec/flinkConfiguration").put("job.autoscaler.enabled", "false");
        assertEquals(Optional.empty(), ADMISSION.validateDeployment(d).error());
    }

    @Test
    void excludedPeriodsAreReadAsOperator115ReadsThem() {
        ObjectNode d = Fixtures.load("application-savepoint.yaml");
        d.withObject("/spec/flinkConfiguration").put("job.autoscaler.enabled", "true")
                .put("job.autoscaler.excluded.periods", "09:13:17-11:15:18;* * * ? * 2,5 && 14:01:20-16:00:00");
        assertEquals(Optional.empty(), ADMISSION.validateDeployment(d).error());
        d.withObject("/spec/flinkConfiguration").put("job.autoscaler.excluded.periods", "12:00-10:00");
        assertRejected(ADMISSION.validateDeployment(d), "Invalid value 12:00-10:00 in the autoscaler config job.autoscaler.excluded.periods");
        d.withObject("/spec/flinkConfiguration").put("job.autoscaler.excluded.periods", "* * * ? * 2,5555");
        assertRejected(ADMISSION.validateDeployment(d), "Invalid value * * * ? * 2,5555 in the autoscaler config");
    }

    @Test
    void aSessionJobsJarSchemeIsCheckedAgainstTheOperatorsAllowlist() {
        ObjectNode job = Fixtures.load("session-job-stateless.yaml");
        job.withObject("/spec/job").put("jarURI", "s3://bucket/job.jar");
        assertRejected(ADMISSION.validateSessionJob(job, sessionCluster()),
                "jarURI scheme 's3' is not in the allowlist [https]. Configure 'kubernetes.operator.user.artifacts.allowed-schemes'");
        java.util.Map<String, String> extended = new java.util.HashMap<>(OperatorAdmission.OPERATOR_DEFAULTS);
        extended.put(OperatorAdmission.ALLOWED_SCHEMES, "https;s3");
        assertEquals(Optional.empty(), new OperatorAdmission(extended).validateSessionJob(job, sessionCluster()).error());
    }

    @Test
    void aSessionJobsJarOnARestrictedAddressIsRejected() {
        ObjectNode job = Fixtures.load("session-job-stateless.yaml");
        job.withObject("/spec/job").put("jarURI", "https://169.254.169.254/job.jar");
        assertRejected(ADMISSION.validateSessionJob(job, sessionCluster()), "jarURI host '169.254.169.254' resolves to a restricted address");
        java.util.Map<String, String> off = new java.util.HashMap<>(OperatorAdmission.OPERATOR_DEFAULTS);
        off.put(OperatorAdmission.DISALLOW_RESTRICTED_HOSTS, "false");
        assertEquals(Optional.empty(), new OperatorAdmission(off).validateSessionJob(job, sessionCluster()).error());
    }

    @Test
    void anUpdateIsJudgedAgainstTheLastReconciledSpec() {
        ObjectNode application = Fixtures.load("application-savepoint.yaml");
        ObjectNode session = application.deepCopy();
        ((ObjectNode) session.get("spec")).remove("job");
        assertEquals(Optional.empty(), ADMISSION.validateDeploymentUpdate(application, application).error());
        assertRejected(ADMISSION.validateDeploymentUpdate(session, application), "Cannot switch from job to session cluster");
        assertRejected(ADMISSION.validateDeploymentUpdate(application, session), "Cannot switch from session to job cluster");
    }

    @Test
    void theOperatorDefaultsDecide() {
        // With an operator that sets a savepoint directory for everyone, a savepoint upgrade without one passes;
        // the stock defaults used everywhere else set none, so emitted objects must bring their own.
        ObjectNode d = Fixtures.load("application-savepoint.yaml");
        ((ObjectNode) d.at("/spec/flinkConfiguration")).remove("execution.checkpointing.savepoint-dir");
        java.util.Map<String, String> lenient = new java.util.HashMap<>(OperatorAdmission.OPERATOR_DEFAULTS);
        lenient.put("state.savepoints.dir", "s3://operator-wide/savepoints");
        assertEquals(Optional.empty(), new OperatorAdmission(lenient).validateDeployment(d).error());
        assertRejected(ADMISSION.validateDeployment(d), "Job could not be upgraded with savepoint");
    }

    /** Day-2 nonces (operator 1.8+) pass; a changed redeploy nonce without a path is refused (emulated: 1.7.0 drops the nonce). */
    @Test
    void aRedeployNonceNeedsAnInitialSavepointPathWhenItChanges() {
        ObjectNode previous = Fixtures.load("application-savepoint.yaml");
        ObjectNode redeploy = previous.deepCopy();
        redeploy.withObject("/spec").put("restartNonce", 1796423400L);
        redeploy.withObject("/spec/job").put("savepointTriggerNonce", 1796421600L)
                .put("savepointRedeployNonce", 1796422200L).put("initialSavepointPath", "s3://state/team/job/savepoints/savepoint-1");
        assertEquals(Optional.empty(), ADMISSION.validateDeployment(redeploy).error());
        assertEquals(Optional.empty(), ADMISSION.validateDeploymentUpdate(redeploy, previous).error());

        ObjectNode withoutPath = redeploy.deepCopy();
        withoutPath.withObject("/spec/job").remove("initialSavepointPath");
        OperatorAdmission.Verdict v = ADMISSION.validateDeploymentUpdate(withoutPath, previous);
        assertRejected(v, "InitialSavepointPath must not be empty for savepoint redeployment");
        assertTrue(v.emulated());
        // The same nonce as last time is no new redeploy: nothing to check.
        assertEquals(Optional.empty(), ADMISSION.validateDeploymentUpdate(withoutPath, redeploy).error());
    }

    /** 1.15's FlinkStateSnapshot checks, emulated (1.7.0 has no such kind). */
    @Test
    void aStateSnapshotNeedsOneKindOfSnapshotAndAJobItFinds() {
        ObjectNode target = Fixtures.load("application-savepoint.yaml");
        ObjectNode request = (ObjectNode) Fixtures.load("application-savepoint.yaml").removeAll();
        request.put("apiVersion", "flink.apache.org/v1beta1").put("kind", "FlinkStateSnapshot");
        request.putObject("metadata").put("name", "job-before-migration").put("namespace", "flink-prod");
        ObjectNode spec = request.putObject("spec");
        spec.putObject("jobReference").put("kind", "FlinkDeployment").put("name", "job");
        spec.putObject("savepoint").put("alreadyExists", false).put("disposeOnDelete", false).put("formatType", "CANONICAL");
        assertEquals(Optional.empty(), ADMISSION.validateStateSnapshot(request, Optional.of(target)).error());
        assertRejected(ADMISSION.validateStateSnapshot(request, Optional.empty()), "Target for snapshot flink-prod/job was not found");

        ObjectNode both = request.deepCopy();
        both.withObject("/spec").putObject("checkpoint");
        assertRejected(ADMISSION.validateStateSnapshot(both, Optional.of(target)), "Exactly one of checkpoint or savepoint configurations has to be set.");

        ObjectNode unreferenced = request.deepCopy();
        unreferenced.withObject("/spec").remove("jobReference");
        assertRejected(ADMISSION.validateStateSnapshot(unreferenced, Optional.of(target)), "Job reference must be supplied for this snapshot");

        ObjectNode existing = unreferenced.deepCopy();
        existing.withObject("/spec/savepoint").put("alreadyExists", true).put("path", "s3://state/team/job/savepoints/savepoint-1");
        assertEquals(Optional.empty(), ADMISSION.validateStateSnapshot(existing, Optional.empty()).error(), "an existing savepoint needs no job");
    }
}
