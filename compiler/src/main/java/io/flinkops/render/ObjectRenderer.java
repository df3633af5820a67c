package io.flinkops.render;

import io.flinkops.diag.Diagnostics;
import io.flinkops.resolve.ResolvedRepo;

import java.util.function.Consumer;

/** One family of emitted objects (Flink resources, RBAC…). Renderers never throw on valid input. */
public interface ObjectRenderer {

    /**
     * Renders the objects of every cluster {@code context} includes. Problems that only show once an object is
     * rendered go to {@code diagnostics}, located on the spec that caused them.
     */
    void render(ResolvedRepo repo, RenderContext context, Diagnostics diagnostics, Consumer<RenderedObject> out);
}
