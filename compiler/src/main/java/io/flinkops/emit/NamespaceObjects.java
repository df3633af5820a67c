package io.flinkops.emit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Namespace objects for the Kubernetes namespaces a cluster's objects go to, for a GitOps tool that should create
 * them ({@code flinkops render --namespace-objects}). Each tells Argo CD and Flux never to prune it: when the last
 * deployment leaves a namespace, pruning the Namespace would delete everything in it, including what other teams or
 * the platform put there. The agent never applies them: Namespace is not a kind it manages
 * ({@link io.flinkops.render.ObjectKind}).
 */
public final class NamespaceObjects {
    /** Argo CD's sync option and Flux's annotation that keep an object when it leaves the source. */
    static final String ARGO_CD_SYNC_OPTIONS = "argocd.argoproj.io/sync-options";
    static final String FLUX_PRUNE = "kustomize.toolkit.fluxcd.io/prune";

    private NamespaceObjects() {
    }

    /** One Namespace per distinct namespace of {@code objects}, in name order. */
    public static List<ObjectNode> of(String cluster, List<RenderedObject> objects) {
        SortedSet<String> names = new TreeSet<>();
        objects.forEach(o -> names.add(o.namespace()));
        return names.stream().map(name -> namespace(cluster, name)).toList();
    }

    private static ObjectNode namespace(String cluster, String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", "v1");
        o.put("kind", "Namespace");
        ObjectNode metadata = o.putObject("metadata");
        metadata.put("name", name);
        metadata.putObject("labels").put(Ownership.MANAGED_BY, Ownership.MANAGED_BY_VALUE).put(Ownership.CLUSTER, cluster);
        metadata.putObject("annotations").put(ARGO_CD_SYNC_OPTIONS, "Prune=false").put(FLUX_PRUNE, "disabled");
        return o;
    }
}
