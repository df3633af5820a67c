package io.flinkops.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The DeploymentTargets operator manifests are placed with: one per flinkops namespace and Kubernetes namespace.
 * A target of the existing repo or of the imported VVP documents for that Kubernetes namespace is reused; otherwise
 * one is created, named after the Kubernetes namespace.
 */
final class Targets {
    private final ExistingRepo existing;
    /** namespace → target name → Kubernetes namespace, of the existing repo and the imported VVP documents. */
    private final Map<String, SortedMap<String, String>> known = new TreeMap<>();
    private final Map<String, RepoDocument> created = new LinkedHashMap<>();

    Targets(ExistingRepo existing) {
        this.existing = existing;
    }

    /** A DeploymentTarget imported from a VVP document. */
    void imported(String namespace, String name, String kubernetesNamespace) {
        if (kubernetesNamespace != null) names(namespace).put(name, kubernetesNamespace);
    }

    /** The name of the target for {@code kubernetesNamespace} in {@code namespace}, created on first use. */
    String nameFor(String namespace, String kubernetesNamespace, Origin firstUser) {
        SortedMap<String, String> names = names(namespace);
        for (Map.Entry<String, String> e : names.entrySet()) {
            if (e.getValue().equals(kubernetesNamespace)) return e.getKey();
        }
        String name = kubernetesNamespace;
        for (int i = 2; names.containsKey(name); i++) name = kubernetesNamespace + "-" + i;
        names.put(name, kubernetesNamespace);
        ObjectNode doc = Json.F.objectNode();
        doc.put("apiVersion", "v1");
        doc.put("kind", Kind.DEPLOYMENT_TARGET.kindName());
        doc.putObject("metadata").put("name", name);
        doc.putObject("spec").putObject("kubernetes").put("namespace", kubernetesNamespace);
        created.put(namespace + "/" + name, new RepoDocument(Kind.DEPLOYMENT_TARGET, namespace, name, doc, firstUser,
                "Created by flinkops import: the Kubernetes namespace " + kubernetesNamespace + " of " + firstUser.place() + "."));
        return name;
    }

    /** The targets created, in the order they were first needed. */
    List<RepoDocument> created() {
        return new ArrayList<>(created.values());
    }

    private SortedMap<String, String> names(String namespace) {
        return known.computeIfAbsent(namespace, ns -> new TreeMap<>(existing.targets(ns)));
    }
}
