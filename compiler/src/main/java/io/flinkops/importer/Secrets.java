package io.flinkops.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Literal secrets of the input's Flink configurations (a password in {@code flinkConfiguration}), which flinkops
 * never keeps in Git (FO405): each becomes a {@code ${NAME}} reference to a Namespace secret, a key of a Kubernetes
 * Secret per deployment that the user creates with the value (docs/render-mapping.md#secrets: flinkops' entrypoint
 * fills it in inside the pods). The values themselves go nowhere: not into the repo, not into the report.
 */
final class Secrets {
    /** One reference: {@code ${name}} for {@code key} of {@code origin}, a key of the Kubernetes Secret {@code secret}. */
    record Reference(String namespace, String name, String secret, String kubernetesNamespace, String key, Origin origin, int line) {
    }

    private final List<Reference> references = new ArrayList<>();

    void add(Reference r) {
        references.add(r);
    }

    List<Reference> references() {
        return List.copyOf(references);
    }

    /** The Kubernetes Secret of a deployment's references. */
    static String secretName(String deployment) {
        return deployment + "-secrets";
    }

    /** The Namespace documents declaring the references, one per namespace. */
    List<RepoDocument> namespaces() {
        Map<String, List<Reference>> byNamespace = new LinkedHashMap<>();
        references.forEach(r -> byNamespace.computeIfAbsent(r.namespace(), n -> new ArrayList<>()).add(r));
        List<RepoDocument> out = new ArrayList<>();
        byNamespace.forEach((ns, refs) -> {
            ObjectNode doc = Json.F.objectNode();
            doc.put("apiVersion", "v1");
            doc.put("kind", Kind.NAMESPACE.kindName());
            doc.putObject("metadata").put("name", ns);
            ArrayNode secrets = doc.putObject("spec").putArray("secrets");
            for (Reference r : refs) {
                ObjectNode s = secrets.addObject();
                s.put("name", r.name());
                s.putObject("secretKeyRef").put("name", r.secret()).put("key", r.name());
            }
            out.add(new RepoDocument(Kind.NAMESPACE, ns, ns, doc, refs.get(0).origin(),
                    "Created by flinkops import: the secrets the imported Flink configurations had as literal values. Create the Kubernetes Secrets "
                            + "(see the import report); their values are not in this repo."));
        });
        return out;
    }
}
