package io.flinkops.agent.cycle;

import io.flinkops.Compilation;
import io.flinkops.diag.Diagnostic;
import io.flinkops.plan.JobPlan;
import io.flinkops.policy.ObjectFence;
import io.flinkops.render.RenderedObject;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of the build step: what this agent's cluster should run according to one commit of the config repo.
 *
 * @param sourceCommit          the config-repo commit it was compiled from
 * @param objects               the rendered objects of this cluster (empty when the commit has errors)
 * @param fence                 the fences of the Repository policy; the agent applies nothing outside them
 * @param diagnostics           every diagnostic of the compile; errors mean "apply nothing"
 * @param desiredStates         the VVP state (RUNNING, SUSPENDED, CANCELLED) each deployment of this cluster should be
 *                              in, keyed {@code "<namespace>/<deployment>"}, from the plan (a SessionCluster: RUNNING)
 */
public record DesiredState(String cluster, String sourceCommit, List<RenderedObject> objects,
                           ObjectFence fence, List<Diagnostic> diagnostics, Map<String, String> desiredStates) {
    public DesiredState {
        objects = List.copyOf(objects);
        diagnostics = List.copyOf(diagnostics);
        desiredStates = Map.copyOf(desiredStates);
    }

    /** What one commit compiled to, for {@code cluster}: its objects, and each placed deployment's state from the plan. */
    public static DesiredState of(String cluster, String commit, Compilation c) {
        List<RenderedObject> objects = c.output().map(o -> o.clusters().getOrDefault(cluster, List.of())).orElse(List.of());
        Map<String, String> states = new TreeMap<>();
        c.plan().placed().filter(p -> p.placement().orElseThrow().cluster().equals(cluster))
                .forEach(p -> states.put(p.namespace() + "/" + p.name(), p.job().map(JobPlan::vvpState).orElse("RUNNING")));
        return new DesiredState(cluster, commit, objects, ObjectFence.of(c.repo().settings()), c.diagnostics().sorted(), states);
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
