package io.flinkops.validate.rules;

import io.flinkops.model.DocumentFields;
import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.plan.EmittedObject;
import io.flinkops.plan.Placement;
import io.flinkops.resolve.Resolved;
import io.flinkops.plan.RepoPlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FO203: no two resources emit an operator object of the same kind and name into the same Kubernetes
 * namespace of the same cluster, also across flinkops namespaces (see {@link Placement}).
 */
public final class EmittedObjectRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.EMITTED_OBJECT_CONFLICT);
    }

    @Override
    public boolean spansNamespaces() {
        return true;
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        Map<EmittedObject.Identity, List<EmittedObject>> byIdentity = new LinkedHashMap<>();
        for (EmittedObject o : plan.placed().map(p -> p.placement().orElseThrow()).toList()) {
            byIdentity.computeIfAbsent(o.identity(), k -> new ArrayList<>()).add(o);
        }
        for (List<EmittedObject> same : byIdentity.values()) {
            if (same.size() < 2) continue;
            for (EmittedObject o : same) {
                String others = same.stream().filter(x -> x != o).map(x -> describe(x.source()) + " (" + where(x.source()) + ")")
                        .collect(Collectors.joining(", "));
                context.report(Code.EMITTED_OBJECT_CONFLICT, o.source(), DocumentFields.METADATA_NAME,
                        describe(o.source()) + " becomes " + o.kind().kindName() + " `" + o.name() + "` in Kubernetes namespace `"
                                + o.kubernetesNamespace() + "` on cluster `" + o.cluster() + "`, and so does " + others + ".",
                        "Rename one of them, or run one on a target with another Kubernetes namespace; otherwise one object overwrites the other.");
            }
        }
    }

    /** "Deployment `team/orders`". */
    static String describe(Resolved<?> resource) {
        return resource.document().kind().kindName() + " `" + resource.namespace() + "/" + resource.name() + "`";
    }

    private static String where(Resolved<?> resource) {
        Location at = resource.locate(DocumentFields.METADATA_NAME);
        return at.file() + ":" + at.line();
    }
}
