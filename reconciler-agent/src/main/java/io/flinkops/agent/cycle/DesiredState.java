package io.flinkops.agent.cycle;

import java.util.TreeMap;
import java.util.Map;
import io.flinkops.Compilation;
import io.flinkops.diag.Diagnostic;
import io.flinkops.plan.JobPlan;
import io.flinkops.render.RenderedObject;

import java.util.List;

/**
 * The outcome of the build step: what this agent's cluster should run according to one commit of the config repo.
 *
 * @param sourceCommit          the config-repo commit it was compiled from
 * @param objects               the rendered objects of this cluster (empty when the commit has errors)
 * @param allowedKubernetesNamespaces the Repository policy's patterns; the agent applies nowhere else
 * @param diagnostics           every diagnostic of the compile; errors mean "apply nothing"
 * @param desiredStates         the VVP state (RUNNING, SUSPENDED, CANCELLED) each deployment of this cluster should be
 *                              in, keyed {@code "<namespace>/<deployment>"}, from the plan (a SessionCluster: RUNNING)
 */
public record DesiredState(String cluster, String sourceCommit, List<RenderedObject> objects,
                           List<String> allowedKubernetesNamespaces, List<Diagnostic> diagnostics, Map<String, String> desiredStates) {
    public DesiredState {
        objects = List.copyOf(objects);
        allowedKubernetesNamespaces = List.copyOf(allowedKubernetesNamespaces);
        diagnostics = List.copyOf(diagnostics);
        desiredStates = Map.copyOf(desiredStates);
    }

    /** What one commit compiled to, for {@code cluster}: its objects, and each placed deployment's state from the plan. */
    public static DesiredState of(String cluster, String commit, Compilation c) {
        List<RenderedObject> objects = c.output().map(o -> o.clusters().getOrDefault(cluster, List.of())).orElse(List.of());
        List<String> allowed = c.repo().settings().policyOrEmpty().allowedKubernetesNamespaces();
        Map<String, String> states = new TreeMap<>();
        c.plan().placed().filter(p -> p.placement().orElseThrow().cluster().equals(cluster))
                .forEach(p -> states.put(p.namespace() + "/" + p.name(), p.job().map(JobPlan::vvpState).orElse("RUNNING")));
        return new DesiredState(cluster, commit, objects, allowed == null ? List.of() : allowed, c.diagnostics().sorted(), states);
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
