package io.flinkops.render.rbac;

import io.flinkops.diag.Diagnostics;
import io.flinkops.render.ObjectRenderer;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.resolve.ResolvedRepo;

import java.util.function.Consumer;

/** Service accounts and RBAC for Flink pods per Kubernetes namespace, and member roles per flinkops namespace. */
public final class RbacResources implements ObjectRenderer {
    @Override
    public void render(ResolvedRepo repo, RenderContext context, Diagnostics diagnostics, Consumer<RenderedObject> out) {
        // Filled in by the RBAC work (issue 3, in progress).
    }
}
