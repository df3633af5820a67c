package io.flinkops.render.flink;

import io.flinkops.diag.Diagnostics;
import io.flinkops.render.ObjectRenderer;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.resolve.ResolvedRepo;

import java.util.function.Consumer;

/** FlinkDeployments (application mode and session clusters), FlinkSessionJobs and the ConfigMaps they use. */
public final class FlinkResources implements ObjectRenderer {
    @Override
    public void render(ResolvedRepo repo, RenderContext context, Diagnostics diagnostics, Consumer<RenderedObject> out) {
        // Filled in by the render mapping (issue 3, in progress).
    }
}
