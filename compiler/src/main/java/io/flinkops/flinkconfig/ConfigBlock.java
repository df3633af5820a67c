package io.flinkops.flinkconfig;

import io.flinkops.load.Document;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;

import java.util.ArrayList;
import java.util.List;

/**
 * A Flink configuration block as written in one document (a Deployment, a defaults file or a SessionCluster),
 * before merging. Checks of a value alone run over these, so that a problem is reported once, where it is
 * written, even if no deployment uses the value.
 *
 * @param namespace the flinkops namespace, "" for the global defaults
 */
public record ConfigBlock(Document document, Resolved<?> owner, FieldPath pointer, String namespace) {

    /** The keys with non-null scalar values, in source order. */
    public LocatedConfiguration configuration() {
        return LocatedConfiguration.at(owner, pointer);
    }

    /**
     * Every Flink configuration block as written: global and namespace defaults, Deployments and SessionClusters.
     * Deployments and SessionClusters that failed their schema are skipped.
     */
    public static List<ConfigBlock> of(ResolvedRepo repo) {
        List<ConfigBlock> out = new ArrayList<>();
        repo.loaded().globalDefaults().ifPresent(doc -> out.add(raw(doc, DeploymentSpec.TEMPLATE.flinkConfiguration(), "")));
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            ns.documents().defaults().ifPresent(doc -> out.add(raw(doc, DeploymentSpec.TEMPLATE.flinkConfiguration(), ns.name())));
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                if (d.isTyped()) out.add(raw(d.document(), DeploymentSpec.TEMPLATE.flinkConfiguration(), ns.name()));
            }
            for (Resolved<SessionClusterSpec> c : ns.sessionClusters().values()) {
                if (c.isTyped()) out.add(new ConfigBlock(c.document(), c, SessionClusterSpec.FIELDS.flinkConfiguration(), ns.name()));
            }
        }
        return out;
    }

    /** A block of the document as written: its own tree, not the merged one. */
    private static ConfigBlock raw(Document doc, FieldPath pointer, String namespace) {
        return new ConfigBlock(doc, new Resolved<>(doc, doc.root(), null), pointer, namespace);
    }
}
