package io.flinkops.plan;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.testing.MemorySource;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the plan makes of Savepoints and the day-2 annotations: the route, the nonces and which Savepoints render. */
class OperationsTest {
    private static final Map<String, byte[]> BASE = MemorySource.read(TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input"));

    @Test
    void theRouteFollowsTheOperatorVersion() {
        assertEquals(Operations.Route.NONCES_WITHOUT_REDEPLOY, Operations.Route.of("1.7"));
        assertEquals(Operations.Route.NONCES, Operations.Route.of("1.8"));
        assertEquals(Operations.Route.NONCES, Operations.Route.of("1.9"));
        assertEquals(Operations.Route.SNAPSHOTS, Operations.Route.of("1.10"));
        assertEquals(Operations.Route.SNAPSHOTS, Operations.Route.of("1.15"));
    }

    @Test
    void timesAreRfc3339WithAZone() {
        assertEquals(1796421000L, OperationTimes.parse("2026-12-04T21:50:00Z").orElseThrow().getEpochSecond());
        assertEquals(1796421000L, OperationTimes.parse("2026-12-04T22:50:00+01:00").orElseThrow().getEpochSecond());
        assertEquals(1796421000L, OperationTimes.parse("2026-12-04t21:50:00.999z").orElseThrow().getEpochSecond());
        for (String invalid : List.of("2026-12-04 21:50:00", "2026-12-04T21:50:00", "now", "", "2026-13-04T21:50:00Z")) {
            assertEquals(Optional.empty(), OperationTimes.parse(invalid), invalid);
        }
    }

    @Test
    void theNewestValidRequestIsTheTriggerAndOnlyRegisteredSavepointsRedeploy() {
        Operations operations = plan("1.9", """
                apiVersion: v1
                kind: Deployment
                metadata:
                  name: job
                  annotations:
                    flinkops.io/restart: "2026-12-04T22:30:00+01:00"
                    flinkops.io/redeploy-from: restore
                spec:
                  deploymentTargetName: prod
                  maxSavepointCreationAttempts: 6
                """).operations();
        assertEquals(Operations.Route.NONCES, operations.route());
        assertEquals(List.of("broken", "newer", "older", "restore"), operations.savepoints().stream().map(Savepoint::name).toList());
        assertEquals("newer", operations.savepointTrigger().orElseThrow().name());
        assertEquals("restore", operations.redeployFrom().orElseThrow().name());
        assertEquals(Optional.of(1796419800L), operations.restartNonce());
        assertEquals(5, operations.snapshotBackoffLimit());
        assertEquals(List.of(), operations.snapshots());
    }

    @Test
    void explainShowsTheOperations() {
        String text = io.flinkops.explain.Explainer.text(plan("1.9", """
                apiVersion: v1
                kind: Deployment
                metadata:
                  name: job
                  annotations:
                    flinkops.io/restart: "2026-12-04T21:30:00Z"
                    flinkops.io/redeploy-from: restore
                spec:
                  deploymentTargetName: prod
                """), "repo");
        assertTrue(text.contains("#   savepoints: 3 requests, 1 registered savepoint (savepointTriggerNonce of `newer`)\n"), text);
        assertTrue(text.contains("#   restart: 2026-12-04T21:30:00Z (restartNonce 1796419800)\n"), text);
        assertTrue(text.contains("#   redeploy from: `restore` at s3://state/team/job/savepoints/savepoint-1\n"), text);
    }

    @Test
    void snapshotsAreEverySavepointWithAValidTime() {
        Operations operations = plan("1.15", """
                apiVersion: v1
                kind: Deployment
                metadata:
                  name: job
                  annotations:
                    flinkops.io/redeploy-from: newer
                spec:
                  deploymentTargetName: prod
                """).operations();
        assertEquals(List.of("newer", "older", "restore"), operations.snapshots().stream().map(Savepoint::name).toList());
        assertEquals(Optional.empty(), operations.savepointTrigger());
        assertEquals(Optional.empty(), operations.redeployFrom(), "a request has no location to redeploy from");
        assertEquals(3, operations.snapshotBackoffLimit(), "VVP's default of 4 attempts");
    }

    @Test
    void aResourceWithoutOperationsHasNone() {
        Compilation c = compile(new TreeMap<>(BASE));
        ResourcePlan job = c.plan().deployments().findFirst().orElseThrow();
        Operations operations = job.operations();
        assertEquals(List.of(), operations.savepoints());
        assertTrue(operations.restart().isEmpty() && operations.redeploy().isEmpty());
        assertTrue(operations.restartNonce().isEmpty() && operations.savepointTrigger().isEmpty() && operations.snapshots().isEmpty());
    }

    @Test
    void theNamespaceIndexesSavepointsByDeployment() {
        Map<String, byte[]> files = withSavepoints("1.15", null);
        files.put("namespaces/team/other.yaml", """
                apiVersion: v1
                kind: Savepoint
                metadata:
                  name: of-nobody
                  deploymentName: nobody
                  createdAt: "2026-12-04T21:50:00Z"
                spec: {}
                """.getBytes(StandardCharsets.UTF_8));
        var ns = compile(files).repo().namespaces().get("team");
        assertEquals(List.of("broken", "newer", "older", "restore"), ns.savepointsOf("job").stream().map(s -> s.name()).toList());
        assertEquals(List.of("of-nobody"), ns.savepointsOf("nobody").stream().map(s -> s.name()).toList());
        assertEquals(List.of(), ns.savepointsOf("missing"));
    }

    private static ResourcePlan plan(String operatorVersion, String deployment) {
        Compilation c = compile(withSavepoints(operatorVersion, deployment));
        return c.plan().deployments().filter(p -> p.name().equals("job")).findFirst().orElseThrow();
    }

    private static Map<String, byte[]> withSavepoints(String operatorVersion, String deployment) {
        Map<String, byte[]> files = new TreeMap<>(BASE);
        String repository = new String(files.get("flinkops.yaml"), StandardCharsets.UTF_8).replace("version: \"1.15\"", "version: \"" + operatorVersion + "\"");
        files.put("flinkops.yaml", repository.getBytes(StandardCharsets.UTF_8));
        if (deployment != null) {
            String job = new String(files.get("namespaces/team/job.yaml"), StandardCharsets.UTF_8);
            files.put("namespaces/team/job.yaml", (deployment + job.substring(job.indexOf("  template:"))).getBytes(StandardCharsets.UTF_8));
        }
        files.put("namespaces/team/savepoints.yaml", """
                apiVersion: v1
                kind: Savepoint
                metadata: {name: older, deploymentName: job, createdAt: "2026-12-04T21:50:00Z"}
                spec: {}
                ---
                apiVersion: v1
                kind: Savepoint
                metadata: {name: newer, deploymentName: job, createdAt: "2026-12-04T22:00:00Z"}
                spec: {}
                ---
                apiVersion: v1
                kind: Savepoint
                metadata: {name: broken, deploymentName: job, createdAt: "tomorrow"}
                spec: {}
                ---
                apiVersion: v1
                kind: Savepoint
                metadata: {name: restore, deploymentName: job, createdAt: "2026-12-04T21:40:00Z"}
                spec: {savepointLocation: "s3://state/team/job/savepoints/savepoint-1"}
                """.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static Compilation compile(Map<String, byte[]> files) {
        return new Compiler().compile(new MemorySource(files));
    }
}
