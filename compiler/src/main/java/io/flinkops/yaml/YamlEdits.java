package io.flinkops.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies of a YAML tree with some nodes replaced or removed, addressed by JSON pointers into the original tree (so
 * removing list item 1 does not shift what pointer {@code .../2} means). Untouched subtrees are shared, and every
 * node keeps its location.
 */
public final class YamlEdits {
    private YamlEdits() {
    }

    /** {@code root} with the node at each pointer of {@code replacements} replaced (pointers that do not exist are ignored). */
    public static YMap replace(YMap root, Map<String, ? extends YNode> replacements) {
        return replacements.isEmpty() ? root : (YMap) edit(root, "", replacements, Set.of());
    }

    /** {@code root} without the nodes at {@code pointers} (a mapping entry loses its key too). */
    public static YMap remove(YMap root, Set<String> pointers) {
        return pointers.isEmpty() ? root : (YMap) edit(root, "", Map.of(), pointers);
    }

    private static YNode edit(YNode node, String pointer, Map<String, ? extends YNode> replacements, Set<String> removals) {
        YNode replacement = replacements.get(pointer);
        if (replacement != null) return replacement;
        if (!touches(pointer, replacements.keySet()) && !touches(pointer, removals)) return node;
        if (node instanceof YMap m) {
            Map<String, YMap.Entry> entries = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> {
                String child = JsonPointers.append(pointer, k);
                if (!removals.contains(child)) {
                    entries.put(k, new YMap.Entry(k, e.keyLocation(), edit(e.value(), child, replacements, removals)));
                }
            });
            return new YMap(entries, m.location());
        }
        if (node instanceof YSeq s) {
            List<YNode> items = new ArrayList<>();
            for (int i = 0; i < s.items().size(); i++) {
                String child = JsonPointers.append(pointer, i);
                if (!removals.contains(child)) items.add(edit(s.items().get(i), child, replacements, removals));
            }
            return new YSeq(items, s.location());
        }
        return node;
    }

    /** True when some pointer of {@code edits} lies strictly under {@code pointer}. */
    private static boolean touches(String pointer, Set<String> edits) {
        String prefix = pointer + "/";
        for (String p : edits) {
            if (p.startsWith(prefix)) return true;
        }
        return false;
    }
}
