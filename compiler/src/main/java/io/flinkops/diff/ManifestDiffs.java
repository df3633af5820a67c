package io.flinkops.diff;

import io.flinkops.emit.ManifestYaml;
import io.flinkops.render.RenderedObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/** Unified diffs of the rendered YAML of every object that differs between two revisions. */
final class ManifestDiffs {
    private ManifestDiffs() {
    }

    static List<ManifestDiff> of(Snapshot base, Snapshot head) {
        SortedMap<String, RenderedObject> b = byPath(base.objects());
        SortedMap<String, RenderedObject> h = byPath(head.objects());
        SortedMap<String, Boolean> paths = new TreeMap<>();
        b.keySet().forEach(p -> paths.put(p, true));
        h.keySet().forEach(p -> paths.put(p, true));
        List<ManifestDiff> out = new ArrayList<>();
        for (String path : paths.keySet()) {
            RenderedObject bo = b.get(path);
            RenderedObject ho = h.get(path);
            // Most objects are unchanged: compare the trees, and write YAML only for those that differ.
            if (bo != null && ho != null && bo.content().equals(ho.content())) continue;
            String before = bo == null ? null : yaml(bo);
            String after = ho == null ? null : yaml(ho);
            if (before != null && before.equals(after)) continue;
            ChangeKind kind = before == null ? ChangeKind.ADDED : after == null ? ChangeKind.REMOVED : ChangeKind.CHANGED;
            out.add(new ManifestDiff(path, kind, UnifiedDiff.of("base/" + path, before, "head/" + path, after)));
        }
        return out;
    }

    /** The path {@code flinkops render} writes the object to (emit/ManifestWriter). */
    static String path(RenderedObject o) {
        return o.cluster() + "/" + o.namespace() + "/" + o.kind().toLowerCase(Locale.ROOT) + "-" + o.name() + ".yaml";
    }

    private static SortedMap<String, RenderedObject> byPath(List<RenderedObject> objects) {
        SortedMap<String, RenderedObject> out = new TreeMap<>();
        for (RenderedObject o : objects) out.put(path(o), o);
        return out;
    }

    private static String yaml(RenderedObject o) {
        return ManifestYaml.write(o.content());
    }

}
