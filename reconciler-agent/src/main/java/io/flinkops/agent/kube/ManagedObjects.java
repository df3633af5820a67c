package io.flinkops.agent.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.render.Ownership;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the objects this agent manages with one list request per API resource (per namespace when the agent's
 * allowlist is literal names), instead of one read per object: with a thousand deployments a cycle would otherwise
 * send thousands of GETs. Apply, prune and observe each list afresh, so each sees what the steps before it wrote.
 */
final class ManagedObjects {
    private final KubernetesClient client;
    private final KubeSettings settings;

    ManagedObjects(KubernetesClient client, KubeSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** A live object the agent manages; session clusters told apart from application FlinkDeployments by their label. */
    record Live(ManagedKind kind, ObjectKey key, GenericKubernetesResource resource) {
    }

    /**
     * Every object of the given API resources ({@link ManagedKind#RESOURCES} entries) carrying both
     * {@code managed-by=flinkops} and {@code cluster=<cluster>}, listed with equality selectors and checked again here.
     */
    List<Live> list(String cluster, List<ManagedKind> resources) throws StepFailure {
        List<Live> out = new ArrayList<>();
        List<String> namespaces = settings.literalNamespaces();
        for (ManagedKind kind : resources) {
            List<GenericKubernetesResource> items = new ArrayList<>();
            try {
                var api = client.genericKubernetesResources(kind.context());
                if (namespaces == null) {
                    items.addAll(api.inAnyNamespace().withLabel(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE)
                            .withLabel(Ownership.CLUSTER, cluster).list().getItems());
                } else {
                    for (String ns : namespaces) {
                        items.addAll(api.inNamespace(ns).withLabel(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE)
                                .withLabel(Ownership.CLUSTER, cluster).list().getItems());
                    }
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404 && kind.optionalResource()) continue; // the CRD is not installed: there are none
                throw Failures.of("list", new ObjectKey(kind.kind(), namespaces == null ? "*" : String.join(",", namespaces), "*"), e);
            }
            for (GenericKubernetesResource r : items) {
                if (Applier.ownershipProblem(r, cluster) != null || !kind.kind().equals(r.getKind())) continue;
                ManagedKind k = ManagedKind.of(kind.objectKind(), r.getMetadata().getLabels().containsKey(Ownership.SESSION_CLUSTER));
                out.add(new Live(k, new ObjectKey(r.getKind(), r.getMetadata().getNamespace(), r.getMetadata().getName()), r));
            }
        }
        return out;
    }

    /** {@link #list}, by key. */
    Map<ObjectKey, GenericKubernetesResource> byKey(String cluster, List<ManagedKind> resources) throws StepFailure {
        Map<ObjectKey, GenericKubernetesResource> out = new HashMap<>();
        for (Live l : list(cluster, resources)) out.put(l.key(), l.resource());
        return out;
    }

    /**
     * The savepoint and checkpoint FlinkStateSnapshots the operator keeps for jobs (its own, taken for upgrades and
     * periodically, and those requested by anyone, flinkops included): every FlinkStateSnapshot carrying the
     * operator's job-reference label, in the namespaces this agent may manage. Empty when the CRD is not installed.
     */
    List<GenericKubernetesResource> jobSnapshots() throws StepFailure {
        List<GenericKubernetesResource> out = new ArrayList<>();
        List<String> namespaces = settings.literalNamespaces();
        ManagedKind kind = ManagedKind.FLINK_STATE_SNAPSHOT;
        try {
            var api = client.genericKubernetesResources(kind.context());
            if (namespaces == null) {
                out.addAll(api.inAnyNamespace().withLabel(DayTwoMetadata.JOB_REFERENCE_NAME).list().getItems());
            } else {
                for (String ns : namespaces) out.addAll(api.inNamespace(ns).withLabel(DayTwoMetadata.JOB_REFERENCE_NAME).list().getItems());
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return List.of();
            throw Failures.of("list", new ObjectKey(kind.kind(), namespaces == null ? "*" : String.join(",", namespaces), "*"), e);
        }
        out.removeIf(r -> !settings.namespaceAllowed(r.getMetadata().getNamespace()));
        return out;
    }

    /** One object by name, or null when there is none (managed by this agent or not). */
    GenericKubernetesResource get(ManagedKind kind, ObjectKey key) throws StepFailure {
        try {
            return client.genericKubernetesResources(kind.context()).inNamespace(key.namespace()).withName(key.name()).get();
        } catch (KubernetesClientException e) {
            throw Failures.of("read", key, e);
        }
    }
}
