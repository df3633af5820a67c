package io.flinkops.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.kube.KubeSettings;
import io.flinkops.agent.kube.KubernetesSteps;
import io.flinkops.agent.kube.MockKube;
import io.flinkops.agent.record.StatusMerge;
import io.flinkops.agent.record.StatusUpdate;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Real agent output as fixtures for {@code flinkops diff}'s live-state report: the status files that the agent's own
 * observe and record code ({@link KubernetesSteps}, {@link StatusMerge}) write for a small cluster, against the mock
 * API server with the operator's CRDs, the test playing the operator. Three deployments: payments/fraud-scoring runs,
 * with savepoints the repo asked for (one completed, one failed), one the operator took for an upgrade, a restart done
 * and a last checkpoint; payments/orders has FAILED after a redeploy from a registered savepoint; analytics/kpi-rollups
 * is SUSPENDED with its suspend savepoint. Times come from fixed instants.
 * <p>
 * The files live in {@value #FIXTURES} as a status-branch tree ({@code status/<ns>/<deployment>.yaml}). This test fails
 * when the agent would write something else; {@code -Dflinkops.updateGolden=true} rewrites them.
 */
class LiveStatusFixturesTest {
    /** The status branch of the diff case {@code agent-output} (compiler/src/test/resources/diff-cases/agent-output). */
    static final String FIXTURES = "../compiler/src/test/resources/io/flinkops/diff/live/agent-output";
    static final boolean UPDATE = Boolean.getBoolean("flinkops.updateGolden");
    static final String CLUSTER = "default"; // the diff cases' only cluster
    static final String COMMIT = "26d3262a0bcb73441217d4e9481234c47e225cd3"; // the base commit of diff case agent-output
    static final Instant T0 = Instant.parse("2026-12-04T21:52:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ResourceDefinitionContext DEPLOYMENTS = context("FlinkDeployment");
    static final ResourceDefinitionContext SNAPSHOTS = context("FlinkStateSnapshot");

    static ResourceDefinitionContext context(String kind) {
        return new ResourceDefinitionContext.Builder().withGroup("flink.apache.org").withVersion("v1beta1").withKind(kind)
                .withPlural(kind.toLowerCase() + "s").withNamespaced(true).build();
    }

    @Test
    void theLiveStatusFixturesAreWhatTheAgentWrites() throws Exception {
        Map<String, byte[]> written = agentOutput();
        Path root = Path.of(FIXTURES);
        if (UPDATE) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> old = Files.walk(root)) {
                    for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) if (!p.equals(root)) Files.delete(p);
                }
            }
            for (var e : written.entrySet()) {
                Path file = root.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
        }
        Map<String, String> onDisk = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    onDisk.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                }
            }
        }
        Map<String, String> expected = new TreeMap<>();
        written.forEach((path, bytes) -> expected.put(path, new String(bytes, StandardCharsets.UTF_8)));
        assertEquals(expected, onDisk, "the fixtures in " + FIXTURES + " are not what the agent writes; "
                + "regenerate them with -Dflinkops.updateGolden=true (and review the change: the diff engineer's tests read them)");
        // They read back as statuses, with the day-2 history.
        for (var e : written.entrySet()) {
            DeploymentStatus s = StatusFiles.readDeployment(e.getValue());
            assertEquals(e.getKey(), s.path());
        }
    }

    /** One agent's observations over a few cycles, and the status files its record step writes on an empty branch. */
    static Map<String, byte[]> agentOutput() throws Exception {
        try (MockKube kube = new MockKube(10_000)) {
            KubernetesClient client = kube.client();
            KubernetesSteps steps = new KubernetesSteps(client, KubeSettings.of(List.of("flink-*")), Clock.fixed(T0, ZoneOffset.UTC));
            long restart = Instant.parse("2026-12-04T22:20:00Z").getEpochSecond();
            long redeploy = Instant.parse("2026-12-04T22:10:00Z").getEpochSecond();

            ObjectNode fraud = deployment("flink-payments", "payments", "fraud-scoring", "running");
            ((ObjectNode) fraud.path("spec")).put("restartNonce", restart);
            annotations(fraud).put(Ownership.PREFIX + "restart", "2026-12-04T22:20:00Z");
            ObjectNode orders = deployment("flink-payments", "payments", "orders", "running");
            ((ObjectNode) orders.path("spec").path("job")).put("initialSavepointPath", "s3://flink/savepoints/orders/savepoint-77aa01-1b2c")
                    .put("savepointRedeployNonce", redeploy);
            annotations(orders).put(Ownership.PREFIX + "redeploy-from", "orders-restore-20261204-221000");
            ObjectNode kpi = deployment("flink-analytics", "analytics", "kpi-rollups", "suspended");
            List<ObjectNode> objects = List.of(fraud, orders, kpi,
                    snapshot(fraud, "fraud-scoring-20261204-215000", "2026-12-04T21:50:00Z", null, "before the Kafka migration"),
                    snapshot(fraud, "fraud-scoring-20261204-221500", "2026-12-04T22:15:00Z", null, null),
                    snapshot(orders, "orders-restore-20261204-221000", "2026-12-04T22:10:00Z", "s3://flink/savepoints/orders/savepoint-77aa01-1b2c", null));
            DesiredState desired = desired(objects);

            steps.apply(desired);
            steps.observe(desired, T0); // the requests are recorded PENDING before the operator acts

            // The operator: fraud-scoring's first savepoint completes, the second fails; it took an upgrade savepoint
            // itself; the restart is reconciled and the job runs, with a checkpoint.
            status(client, SNAPSHOTS, "flink-payments", "fraud-scoring-fraud-scoring-20261204-215000", "{\"state\":\"COMPLETED\","
                    + "\"path\":\"s3://flink/savepoints/fraud-scoring/savepoint-8a1f2c-5e0d\",\"triggerTimestamp\":\"2026-12-04T21:52:30Z\","
                    + "\"resultTimestamp\":\"2026-12-04T21:53:12Z\"}");
            status(client, SNAPSHOTS, "flink-payments", "fraud-scoring-fraud-scoring-20261204-221500", "{\"state\":\"FAILED\",\"failures\":4,"
                    + "\"resultTimestamp\":\"2026-12-04T22:17:40Z\",\"error\":\"Checkpoint Coordinator is suspending.\"}");
            operatorSnapshot(client, "flink-payments", "fraud-scoring-upgrade-1733349600", "fraud-scoring", "UPGRADE",
                    "{\"state\":\"COMPLETED\",\"path\":\"s3://flink/savepoints/fraud-scoring/savepoint-91bd3e-0a7c\","
                            + "\"triggerTimestamp\":\"2026-12-04T22:20:05Z\",\"resultTimestamp\":\"2026-12-04T22:20:31Z\"}");
            status(client, DEPLOYMENTS, "flink-payments", "fraud-scoring", "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\","
                    + "\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"RUNNING\",\"jobId\":\"5e0d8a1f2c3b4a59687766554433aa01\","
                    + "\"checkpointInfo\":{\"lastCheckpoint\":{\"timeStamp\":" + Instant.parse("2026-12-04T22:24:02Z").toEpochMilli() + ",\"triggerType\":\"PERIODIC\"}}},"
                    + "\"reconciliationStatus\":{\"state\":\"DEPLOYED\",\"lastReconciledSpec\":\"{\\\"spec\\\":{\\\"restartNonce\\\":" + restart
                    + ",\\\"job\\\":{\\\"state\\\":\\\"running\\\"}}}\"}}");
            // orders: the registered savepoint exists; the redeploy from it was reconciled, and the job failed.
            status(client, SNAPSHOTS, "flink-payments", "orders-orders-restore-20261204-221000", "{\"state\":\"COMPLETED\","
                    + "\"path\":\"s3://flink/savepoints/orders/savepoint-77aa01-1b2c\",\"resultTimestamp\":\"2026-12-04T22:10:20Z\"}");
            status(client, DEPLOYMENTS, "flink-payments", "orders", "{\"observedGeneration\":1,\"lifecycleState\":\"STABLE\","
                    + "\"jobManagerDeploymentStatus\":\"READY\",\"jobStatus\":{\"state\":\"FAILED\",\"jobId\":\"77aa011b2c3d4e5f60718293a4b5c6d7\"},"
                    + "\"error\":\"{\\\"type\\\":\\\"org.apache.flink.runtime.JobException\\\",\\\"message\\\":\\\"Recovery is suppressed by "
                    + "NoRestartBackoffTimeStrategy\\\"}\",\"reconciliationStatus\":{\"state\":\"DEPLOYED\",\"lastReconciledSpec\":"
                    + "\"{\\\"spec\\\":{\\\"job\\\":{\\\"state\\\":\\\"running\\\",\\\"savepointRedeployNonce\\\":" + redeploy + "}}}\"}}");
            // kpi-rollups: suspended with a savepoint (operator 1.10+ reports it as a snapshot of its own).
            operatorSnapshot(client, "flink-analytics", "kpi-rollups-upgrade-1733340000", "kpi-rollups", "UPGRADE",
                    "{\"state\":\"COMPLETED\",\"path\":\"s3://flink/savepoints/kpi-rollups/savepoint-c0ffee-0001\","
                            + "\"triggerTimestamp\":\"2026-12-04T19:00:00Z\",\"resultTimestamp\":\"2026-12-04T19:00:41Z\"}");
            status(client, DEPLOYMENTS, "flink-analytics", "kpi-rollups", "{\"observedGeneration\":1,\"lifecycleState\":\"SUSPENDED\","
                    + "\"jobManagerDeploymentStatus\":\"MISSING\",\"jobStatus\":{\"state\":\"SUSPENDED\",\"jobId\":\"c0ffee00000000000000000000000001\"}}");

            Instant t1 = Instant.parse("2026-12-04T22:25:00Z");
            Map<String, DeploymentStatus> observed = steps.observe(desired, t1);
            StatusMerge.Changes changes = new StatusMerge(CLUSTER).merge(EMPTY, new StatusUpdate(COMMIT, observed, true, null), t1);
            Map<String, byte[]> out = new TreeMap<>(changes.writes());
            assertEquals(Set.of("status/payments/fraud-scoring.yaml", "status/payments/orders.yaml", "status/analytics/kpi-rollups.yaml"), out.keySet());
            return out;
        }
    }

    static final StatusMerge.Tip EMPTY = new StatusMerge.Tip() {
        @Override
        public Set<String> paths() {
            return Set.of();
        }

        @Override
        public Optional<DeploymentStatus> deployment(String path) {
            return Optional.empty();
        }

        @Override
        public Optional<AgentStatus> agent(String path) {
            return Optional.empty();
        }
    };

    static void status(KubernetesClient client, ResourceDefinitionContext kind, String namespace, String name, String json) {
        client.genericKubernetesResources(kind).inNamespace(namespace).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + json + "}");
    }

    /** A savepoint snapshot the operator created itself, with its labels. */
    static void operatorSnapshot(KubernetesClient client, String namespace, String name, String job, String trigger, String statusJson) {
        client.genericKubernetesResources(SNAPSHOTS).inNamespace(namespace).resource(Serialization.unmarshal(("{\"apiVersion\":\"flink.apache.org/v1beta1\","
                + "\"kind\":\"FlinkStateSnapshot\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"snapshot.type\":\"SAVEPOINT\",\"snapshot.trigger-type\":\""
                + trigger + "\",\"snapshot.state\":\"COMPLETED\",\"job-reference.kind\":\"FlinkDeployment\",\"job-reference.name\":\"" + job + "\"}},"
                + "\"spec\":{\"jobReference\":{\"kind\":\"FlinkDeployment\",\"name\":\"" + job + "\"},\"savepoint\":{\"alreadyExists\":true,"
                + "\"disposeOnDelete\":true}}}"), GenericKubernetesResource.class)).create();
        status(client, SNAPSHOTS, namespace, name, statusJson);
    }

    static ObjectNode annotations(ObjectNode o) {
        return (ObjectNode) o.path("metadata").path("annotations");
    }

    static ObjectNode object(String kind, String namespace, String flinkopsNamespace, String name, String deployment) {
        ObjectNode o = JSON.createObjectNode();
        o.put("apiVersion", "flink.apache.org/v1beta1").put("kind", kind);
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("name", name).put("namespace", namespace);
        metadata.putObject("labels").put(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE).put(Ownership.CLUSTER, CLUSTER)
                .put(Ownership.NAMESPACE, flinkopsNamespace).put(Ownership.DEPLOYMENT, deployment);
        metadata.putObject("annotations");
        return o;
    }

    static ObjectNode deployment(String namespace, String flinkopsNamespace, String name, String jobState) {
        ObjectNode o = object("FlinkDeployment", namespace, flinkopsNamespace, name, name);
        ObjectNode spec = o.putObject("spec");
        spec.put("image", "registry.acme.io/flink:1.20").put("flinkVersion", "v1_20").put("serviceAccount", "flinkops-flink");
        spec.putObject("flinkConfiguration").put("execution.checkpointing.savepoint-dir", "s3://flink/savepoints/" + name);
        spec.putObject("job").put("jarURI", "local:///opt/flink/usrlib/job.jar").put("state", jobState).put("upgradeMode", "savepoint").put("parallelism", 2);
        return o;
    }

    /** A Savepoint document of the deployment {@code of}, as rendered for operator 1.10+ (docs/day-2.md). */
    static ObjectNode snapshot(ObjectNode of, String savepoint, String createdAt, String location, String reason) {
        String job = of.path("metadata").path("name").asText();
        ObjectNode labels = (ObjectNode) of.path("metadata").path("labels");
        ObjectNode o = object("FlinkStateSnapshot", of.path("metadata").path("namespace").asText(), labels.path(Ownership.NAMESPACE).asText(),
                job + "-" + savepoint, labels.path(Ownership.DEPLOYMENT).asText());
        ((ObjectNode) o.path("metadata").path("labels")).put(Ownership.PREFIX + "savepoint", savepoint);
        annotations(o).put(Ownership.PREFIX + "requested-at", createdAt);
        if (reason != null) annotations(o).put(Ownership.PREFIX + "reason", reason);
        ObjectNode spec = o.putObject("spec");
        spec.putObject("jobReference").put("kind", "FlinkDeployment").put("name", job);
        ObjectNode sp = spec.putObject("savepoint").put("alreadyExists", location != null).put("disposeOnDelete", false);
        if (location != null) {
            sp.put("path", location);
        } else {
            sp.put("formatType", "CANONICAL");
            spec.put("backoffLimit", 3);
        }
        return o;
    }

    static DesiredState desired(List<ObjectNode> objects) {
        List<RenderedObject> rendered = new ArrayList<>();
        for (ObjectNode o : objects) {
            rendered.add(new RenderedObject(CLUSTER, o.path("apiVersion").asText(), o.path("kind").asText(), o.path("metadata").path("namespace").asText(),
                    o.path("metadata").path("name").asText(), o, "namespaces/x.yaml"));
        }
        return new DesiredState(CLUSTER, COMMIT, rendered, io.flinkops.policy.ObjectFence.OPEN, List.of(), Map.of());
    }
}
