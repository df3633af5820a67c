package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.pods.PodTemplates;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One rendered pod template to check: what will run in the JobManager or TaskManager pods, or in both.
 *
 * @param field      the template field (TEMPLATE, MISSING_ROLE)
 * @param pod        the rendered template; empty when there is none (NONE, MISSING_ROLE)
 * @param origin     rendered path → path of the source value in the resource (which may not exist yet)
 * @param containers every container of the pod, {@link Container#of}
 */
record PodUnit(Kind kind, String field, JsonNode pod, UnaryOperator<FieldPath> origin, List<Container> containers) {

    /** Where a rendered pod template comes from. */
    enum Kind {
        /** a user's pod template, rendered as written */
        TEMPLATE,
        /** {@code kubernetes.pods}, for both roles */
        PODS,
        /** nothing: neither {@code pods} nor a template (for both roles) */
        NONE,
        /** the pod templates are used, but this role has none */
        MISSING_ROLE
    }

    PodUnit(Kind kind, String field, JsonNode pod, UnaryOperator<FieldPath> origin) {
        this(kind, field, pod, origin, Container.of(pod.path("spec")));
    }

    JsonNode spec() {
        return pod.path("spec");
    }

    /** The pod-level {@code securityContext}; missing when the pod has none. */
    JsonNode securityContext() {
        return spec().path("securityContext");
    }

    /** The pod's volumes. */
    List<JsonNode> volumes() {
        return Setting.items(spec().path("volumes"));
    }

    /** A Windows pod, to which the Linux-only restricted controls do not apply. */
    boolean windows() {
        return "windows".equals(spec().path("os").path("name").asText());
    }

    /** "of `jobManagerPodTemplate`", "of the TaskManager pods (no `taskManagerPodTemplate`)", … */
    String of() {
        return switch (kind) {
            case TEMPLATE -> "of `" + field + "`";
            case PODS -> "of the Flink pods (`kubernetes.pods`)";
            case NONE -> "of the JobManager and TaskManager pods";
            case MISSING_ROLE -> "of the " + role() + " pods (no `" + field + "`)";
        };
    }

    String role() {
        return field.equals(PodTemplates.JOB_MANAGER_TEMPLATE) ? "JobManager" : "TaskManager";
    }

    /** The pod-level settings' owner: "`jobManagerPodTemplate`" or "`kubernetes.pods`". */
    String owner() {
        return kind == Kind.PODS ? "`kubernetes.pods`" : "`" + field + "`";
    }

    /** Where pod-level security settings are written: "`jobManagerPodTemplate.spec.securityContext`", … */
    String podSecurityContext() {
        return kind == Kind.PODS ? "`kubernetes.pods.securityContext`" : "`" + field + ".spec.securityContext`";
    }
}
