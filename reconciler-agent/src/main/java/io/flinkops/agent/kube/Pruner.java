package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flinkops.agent.cycle.DesiredState;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.kube.ManagedObjects.Live;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The prune step (see {@link KubernetesSteps#prune}). The objects of a resource paused in the repo are kept, whatever
 * the desired set says; in a dry run every delete and suspend is sent with {@code dryRun=All}.
 */
final class Pruner {
    /** Annotation set when the agent suspends a FlinkDeployment on its way out (the instant, for people). */
    static final String PRUNE_SUSPENDED = Ownership.PREFIX + "prune-suspended";
    private static final Set<String> NO_RUNNING_JOB = Set.of("SUSPENDED", "FINISHED", "FAILED", "CANCELED");

    private final KubernetesClient client;
    private final KubeSettings settings;
    private final Clock clock;
    private final ManagedObjects managedObjects;

    Pruner(KubernetesClient client, KubeSettings settings, Clock clock, ManagedObjects managedObjects) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.managedObjects = managedObjects;
    }

    PruneResult prune(DesiredState desired) throws StepFailure {
        List<String> deleted = new ArrayList<>();
        List<String> suspended = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        List<String> paused = new ArrayList<>();
        if (!desired.valid()) {
            withheld.add("everything: commit " + desired.sourceCommit() + " does not compile, and the agent prunes nothing until a commit compiles");
            return result(deleted, suspended, withheld, paused);
        }
        DesiredState.Pauses pauses = desired.pauses();
        Set<ObjectKey> wanted = new HashSet<>();
        for (RenderedObject o : desired.objects()) wanted.add(new ObjectKey(o.kind(), o.namespace(), o.name()));

        List<Live> managed = managedObjects.list(desired.cluster(), ManagedKind.RESOURCES);
        List<Live> candidates = new ArrayList<>();
        for (Live l : managed) {
            if (wanted.contains(l.key())) continue;
            JsonNode metadata = Json.tree(l.resource()).path("metadata");
            if (pauses.covers(metadata)) {
                // A paused resource's live objects stay as they are, also one that left the repo meanwhile.
                paused.add(l.key() + ": " + Applier.pauseReason(DesiredState.subject(metadata.path("labels")), pauses));
            } else if (!settings.namespaceAllowed(l.key().namespace())) {
                withheld.add(l.key() + ": Kubernetes namespace " + l.key().namespace() + " is not on this agent's allowlist");
            } else {
                candidates.add(l);
            }
        }
        if (candidates.isEmpty()) return result(deleted, suspended, withheld, paused);

        String holdAll = null;
        if (desired.objects().isEmpty() && !settings.pruneWhenEmpty()) {
            holdAll = "the desired set came out empty, and the agent does not prune everything on an empty compile (setting pruneWhenEmpty)";
        } else if (!settings.pruneOverride() && candidates.size() > settings.maxPruneShare() * managed.size()) {
            holdAll = String.format(Locale.ROOT, "deleting %d of %d managed objects exceeds the allowed share of %.0f%% per cycle (setting maxPruneShare; "
                    + "pruneOverride lifts it for one deliberate removal)", candidates.size(), managed.size(), settings.maxPruneShare() * 100);
        }
        candidates.sort(Comparator.comparing(Live::kind).reversed().thenComparing(Live::key));
        if (holdAll != null) {
            for (Live l : candidates) withheld.add(l.key() + ": " + holdAll);
            return result(deleted, suspended, withheld, paused);
        }
        // Flinkops deployments ("<namespace>/<deployment>") whose FlinkDeployment is still being suspended: their
        // other objects (the entrypoint ConfigMap the pods mount, say) stay until the FlinkDeployment is gone.
        Set<String> stopping = new HashSet<>();
        for (Live l : candidates) {
            if (ManagedKind.FLINK_DEPLOYMENT.equals(l.kind()) && stateful(l.resource())) {
                String job = jobState(l.resource());
                if ("running".equals(job) && !noRunningJob(l.resource())) {
                    suspend(l);
                    suspended.add(l.key() + ": suspending with a savepoint first; deleted in a later cycle once the operator reports it SUSPENDED");
                    if (deploymentOf(l) != null) stopping.add(deploymentOf(l));
                    continue;
                }
                if ("suspended".equals(job) && !suspendedObserved(l.resource())) {
                    suspended.add(l.key() + ": waiting for the operator to report it SUSPENDED before deleting it");
                    if (deploymentOf(l) != null) stopping.add(deploymentOf(l));
                    continue;
                }
            }
            // Candidates come in reverse apply order, so a deployment's FlinkDeployment is decided before its ConfigMaps.
            if (!ManagedKind.FLINK_DEPLOYMENT.equals(l.kind()) && deploymentOf(l) != null && stopping.contains(deploymentOf(l))) {
                suspended.add(l.key() + ": kept until the FlinkDeployment of the same deployment, which is being suspended, is deleted");
                continue;
            }
            delete(l);
            deleted.add(l.key().toString());
        }
        return result(deleted, suspended, withheld, paused);
    }

    private PruneResult result(List<String> deleted, List<String> suspended, List<String> withheld, List<String> paused) {
        return new PruneResult(deleted, suspended, withheld, paused, settings.dryRun());
    }

    /** The flinkops deployment an object belongs to ({@code "<namespace>/<deployment>"}), or null. */
    private static String deploymentOf(Live l) {
        Map<String, String> labels = l.resource().getMetadata().getLabels();
        if (labels == null || labels.get(Ownership.DEPLOYMENT) == null) return null;
        return labels.get(Ownership.NAMESPACE) + "/" + labels.get(Ownership.DEPLOYMENT);
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static Map<?, ?> job(GenericKubernetesResource r) {
        return map(map(r.getAdditionalProperties().get("spec")).get("job"));
    }

    /** An application deployment whose upgrade mode keeps state. */
    static boolean stateful(GenericKubernetesResource r) {
        Object mode = job(r).get("upgradeMode");
        return !job(r).isEmpty() && ("savepoint".equals(mode) || "last-state".equals(mode));
    }

    /** spec.job.state, "running" when unset (the operator's default). */
    static String jobState(GenericKubernetesResource r) {
        Object s = job(r).get("state");
        return s == null ? "running" : s.toString();
    }

    private static Map<?, ?> status(GenericKubernetesResource r) {
        return map(r.getAdditionalProperties().get("status"));
    }

    /** The operator reports no job that a savepoint could be taken of. */
    private static boolean noRunningJob(GenericKubernetesResource r) {
        return "SUSPENDED".equals(status(r).get("lifecycleState")) || NO_RUNNING_JOB.contains(String.valueOf(map(status(r).get("jobStatus")).get("state")));
    }

    /** The operator has caught up with the suspended spec and reports no running job. */
    private static boolean suspendedObserved(GenericKubernetesResource r) {
        Object observed = status(r).get("observedGeneration");
        Long generation = r.getMetadata().getGeneration();
        boolean caughtUp = observed instanceof Number n && (generation == null || n.longValue() >= generation);
        return caughtUp && noRunningJob(r);
    }

    /**
     * Suspends with a savepoint: a JSON merge patch (not an apply: an apply of this partial object would drop the
     * rest of the spec the agent owns) of {@code job.state=suspended}, {@code job.upgradeMode=savepoint} when the
     * deployment configures a savepoint directory (else its own last-state mode: the operator rejects savepoint mode
     * without one), and overwrites the applied-hash annotation (with a value no hash has) so that an object coming back to the repo is applied
     * again in full.
     */
    private void suspend(Live l) throws StepFailure {
        Map<?, ?> config = map(map(l.resource().getAdditionalProperties().get("spec")).get("flinkConfiguration"));
        boolean savepointDir = config.containsKey("state.savepoints.dir") || config.containsKey("execution.checkpointing.savepoint-dir");
        String mode = savepointDir ? "savepoint" : String.valueOf(job(l.resource()).get("upgradeMode"));
        String patch = "{\"metadata\":{\"annotations\":{\"" + ContentHash.ANNOTATION + "\":\"suspended-for-prune\",\"" + PRUNE_SUSPENDED + "\":\"" + clock.instant()
                + "\"}},\"spec\":{\"job\":{\"state\":\"suspended\",\"upgradeMode\":\"" + mode + "\"}}}";
        try {
            client.genericKubernetesResources(l.kind().context()).inNamespace(l.key().namespace()).withName(l.key().name())
                    .dryRun(settings.dryRun()).patch(new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(KubeSettings.FIELD_MANAGER).build(), patch);
        } catch (KubernetesClientException e) {
            throw Failures.of("suspend", l.key(), e);
        }
    }

    private void delete(Live l) throws StepFailure {
        try {
            client.genericKubernetesResources(l.kind().context()).inNamespace(l.key().namespace()).withName(l.key().name())
                    .dryRun(settings.dryRun()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return;
            throw Failures.of("delete", l.key(), e);
        }
    }
}
