package io.flinkops.render;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What rendering produces: per cluster, the objects to apply (sorted by {@link RenderedObject#ORDER}), and
 * a CODEOWNERS fragment for the config repo.
 */
public record RenderOutput(SortedMap<String, List<RenderedObject>> clusters, String codeowners) {

    public RenderOutput {
        SortedMap<String, List<RenderedObject>> copy = new TreeMap<>();
        clusters.forEach((cluster, objects) -> copy.put(cluster, objects.stream().sorted(RenderedObject.ORDER).toList()));
        clusters = java.util.Collections.unmodifiableSortedMap(copy);
    }
}
