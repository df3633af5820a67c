package io.flinkops.operations;

import io.flinkops.Compilation;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.SavepointSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;

import java.util.List;

/** Finds a Savepoint document of the config repo by name, for {@code flinkops redeploy --from-savepoint NAME}. */
final class SavepointLookup {
    private SavepointLookup() {
    }

    /** The location of Savepoint {@code name} of deployment {@code namespace}/{@code deployment}. */
    static String location(Compilation repo, String namespace, String deployment, String name) {
        ResolvedNamespace ns = repo.repo().namespaces().get(namespace);
        List<Resolved<SavepointSpec>> own = ns == null ? List.of() : ns.savepointsOf(deployment);
        Resolved<SavepointSpec> savepoint = own.stream().filter(s -> name.equals(s.name())).findFirst().orElseThrow(() -> new OperationRefused(
                ("`" + name + "` is neither a savepoint location (a URI such as s3://… or an absolute path), nor `latest`, nor a Savepoint of "
                        + namespace + "/" + deployment + ". " + Suggestions.didYouMean(name, own.stream().map(Resolved::name).toList())).strip()));
        String location = savepoint.isTyped() ? savepoint.spec().savepointLocation() : null;
        if (location == null || location.isBlank()) {
            throw new OperationRefused("Savepoint `" + name + "` (" + savepoint.document().file() + ") is a request without a location: "
                    + "the status branch knows where it went once it completed. Use --from-savepoint latest, or its location.");
        }
        return location;
    }
}
