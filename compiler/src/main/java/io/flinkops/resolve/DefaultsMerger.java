package io.flinkops.resolve;

import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges spec trees: global defaults &lt; namespace defaults &lt; deployment. Mappings merge key by key,
 * sequences and scalars are replaced whole, and an explicit null removes what the layers below set.
 * Nodes are reused as they are, so each merged value keeps the location of the layer that supplied it.
 */
public final class DefaultsMerger {
    private DefaultsMerger() {
    }

    public static YMap merge(YMap base, YMap override) {
        Map<String, YMap.Entry> out = new LinkedHashMap<>();
        base.entries().forEach((k, e) -> {
            if (!e.value().isNull()) out.put(k, e);
        });
        override.entries().forEach((k, e) -> {
            YNode value = e.value();
            if (value.isNull()) {
                out.remove(k);
                return;
            }
            YMap.Entry below = out.get(k);
            if (below != null && below.value() instanceof YMap b && value instanceof YMap o) {
                out.put(k, new YMap.Entry(k, e.keyLocation(), merge(b, o)));
            } else if (value instanceof YMap o) {
                out.put(k, new YMap.Entry(k, e.keyLocation(), withoutNulls(o)));
            } else {
                out.put(k, e);
            }
        });
        return new YMap(out, override.entries().isEmpty() ? base.location() : override.location());
    }

    /** Drops explicit nulls, recursively, from a layer that has nothing below it. */
    public static YMap withoutNulls(YMap map) {
        return merge(new YMap(Map.of(), map.location()), map);
    }
}
