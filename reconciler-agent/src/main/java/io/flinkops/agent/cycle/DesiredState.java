package io.flinkops.agent.cycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.Compilation;
import io.flinkops.diag.Diagnostic;
import io.flinkops.plan.JobPlan;
import io.flinkops.plan.Reconcile;
import io.flinkops.policy.ObjectFence;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderedObject;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of the build step: what this agent's cluster should run according to one commit of the config repo.
 *
 * @param sourceCommit          the config-repo commit it was compiled from
 * @param objects               the rendered objects of this cluster (empty when the commit has errors)
 * @param fence                 the fences of the Repository policy; the agent applies nothing outside them
 * @param diagnostics           every diagnostic of the compile; errors mean "apply nothing"
 * @param desiredStates         the VVP state (RUNNING, SUSPENDED, CANCELLED) each deployment of this cluster should be
 *                              in, keyed {@code "<namespace>/<deployment>"}, from the plan (a SessionCluster: RUNNING)
 * @param suspended             flinkops.yaml suspends this cluster ({@code spec.clusters[].suspend: true}): the agent
 *                              applies and prunes nothing, and keeps observing and recording status
 */
public record DesiredState(String cluster, String sourceCommit, List<RenderedObject> objects,
                           ObjectFence fence, List<Diagnostic> diagnostics, Map<String, String> desiredStates, boolean suspended) {
    public DesiredState {
        objects = List.copyOf(objects);
        diagnostics = List.copyOf(diagnostics);
        desiredStates = Map.copyOf(desiredStates);
    }

    /** A cluster that is not suspended. */
    public DesiredState(String cluster, String sourceCommit, List<RenderedObject> objects, ObjectFence fence, List<Diagnostic> diagnostics,
                        Map<String, String> desiredStates) {
        this(cluster, sourceCommit, objects, fence, diagnostics, desiredStates, false);
    }

    /** What one commit compiled to, for {@code cluster}: its objects, and each placed deployment's state from the plan. */
    public static DesiredState of(String cluster, String commit, Compilation c) {
        List<RenderedObject> objects = c.output().map(o -> o.clusters().getOrDefault(cluster, List.of())).orElse(List.of());
        Map<String, String> states = new TreeMap<>();
        c.plan().placed().filter(p -> p.placement().orElseThrow().cluster().equals(cluster))
                .forEach(p -> states.put(p.namespace() + "/" + p.name(), p.job().map(JobPlan::vvpState).orElse("RUNNING")));
        return new DesiredState(cluster, commit, objects, ObjectFence.of(c.repo().settings()), c.diagnostics().sorted(), states,
                c.repo().settings().suspended(cluster));
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /**
     * The Deployments and SessionClusters paused in the repo ({@code flinkops.io/reconcile: disabled}). Found from the
     * rendered objects, which carry the annotation, so that every object of such a resource (found by its labels) is
     * left alone: also one the compiler would render without the annotation, and a live one that left the desired set.
     * Computed on each call: take it once per step.
     */
    public Pauses pauses() {
        Map<String, String> out = new TreeMap<>();
        for (RenderedObject o : objects) {
            JsonNode metadata = o.content().path("metadata");
            if (!Pauses.annotated(metadata)) continue;
            String subject = subject(metadata.path("labels"));
            if (subject != null) out.putIfAbsent(subject, metadata.path("annotations").path(Ownership.SOURCE_FILE).asText(o.sourceFile()));
        }
        return new Pauses(out);
    }

    /**
     * The paused resources of one desired state.
     *
     * @param subjects each paused resource's {@link #subject} key, with the config-repo file that pauses it
     */
    public record Pauses(Map<String, String> subjects) {
        public Pauses {
            subjects = java.util.Collections.unmodifiableMap(new TreeMap<>(subjects)); // sorted: stable messages
        }

        /** Whether the object with this {@code metadata} (rendered or live) belongs to a resource paused in the repo. */
        public boolean covers(JsonNode metadata) {
            if (annotated(metadata)) return true;
            String subject = subject(metadata.path("labels"));
            return subject != null && subjects.containsKey(subject);
        }

        /** The {@code "<namespace>/<deployment>"} status keys of the paused Deployments. */
        public Set<String> deployments() {
            Set<String> out = new TreeSet<>();
            for (String s : subjects.keySet()) if (s.startsWith(DEPLOYMENT)) out.add(s.substring(DEPLOYMENT.length()));
            return out;
        }

        static boolean annotated(JsonNode metadata) {
            return Reconcile.DISABLED.equals(metadata.path("annotations").path(Reconcile.ANNOTATION).asText(null));
        }
    }

    private static final String DEPLOYMENT = "Deployment ";

    /**
     * The flinkops resource an object belongs to, from its labels: {@code "Deployment <namespace>/<name>"} or
     * {@code "SessionCluster <namespace>/<name>"}; null for objects of a whole namespace (RBAC), which nobody pauses.
     */
    public static String subject(JsonNode labels) {
        String namespace = labels.path(Ownership.NAMESPACE).asText(null);
        if (namespace == null) return null;
        if (labels.hasNonNull(Ownership.DEPLOYMENT)) return DEPLOYMENT + namespace + "/" + labels.path(Ownership.DEPLOYMENT).asText();
        if (labels.hasNonNull(Ownership.SESSION_CLUSTER)) return "SessionCluster " + namespace + "/" + labels.path(Ownership.SESSION_CLUSTER).asText();
        return null;
    }
}
