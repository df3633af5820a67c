package io.flinkops.render;

import io.flinkops.plan.RepoPlan;
import io.flinkops.render.flink.FlinkResources;
import io.flinkops.render.rbac.Codeowners;
import io.flinkops.render.rbac.RbacResources;
import io.flinkops.resolve.ResolvedRepo;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The render stage: the plan becomes Kubernetes objects per cluster, plus a CODEOWNERS fragment. A pure mapping: it
 * reports nothing, since the rules judged the same plan.
 */
public final class Renderer {
    private static final List<ObjectRenderer> RENDERERS = List.of(new FlinkResources(), new RbacResources());

    public RenderOutput render(RepoPlan plan, RenderContext context) {
        ResolvedRepo repo = plan.resolved();
        SortedMap<String, List<RenderedObject>> clusters = new TreeMap<>();
        for (String cluster : repo.settings().clusterNames()) {
            if (context.includes(cluster)) clusters.put(cluster, new ArrayList<>());
        }
        for (ObjectRenderer renderer : RENDERERS) {
            renderer.render(plan, context, o -> {
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
