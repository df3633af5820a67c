package io.flinkops.logging;

import io.pebbletemplates.pebble.node.Node;
import io.pebbletemplates.pebble.utils.Pair;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The children of a compiled Pebble node. Pebble's nodes have no common child accessor, so the children are what the
 * node's fields hold: nodes, and lists, maps and pairs of them. Read reflectively, with the fields of each class looked
 * up once.
 */
final class NodeFields {
    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.getType() == String.class) continue;
                    try {
                        f.setAccessible(true);
                        out.add(f);
                    } catch (RuntimeException e) {
                        // A field we cannot read holds nothing we need (names live in public accessors).
                    }
                }
            }
            return List.copyOf(out);
        }
    };

    private NodeFields() {
    }

    /** The values of the fields of {@code node}: nodes, collections, maps, pairs, or anything else its fields hold. */
    static void forEachFieldValue(Object node, Consumer<Object> action) {
        for (Field f : FIELDS.get(node.getClass())) {
            Object value;
            try {
                value = f.get(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (value != null) action.accept(value);
        }
    }

    /** The nodes among the field values of {@code node}, looking inside collections, maps and pairs. */
    static void forEachChild(Object node, Consumer<Node> action) {
        forEachFieldValue(node, value -> nodesIn(value, action));
    }

    private static void nodesIn(Object value, Consumer<Node> action) {
        if (value instanceof Node n) {
            action.accept(n);
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) if (o != null) nodesIn(o, action);
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (k != null) nodesIn(k, action);
                if (v != null) nodesIn(v, action);
            });
        } else if (value instanceof Pair<?, ?> p) {
            if (p.getLeft() != null) nodesIn(p.getLeft(), action);
            if (p.getRight() != null) nodesIn(p.getRight(), action);
        }
    }
}
