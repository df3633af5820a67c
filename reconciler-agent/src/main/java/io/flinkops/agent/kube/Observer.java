package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;
import io.flinkops.status.DeploymentStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The observe step (see {@link KubernetesSteps#observe}). Keeps the restart history and the last statuses in memory;
 * the restart history also goes into each status, and is seeded from the recorded status for a deployment this
 * process has not observed yet ({@link RestartHistory}).
 */
final class Observer {
    static final String CLUSTER_UNREACHABLE = "ClusterUnreachable";
    static final String JOB_FAILING = "JobFailing";
    static final String JOB_UNSTABLE = "JobUnstable";

    private static final List<ManagedKind> OBSERVED = List.of(ManagedKind.FLINK_DEPLOYMENT, ManagedKind.FLINK_SESSION_JOB);

    private final ManagedObjects managedObjects;
    private final RestartHistory history = new RestartHistory();
    private final Map<String, DeploymentStatus> previous = new HashMap<>();
    private final List<DayTwoEvents.Event> dayTwoEvents = new ArrayList<>();

    Observer(ManagedObjects managedObjects) {
        this.managedObjects = managedObjects;
    }

    /** One deployment to observe: the spec that says what it should do, and (when already read) the live object. */
    private record Target(ManagedKind kind, ObjectKey key, String namespace, String deployment, JsonNode spec, JsonNode live) {
    }

    /**
     * @param recorded this cluster's statuses on the status branch, keyed like the result; asked only when a
     *                 deployment is new to this process (after a start or a leader change), at most once per call
     */
    synchronized Map<String, DeploymentStatus> observe(DesiredState desired, Supplier<Map<String, DeploymentStatus>> recorded, Instant now)
            throws StepFailure {
        Map<String, DeploymentStatus> fromBranch = null;
        dayTwoEvents.clear();
        List<Target> targets = new ArrayList<>();
        // One list per kind, then by key; an object missing there (not created yet, or not this agent's) is read by name.
        Map<ObjectKey, GenericKubernetesResource> managed = new HashMap<>();
        if (desired.valid()) {
            managed.putAll(managedObjects.byKey(desired.cluster(), OBSERVED));
            for (RenderedObject o : desired.objects()) {
                JsonNode labels = o.content().path("metadata").path("labels");
                ManagedKind kind = ManagedKind.of(o.apiVersion(), o.kind(), labels).orElse(null);
                String deployment = labels.path(Ownership.DEPLOYMENT).asText(null);
                String namespace = labels.path(Ownership.NAMESPACE).asText(null);
                if (kind == null || !OBSERVED.contains(kind) || deployment == null || namespace == null
                        || !o.cluster().equals(desired.cluster())) continue;
                ObjectKey key = new ObjectKey(o.kind(), o.namespace(), o.name());
                targets.add(new Target(kind, key, namespace, deployment, o.content().path("spec"), read(managed, kind, key)));
            }
        } else {
            // The commit does not compile: report what runs, from the managed objects in the cluster.
            for (ManagedObjects.Live l : managedObjects.list(desired.cluster(), OBSERVED)) {
                managed.put(l.key(), l.resource());
                if (!OBSERVED.contains(l.kind())) continue;
                Map<String, String> labels = l.resource().getMetadata().getLabels();
                if (labels.get(Ownership.DEPLOYMENT) == null || labels.get(Ownership.NAMESPACE) == null) continue;
                JsonNode live = Json.tree(l.resource());
                targets.add(new Target(l.kind(), l.key(), labels.get(Ownership.NAMESPACE), labels.get(Ownership.DEPLOYMENT), live.path("spec"), live));
            }
        }
        Map<String, DeploymentStatus> out = new TreeMap<>();
        Map<ObjectKey, JsonNode> sessionClusters = new HashMap<>();
        Snapshots snapshots = targets.isEmpty() ? Snapshots.NONE : snapshots(desired.cluster());
        for (Target t : targets) {
            JsonNode live = t.live();
            JsonNode jobManager = live;
            if (ManagedKind.FLINK_SESSION_JOB.equals(t.kind())) {
                String cluster = t.spec().path("deploymentName").asText("");
                ObjectKey clusterKey = new ObjectKey(ManagedKind.SESSION_CLUSTER.kind(), t.key().namespace(), cluster);
                if (!sessionClusters.containsKey(clusterKey)) sessionClusters.put(clusterKey, read(managed, ManagedKind.SESSION_CLUSTER, clusterKey));
                jobManager = sessionClusters.get(clusterKey);
            }
            String id = t.namespace() + "/" + t.deployment();
            // The plan says what the deployment should be in; a live object seen by label after an invalid commit
            // (no plan for it) says what was applied.
            String desiredState = desired.desiredStates().getOrDefault(id, StatusMapping.desiredState(t.spec()));
            StatusMapping.Mapped m = StatusMapping.map(desiredState, t.key().toString(), live, jobManager);
            Long generation = live == null ? null : live.path("metadata").path("generation").asLong();
            if (!history.knows(id)) {
                // New to this process: continue from what the status branch says the last observer saw, so neither
                // the restart count nor the conditions' transition times start over.
                if (fromBranch == null) fromBranch = recorded.get();
                DeploymentStatus last = fromBranch.get(id);
                history.seed(id, last);
                if (last != null) previous.putIfAbsent(id, last);
            }
            RestartHistory.Counts restarts = history.observe(id, m.jobId(), m.jobState(), generation, now);
            String sourceCommit = live == null ? desired.sourceCommit()
                    : live.path("metadata").path("annotations").path(Ownership.SOURCE_COMMIT).asText(desired.sourceCommit());
            DayTwoMapping.Observed dayTwo = DayTwoMapping.observe(live, snapshots.requested().getOrDefault(id, List.of()),
                    snapshots.ofJobs().getOrDefault(t.key().namespace() + "/" + t.key().kind() + "/" + t.key().name(), List.of()),
                    m.state(), desiredState, m.error(), now);
            DeploymentStatus observed = new DeploymentStatus(t.namespace(), t.deployment(), sourceCommit, desiredState, m.state(), m.jobId(),
                    conditions(m, restarts), m.lastSavepoint(), m.error(), now.toString(), null, history.record(id))
                    .withDayTwo(dayTwo.savepoints(), dayTwo.operations(), dayTwo.lastCheckpoint());
            DeploymentStatus status = stabilise(id, DayTwoHistory.merge(previous.get(id), observed), now);
            dayTwoEvents.addAll(DayTwoEvents.between(previous.get(id), status, t.key()));
            out.put(id, status);
        }
        history.retain(out.keySet());
        previous.keySet().retainAll(out.keySet());
        previous.putAll(out);
        return out;
    }

    /** The day-2 events of the last observation (see {@link DayTwoEvents}). */
    synchronized List<DayTwoEvents.Event> dayTwoEvents() {
        return List.copyOf(dayTwoEvents);
    }

    /**
     * The FlinkStateSnapshots observed: the managed ones by flinkops deployment ("namespace/deployment"), the others
     * by the job they refer to ("namespace/kind/name").
     */
    private record Snapshots(Map<String, List<JsonNode>> requested, Map<String, List<JsonNode>> ofJobs) {
        static final Snapshots NONE = new Snapshots(Map.of(), Map.of());
    }

    private Snapshots snapshots(String cluster) throws StepFailure {
        Map<String, List<JsonNode>> requested = new HashMap<>();
        for (ManagedObjects.Live l : managedObjects.list(cluster, List.of(ManagedKind.FLINK_STATE_SNAPSHOT))) {
            Map<String, String> labels = l.resource().getMetadata().getLabels();
            if (labels.get(Ownership.NAMESPACE) == null || labels.get(Ownership.DEPLOYMENT) == null) continue;
            requested.computeIfAbsent(labels.get(Ownership.NAMESPACE) + "/" + labels.get(Ownership.DEPLOYMENT), k -> new ArrayList<>())
                    .add(Json.tree(l.resource()));
        }
        Map<String, List<JsonNode>> ofJobs = new HashMap<>();
        for (GenericKubernetesResource r : managedObjects.jobSnapshots()) {
            JsonNode tree = Json.tree(r);
            if (DayTwoMapping.managed(tree)) continue; // a request of the repo, found above
            JsonNode labels = tree.path("metadata").path("labels");
            ofJobs.computeIfAbsent(r.getMetadata().getNamespace() + "/" + labels.path(DayTwoMetadata.JOB_REFERENCE_KIND).asText() + "/"
                    + labels.path(DayTwoMetadata.JOB_REFERENCE_NAME).asText(), k -> new ArrayList<>()).add(tree);
        }
        return new Snapshots(requested, ofJobs);
    }

    /**
     * For the create-once rule ({@link RecordedSavepoints}): whether the savepoint history of {@code deployment}
     * records the Savepoint. The history is this process's last status of the deployment, or, for one it has not
     * observed yet, the status branch's ({@code recorded}, read at most once per apply).
     */
    synchronized String recorded(String deployment, String name, String requestedAt, Supplier<Map<String, DeploymentStatus>> recorded) {
        DeploymentStatus last = previous.containsKey(deployment) ? previous.get(deployment) : recorded.get().get(deployment);
        return last == null ? null : DayTwoHistory.recorded(last.savepoints(), name, requestedAt);
    }

    private JsonNode read(Map<ObjectKey, GenericKubernetesResource> managed, ManagedKind kind, ObjectKey key) throws StepFailure {
        GenericKubernetesResource r = managed.containsKey(key) ? managed.get(key) : managedObjects.get(kind, key);
        return r == null ? null : Json.tree(r);
    }

    private static List<DeploymentStatus.Condition> conditions(StatusMapping.Mapped m, RestartHistory.Counts restarts) {
        List<DeploymentStatus.Condition> out = new ArrayList<>();
        out.add(m.clusterUnreachable()
                ? new DeploymentStatus.Condition(CLUSTER_UNREACHABLE, "True", "JobManagerUnreachable", m.unreachableMessage(), null)
                : new DeploymentStatus.Condition(CLUSTER_UNREACHABLE, "False", "", "", null));
        out.add(restartCondition(JOB_FAILING, restarts.inFailingWindow(), restarts.capped(), "10"));
        out.add(restartCondition(JOB_UNSTABLE, restarts.inUnstableWindow(), restarts.capped(), "60"));
        return out;
    }

    private static DeploymentStatus.Condition restartCondition(String type, int count, boolean capped, String minutes) {
        return count >= RestartHistory.THRESHOLD
                ? new DeploymentStatus.Condition(type, "True", "JobRestarts",
                "The job restarted " + count + (capped ? " or more" : "") + " times within the last " + minutes + " minutes.", null)
                : new DeploymentStatus.Condition(type, "False", "", "", null);
    }

    /**
     * Keeps times stable: a condition's lastTransitionTime changes only when its status changes, and observedAt only
     * when anything else in the status changed, so an unchanged deployment gives an equal status (and no commit).
     */
    private DeploymentStatus stabilise(String id, DeploymentStatus now, Instant at) {
        DeploymentStatus before = previous.get(id);
        List<DeploymentStatus.Condition> conditions = new ArrayList<>();
        for (DeploymentStatus.Condition c : now.conditions()) {
            DeploymentStatus.Condition old = before == null ? null
                    : before.conditions().stream().filter(b -> b.type().equals(c.type())).findFirst().orElse(null);
            String since = old != null && old.status().equals(c.status()) ? old.lastTransitionTime() : at.toString();
            conditions.add(new DeploymentStatus.Condition(c.type(), c.status(), c.reason(), c.message(), since));
        }
        DeploymentStatus candidate = now.withConditions(conditions);
        if (before != null && sameApartFromTime(before, candidate)) return before;
        return candidate;
    }

    private static boolean sameApartFromTime(DeploymentStatus a, DeploymentStatus b) {
        return Objects.equals(a.namespace(), b.namespace()) && Objects.equals(a.deployment(), b.deployment())
                && Objects.equals(a.sourceCommit(), b.sourceCommit()) && Objects.equals(a.desiredState(), b.desiredState())
                && Objects.equals(a.state(), b.state()) && Objects.equals(a.jobId(), b.jobId())
                && Objects.equals(a.conditions(), b.conditions()) && Objects.equals(a.lastSavepoint(), b.lastSavepoint())
                && Objects.equals(a.error(), b.error()) && Objects.equals(a.restarts(), b.restarts())
                && Objects.equals(a.savepoints(), b.savepoints()) && Objects.equals(a.lastCheckpoint(), b.lastCheckpoint())
                && Objects.equals(a.operations(), b.operations());
    }
}
