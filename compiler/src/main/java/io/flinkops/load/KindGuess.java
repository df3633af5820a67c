package io.flinkops.load;

import io.flinkops.model.Kind;
import io.flinkops.yaml.YMap;

import java.util.Optional;

/**
 * The kind a document without {@code kind} evidently is, from the fields it has: VVP's kind-specific REST endpoints
 * return resources without {@code kind}, and people paste those. Only the hint of FO011 uses it; the document is
 * still not read, because a guess must not decide what gets deployed.
 *
 * @param evidence the fields that gave it away, as a reader names them
 */
record KindGuess(Kind kind, String evidence) {

    static Optional<KindGuess> of(YMap document) {
        YMap spec = document.map("spec").orElse(null);
        if (spec == null) return Optional.empty();
        if (spec.has("template")) return Optional.of(new KindGuess(Kind.DEPLOYMENT, "`spec.template`"));
        if (spec.map("kubernetes").map(k -> k.has("namespace")).orElse(false)) {
            return Optional.of(new KindGuess(Kind.DEPLOYMENT_TARGET, "`spec.kubernetes.namespace`"));
        }
        if (spec.has("flinkVersion") && (spec.has("numberOfTaskManagers") || spec.has("resources") || spec.has("deploymentTargetName"))) {
            return Optional.of(new KindGuess(Kind.SESSION_CLUSTER, "`spec.flinkVersion` without `spec.template`"));
        }
        if (spec.has("savepointLocation") || spec.has("flinkSavepointId")) {
            return Optional.of(new KindGuess(Kind.SAVEPOINT, spec.has("savepointLocation") ? "`spec.savepointLocation`" : "`spec.flinkSavepointId`"));
        }
        if (spec.has("roleBindings") || spec.has("secrets")) {
            return Optional.of(new KindGuess(Kind.NAMESPACE, spec.has("roleBindings") ? "`spec.roleBindings`" : "`spec.secrets`"));
        }
        return Optional.empty();
    }
}
