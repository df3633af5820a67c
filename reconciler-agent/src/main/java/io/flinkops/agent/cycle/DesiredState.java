package io.flinkops.agent.cycle;

import io.flinkops.diag.Diagnostic;
import io.flinkops.render.RenderedObject;

import java.util.List;

/**
 * The outcome of the build step: what this agent's cluster should run according to one commit of the config repo.
 *
 * @param sourceCommit          the config-repo commit it was compiled from
 * @param objects               the rendered objects of this cluster (empty when the commit has errors)
 * @param allowedKubernetesNamespaces the Repository policy's patterns; the agent applies nowhere else
 * @param diagnostics           every diagnostic of the compile; errors mean "apply nothing"
 */
public record DesiredState(String cluster, String sourceCommit, List<RenderedObject> objects,
                           List<String> allowedKubernetesNamespaces, List<Diagnostic> diagnostics) {
    public DesiredState {
        objects = List.copyOf(objects);
        allowedKubernetesNamespaces = List.copyOf(allowedKubernetesNamespaces);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
