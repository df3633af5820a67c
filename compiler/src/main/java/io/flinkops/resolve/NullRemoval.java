package io.flinkops.resolve;

import io.flinkops.diag.Location;
import io.flinkops.load.Document;
import io.flinkops.load.NamespaceDocuments;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An explicit null in a Deployment or defaults file that removes a value a lower layer sets: the reason a value is
 * missing from the effective spec, and so where to report it.
 *
 * @param path        the null: the value's own key or a mapping above it
 * @param key         the last key of the value that went missing
 * @param removedFrom the lower layer that sets it
 */
public record NullRemoval(Document document, FieldPath path, String key, Document removedFrom) {

    public Location location() {
        return document.locateKey(path);
    }

    /** The key set to null: the value's own key or a mapping above it. */
    public String removedName() {
        return path.last();
    }

    /**
     * Where the Deployment's own file or its namespace defaults set one of {@code paths} (or a mapping above it)
     * to null although a lower defaults layer sets it; the first one removed wins.
     */
    public static Optional<NullRemoval> find(ResolvedRepo repo, Resolved<DeploymentSpec> d, List<FieldPath> paths) {
        NamespaceDocuments nsDocs = repo.loaded().namespaces().get(d.namespace());
        List<Document> layers = new ArrayList<>();
        layers.add(d.document());
        if (nsDocs != null) nsDocs.defaults().ifPresent(layers::add);
        repo.loaded().globalDefaults().ifPresent(layers::add);
        for (int i = 0; i < layers.size() - 1; i++) {
            for (FieldPath path : paths) {
                Optional<FieldPath> nulled = nullOnPath(layers.get(i).root(), path);
                if (nulled.isEmpty()) continue;
                for (Document lower : layers.subList(i + 1, layers.size())) {
                    YNode below = lower.at(path);
                    if (below != null && !below.isNull()) {
                        return Optional.of(new NullRemoval(layers.get(i), nulled.get(), path.last(), lower));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The path of an explicit null on the way to {@code path} (the value itself or a mapping above it). */
    private static Optional<FieldPath> nullOnPath(YMap root, FieldPath path) {
        YNode cur = root;
        FieldPath at = FieldPath.ROOT;
        for (String token : path.tokens()) {
            if (!(cur instanceof YMap m)) return Optional.empty();
            YNode next = m.get(token);
            if (next == null) return Optional.empty();
            at = at.child(token);
            if (next.isNull()) return Optional.of(at);
            cur = next;
        }
        return Optional.empty();
    }
}
