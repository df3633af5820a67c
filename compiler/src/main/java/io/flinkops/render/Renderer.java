package io.flinkops.render;

import io.flinkops.diag.Diagnostics;
import io.flinkops.render.flink.FlinkResources;
import io.flinkops.render.rbac.Codeowners;
import io.flinkops.render.rbac.RbacResources;
import io.flinkops.resolve.ResolvedRepo;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The render stage: the resolved repo becomes Kubernetes objects per cluster, plus a CODEOWNERS fragment. */
public final class Renderer {
    private static final List<ObjectRenderer> RENDERERS = List.of(new FlinkResources(), new RbacResources());

    public RenderOutput render(ResolvedRepo repo, RenderContext context, Diagnostics diagnostics) {
        SortedMap<String, List<RenderedObject>> clusters = new TreeMap<>();
        for (String cluster : repo.settings().clusterNames()) {
            if (context.includes(cluster)) clusters.put(cluster, new ArrayList<>());
        }
        for (ObjectRenderer renderer : RENDERERS) {
            renderer.render(repo, context, diagnostics, o -> {
                if (context.includes(o.cluster())) clusters.computeIfAbsent(o.cluster(), c -> new ArrayList<>()).add(o);
            });
        }
        return new RenderOutput(clusters, Codeowners.render(repo));
    }

    /** The objects of one cluster, for callers that need a single one (the agent). */
    public static List<RenderedObject> of(RenderOutput output, String cluster) {
        return output.clusters().getOrDefault(cluster, List.of());
    }

}
