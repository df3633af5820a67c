package io.flinkops.yaml;

import io.flinkops.diag.Location;

import java.util.ArrayList;
import java.util.List;

/** RFC 6901 JSON pointers over {@link YNode} trees. */
public final class JsonPointers {
    private JsonPointers() {
    }

    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    public static String append(String pointer, String token) {
        return pointer + "/" + escape(token);
    }

    public static String append(String pointer, int index) {
        return pointer + "/" + index;
    }

    public static List<String> tokens(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer == null || pointer.isEmpty()) return out;
        for (String raw : pointer.substring(1).split("/", -1)) {
            out.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    public static String of(String... tokens) {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) sb.append('/').append(escape(t));
        return sb.toString();
    }

    static YNode find(YNode root, String pointer) {
        return find(root, tokens(pointer));
    }

    /** The node at the path of {@code tokens} (keys and list indices), or null. */
    public static YNode find(YNode root, List<String> tokens) {
        YNode cur = root;
        for (String t : tokens) {
            if (cur instanceof YMap m) {
                cur = m.get(t);
            } else if (cur instanceof YSeq s) {
                int i;
                try {
                    i = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    return null;
                }
                cur = i >= 0 && i < s.items().size() ? s.items().get(i) : null;
            } else {
                return null;
            }
            if (cur == null) return null;
        }
        return cur;
    }

    /**
     * Where to report a problem with the value at {@code pointer}: a scalar at its own position, a mapping
     * or sequence at the key that introduces it. A pointer that runs past the tree reports at the deepest
     * existing key on its path (a missing field is reported at its parent).
     */
    public static Location locate(YNode root, String pointer) {
        return locate(root, tokens(pointer), false);
    }

    /** Where to report a problem with the key that {@code pointer} ends in (an unknown field, say). */
    public static Location locateKey(YNode root, String pointer) {
        return locate(root, tokens(pointer), true);
    }

    /**
     * As {@link #locate(YNode, String)} for the path of {@code tokens}; with {@code atKey}, as
     * {@link #locateKey(YNode, String)}.
     */
    public static Location locate(YNode root, List<String> tokens, boolean atKey) {
        YNode cur = root;
        Location best = root.location();
        for (String t : tokens) {
            if (cur instanceof YMap m) {
                YMap.Entry e = m.entries().get(t);
                if (e == null) return best;
                cur = e.value();
                best = !atKey && cur instanceof YScalar ? cur.location() : e.keyLocation();
            } else if (cur instanceof YSeq s) {
                int i;
                try {
                    i = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    return best;
                }
                if (i < 0 || i >= s.items().size()) return best;
                cur = s.items().get(i);
                best = cur.location();
            } else {
                return best;
            }
        }
        return best;
    }
}
