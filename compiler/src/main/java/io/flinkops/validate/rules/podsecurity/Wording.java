package io.flinkops.validate.rules.podsecurity;

import io.flinkops.plan.pods.PodTemplates;

import java.util.List;

/** How messages name containers, and the hints that say where a missing setting goes. */
final class Wording {

    /** The container security context that satisfies the restricted level with the official Flink image. */
    static final String RESTRICTED_CONTEXT = "`securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, "
            + "runAsNonRoot: true, runAsUser: 9999, seccompProfile: {type: RuntimeDefault}}`";

    private Wording() {
    }

    /** "Container `flink-main-container` of `jobManagerPodTemplate`", "Init container `init` of …", … */
    static String describe(PodUnit unit, Container c) {
        String kind = switch (c.list()) {
            case "initContainers" -> "Init container";
            case "ephemeralContainers" -> "Ephemeral container";
            default -> "Container";
        };
        if (unit.kind() == PodUnit.Kind.TEMPLATE && !c.listed()) {
            return kind + " `" + c.name() + "` of the " + unit.role() + " pods (Flink adds it; `" + unit.field() + "` does not list it)";
        }
        return kind + " `" + c.name() + "` " + unit.of();
    }

    /** "Containers `a`, `b` of `taskManagerPodTemplate`". */
    static String containers(PodUnit unit, List<String> names) {
        List<String> quoted = names.stream().map(n -> "`" + n + "`").toList();
        return (names.size() == 1 ? "Container " : "Containers ") + String.join(", ", quoted) + " " + unit.of();
    }

    /** How to get the restricted container settings onto a container that cannot get them where it is. */
    static String addRestrictedContext(PodUnit unit) {
        String main = PodTemplates.MAIN_CONTAINER;
        return switch (unit.kind()) {
            case TEMPLATE -> "Add `" + main + "` to `" + unit.field() + ".spec.containers` with " + RESTRICTED_CONTEXT + ".";
            case PODS -> "`kubernetes.pods` cannot set container settings: replace it with `jobManagerPodTemplate` and "
                    + "`taskManagerPodTemplate` whose `" + main + "` has " + RESTRICTED_CONTEXT + ".";
            case NONE -> "Add `jobManagerPodTemplate` and `taskManagerPodTemplate` whose `" + main + "` has " + RESTRICTED_CONTEXT + ".";
            case MISSING_ROLE -> "Add `" + unit.field() + "` whose `" + main + "` has " + RESTRICTED_CONTEXT + ".";
        };
    }

    /** How to add a pod-level {@code setting} that covers every container ({@code more}: what to add after it). */
    static String podLevelHint(PodUnit unit, String setting, String more) {
        return switch (unit.kind()) {
            case TEMPLATE, PODS -> "Add " + setting + " to " + unit.podSecurityContext() + more + ".";
            default -> addRestrictedContext(unit);
        };
    }
}
