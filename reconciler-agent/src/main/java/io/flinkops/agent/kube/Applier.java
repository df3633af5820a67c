package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.plan.Reconcile;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

/**
 * The apply step (see {@link KubernetesSteps#apply}): checks every object against the agent's rules, leaves the objects
 * of paused resources alone, then sends the allowed ones with server-side apply in dependency order, skipping those
 * whose live hash annotation matches and that did not drift, and holding back session jobs whose session cluster is not
 * ready. What is live comes from one list per kind of the objects this agent manages; only an object missing there is
 * read by name (it may exist unmanaged, which the agent must not overwrite).
 */
final class Applier {
    private final KubernetesClient client;
    private final KubeSettings settings;
    private final ManagedObjects managedObjects;

    Applier(KubernetesClient client, KubeSettings settings, ManagedObjects managedObjects) {
        this.client = client;
        this.settings = settings;
        this.managedObjects = managedObjects;
    }

    private record Planned(ManagedKind kind, ObjectKey key, ObjectNode content) {
    }

    ApplyResult apply(DesiredState desired) throws StepFailure {
        return apply(desired, RecordedSavepoints.NONE);
    }

    ApplyResult apply(DesiredState desired, RecordedSavepoints recordedSavepoints) throws StepFailure {
        if (!desired.valid()) {
            throw new StepFailure(Reason.CONFIG_INVALID, "Commit " + desired.sourceCommit()
                    + " does not compile, so the agent applied nothing. Fix the errors reported in the agent's status and push again.");
        }
        List<String> refused = new ArrayList<>();
        List<String> paused = new ArrayList<>();
        List<Planned> plan = new ArrayList<>();
        SortedMap<Integer, String> outsideFences = desired.fence().refusals(desired.objects());
        DesiredState.Pauses pauses = desired.pauses();
        for (int i = 0; i < desired.objects().size(); i++) {
            RenderedObject o = desired.objects().get(i);
            ObjectKey key = new ObjectKey(o.kind(), o.namespace(), o.name());
            String reason = refusal(desired, o);
            if (reason == null) reason = outsideFences.get(i);
            if (reason != null) {
                refused.add(key + ": " + reason);
                continue;
            }
            JsonNode metadata = o.content().path("metadata");
            if (pauses.covers(metadata)) {
                paused.add(key + ": " + pauseReason(DesiredState.subject(metadata.path("labels")), pauses));
                continue;
            }
            plan.add(new Planned(ManagedKind.of(o.apiVersion(), o.kind(), metadata.path("labels")).orElseThrow(), key, o.content()));
        }
        plan.sort(Comparator.comparing(Planned::kind).thenComparing(Planned::key));
        List<ManagedKind> resources = plan.stream().map(p -> p.kind().resource()).distinct().sorted().toList();
        Map<ObjectKey, GenericKubernetesResource> managed = managedObjects.byKey(desired.cluster(), resources);

        List<String> applied = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<ApplyResult.Drift> drifted = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        List<ApplyResult.Change> changes = new ArrayList<>();
        List<String> notRecreated = new ArrayList<>();
        Set<ObjectKey> sent = new HashSet<>();
        for (Planned p : plan) {
            if (p.kind().createOnce()) {
                GenericKubernetesResource live = managed.containsKey(p.key()) ? managed.get(p.key()) : managedObjects.get(p.kind(), p.key());
                String owner = live == null ? null : ownershipProblem(live, desired.cluster());
                if (owner != null) {
                    refused.add(p.key() + ": " + owner);
                } else if (live != null) {
                    unchanged.add(p.key().toString()); // never updated: the operator owns its labels and status
                } else {
                    String recorded = recordedAs(p, recordedSavepoints);
                    if (recorded != null) {
                        notRecreated.add(p.key() + ": " + recorded);
                    } else if (create(p, desired)) {
                        sent.add(p.key());
                        applied.add(p.key().toString());
                        changes.add(new ApplyResult.Change(p.key().toString(), true, List.of()));
                    } else {
                        unchanged.add(p.key().toString());
                    }
                }
                continue;
            }
            List<IgnoreDifference> ignored = settings.ignoredFor(p.kind().kind());
            ObjectNode body = p.content().deepCopy();
            body.remove("status");
            // Fields another controller owns are neither hashed nor compared: a change to them is nobody's drift.
            for (IgnoreDifference i : ignored) i.remove(body);
            String hash = ContentHash.of(body); // before the hash and commit annotations are added
            // Rendered objects carry no commit (so a GitOps tool sees no change on every commit); the agent records
            // the commit it applies, and since it sends only changed objects, the live annotation names the commit
            // that last changed the object.
            if (desired.sourceCommit() != null) body = Ownership.withSourceCommit(body, desired.sourceCommit());
            ObjectNode metadata = (ObjectNode) body.get("metadata");
            (metadata.has("annotations") ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations"))
                    .put(ContentHash.ANNOTATION, hash);

            GenericKubernetesResource live = managed.containsKey(p.key()) ? managed.get(p.key()) : managedObjects.get(p.kind(), p.key());
            JsonNode liveTree = live == null ? null : Json.tree(live);
            List<String> drift = List.of();
            if (live != null) {
                String owner = ownershipProblem(live, desired.cluster());
                if (owner != null) {
                    refused.add(p.key() + ": " + owner);
                    continue;
                }
                Map<String, String> annotations = live.getMetadata().getAnnotations();
                if (annotations != null && hash.equals(annotations.get(ContentHash.ANNOTATION))) {
                    ObjectNode compared = Ownership.withoutSourceCommit(body);
                    if (contained(compared, liveTree)) {
                        unchanged.add(p.key().toString());
                        continue;
                    }
                    // The repo did not change what the agent applied, yet the live object differs: someone changed it.
                    drift = FieldDiff.drifted(compared, liveTree);
                }
            }
            if (ManagedKind.FLINK_SESSION_JOB.equals(p.kind())) {
                String wait = sessionClusterNotReady(p, sent, managed);
                if (wait != null) {
                    waiting.add(p.key() + ": " + wait);
                    continue;
                }
            }
            // An existing object keeps its live value of an ignored field (sending it keeps the agent's ownership, so
            // server-side apply does not remove the field); a new object starts from the repo's value.
            for (IgnoreDifference i : ignored) {
                JsonNode value = i.find(live == null ? p.content() : liveTree);
                if (value != null) i.put(body, value);
            }
            GenericKubernetesResource answer;
            try {
                answer = client.genericKubernetesResources(p.kind().context()).inNamespace(p.key().namespace())
                        .resource(Json.resource(body)).dryRun(settings.dryRun())
                        .fieldManager(KubeSettings.FIELD_MANAGER).forceConflicts().serverSideApply();
            } catch (KubernetesClientException e) {
                throw Failures.of(settings.dryRun() ? "dry-run apply" : "apply", p.key(), e);
            }
            sent.add(p.key());
            applied.add(p.key().toString());
            if (!drift.isEmpty()) drifted.add(new ApplyResult.Drift(p.key().toString(), drift));
            changes.add(new ApplyResult.Change(p.key().toString(), live == null,
                    live == null || answer == null ? List.of() : FieldDiff.changed(liveTree, Json.tree(answer))));
        }
        return new ApplyResult(applied, unchanged, refused, paused, drifted, waiting, changes, settings.dryRun(), notRecreated);
    }

    /**
     * Why a FlinkSessionJob must wait for its session cluster (the FlinkDeployment {@code spec.deploymentName} in its
     * namespace), or null when the cluster is ready. A job submitted to a cluster whose JobManager is not up fails in
     * the operator and is retried with its backoff; waiting here keeps that noise (and a failed submission) out, as
     * Argo CD's sync waves with health checks and Flux's {@code dependsOn} do. The cluster must not have been sent in
     * this pass (its live status is then the old spec's) and the operator must report its JobManager {@code READY}.
     */
    private String sessionClusterNotReady(Planned job, Set<ObjectKey> sent, Map<ObjectKey, GenericKubernetesResource> managed) throws StepFailure {
        String name = job.content().path("spec").path("deploymentName").asText("");
        ObjectKey cluster = new ObjectKey(ManagedKind.SESSION_CLUSTER.kind(), job.key().namespace(), name);
        String then = "; the job is applied in a later cycle, once the operator reports the cluster's JobManager READY";
        if (sent.contains(cluster)) {
            return "its session cluster " + cluster + (settings.dryRun() ? " would be applied" : " was applied") + " in this cycle" + then;
        }
        GenericKubernetesResource live = managed.containsKey(cluster) ? managed.get(cluster)
                : name.isEmpty() ? null : managedObjects.get(ManagedKind.SESSION_CLUSTER, cluster);
        if (live == null) return "its session cluster " + cluster + " does not exist" + then;
        Object status = live.getAdditionalProperties().get("status") instanceof Map<?, ?> m ? m.get("jobManagerDeploymentStatus") : null;
        if ("READY".equals(status)) return null;
        return "its session cluster " + cluster + " is not ready (status.jobManagerDeploymentStatus: "
                + (status == null ? "not reported yet" : status) + ")" + then;
    }

    /** Why a create-once object that is not live is not created again, or null. */
    private static String recordedAs(Planned p, RecordedSavepoints recordedSavepoints) throws StepFailure {
        JsonNode metadata = p.content().path("metadata");
        JsonNode labels = metadata.path("labels");
        String namespace = labels.path(Ownership.NAMESPACE).asText(null);
        String deployment = labels.path(Ownership.DEPLOYMENT).asText(null);
        String name = labels.path(DayTwoMetadata.SAVEPOINT).asText(null);
        if (namespace == null || deployment == null || name == null) return null;
        return recordedSavepoints.recorded(namespace + "/" + deployment, name,
                DayTwoMapping.instant(metadata.path("annotations").path(DayTwoMetadata.REQUESTED_AT).asText(null)));
    }

    /**
     * Creates a create-once object (a POST, not an apply: nothing of it is the agent's to keep in shape afterwards).
     * False when it exists meanwhile (created by a replica or a person between the list and the create).
     */
    private boolean create(Planned p, DesiredState desired) throws StepFailure {
        ObjectNode body = p.content().deepCopy();
        body.remove("status");
        String hash = ContentHash.of(body);
        if (desired.sourceCommit() != null) body = Ownership.withSourceCommit(body, desired.sourceCommit());
        ObjectNode metadata = (ObjectNode) body.get("metadata");
        (metadata.has("annotations") ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations")).put(ContentHash.ANNOTATION, hash);
        try {
            client.genericKubernetesResources(p.kind().context()).inNamespace(p.key().namespace()).resource(Json.resource(body))
                    .dryRun(settings.dryRun()).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) return false;
            throw Failures.of(settings.dryRun() ? "dry-run create" : "create", p.key(), e);
        }
    }

    /** Why an object of a paused resource is left alone. */
    static String pauseReason(String subject, DesiredState.Pauses pauses) {
        String file = subject == null ? null : pauses.subjects().get(subject);
        return (subject == null ? "it" : subject) + " carries " + Reconcile.ANNOTATION + ": " + Reconcile.DISABLED
                + (file == null || file.isEmpty() ? "" : " in " + file) + ", so the agent leaves the object as it is live (neither applied nor pruned)";
    }

    /**
     * Is every field the agent sends present in the live object with the same value (numbers compared by value)?
     * False means drift: someone changed a field the agent owns, and the object is sent again even though its hash
     * annotation matches. Fields only the live object has (defaults, other managers, status) do not count.
     */
    static boolean contained(JsonNode desired, JsonNode live) {
        if (desired.isObject()) {
            if (!live.isObject()) return false;
            for (var e : desired.properties()) {
                if (!live.has(e.getKey()) || !contained(e.getValue(), live.get(e.getKey()))) return false;
            }
            return true;
        }
        if (desired.isArray()) {
            if (!live.isArray() || live.size() != desired.size()) return false;
            for (int i = 0; i < desired.size(); i++) if (!contained(desired.get(i), live.get(i))) return false;
            return true;
        }
        if (desired.isNumber() && live.isNumber()) return desired.decimalValue().compareTo(live.decimalValue()) == 0;
        return desired.equals(live);
    }

    /** Why the agent will not write this object, or null. */
    private String refusal(DesiredState desired, RenderedObject o) {
        JsonNode metadata = o.content().path("metadata");
        JsonNode labels = metadata.path("labels");
        if (ManagedKind.of(o.apiVersion(), o.kind(), labels).isEmpty()) {
            return "kind " + o.kind() + " (" + o.apiVersion() + ") is not on the agent's allowlist (" + ManagedKind.allowlist() + ")";
        }
        if (!Objects.equals(o.cluster(), desired.cluster())) {
            return "it belongs to cluster " + o.cluster() + ", not to this agent's cluster " + desired.cluster();
        }
        if (o.namespace() == null || o.namespace().isBlank()
                || !o.namespace().equals(metadata.path("namespace").asText(null)) || !o.name().equals(metadata.path("name").asText(null))) {
            return "its metadata.namespace/name do not match the rendered object";
        }
        if (!settings.namespaceAllowed(o.namespace())) {
            return "Kubernetes namespace " + o.namespace() + " is not on this agent's allowlist (" + settings.allowedNamespaces() + ")";
        }
        if (!Ownership.MANAGED_BY_VALUE.equals(labels.path(Ownership.MANAGED_BY).asText(null))
                || !desired.cluster().equals(labels.path(Ownership.CLUSTER).asText(null))) {
            return "it lacks the ownership labels " + Ownership.MANAGED_BY + "=" + Ownership.MANAGED_BY_VALUE + " and "
                    + Ownership.CLUSTER + "=" + desired.cluster();
        }
        return null;
    }

    /** Why a live object of the same name is not the agent's to overwrite, or null. */
    static String ownershipProblem(GenericKubernetesResource live, String cluster) {
        Map<String, String> labels = live.getMetadata().getLabels() == null ? Map.of() : live.getMetadata().getLabels();
        if (Ownership.MANAGED_BY_VALUE.equals(labels.get(Ownership.MANAGED_BY)) && cluster.equals(labels.get(Ownership.CLUSTER))) return null;
        return "an object of that name already exists and is not managed by this agent (labels " + Ownership.MANAGED_BY + "="
                + labels.get(Ownership.MANAGED_BY) + ", " + Ownership.CLUSTER + "=" + labels.get(Ownership.CLUSTER)
                + "); the agent does not take over objects it did not create";
    }
}
