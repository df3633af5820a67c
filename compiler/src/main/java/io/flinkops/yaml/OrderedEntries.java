package io.flinkops.yaml;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The immutable, insertion-ordered map behind {@link YMap#entries()}: two arrays, searched linearly when small
 * and through a hash index when large. A repo of 10,000 deployments holds hundreds of thousands of mappings,
 * most with a handful of keys, where a {@code LinkedHashMap} per mapping cost several times the memory and much
 * of the garbage collector's time.
 */
final class OrderedEntries extends AbstractMap<String, YMap.Entry> {
    /** Up to this many keys, a lookup compares keys one by one (faster than hashing at this size). */
    private static final int LINEAR_MAX = 8;
    static final OrderedEntries EMPTY = new OrderedEntries(new String[0], new YMap.Entry[0]);

    private final String[] keys;
    private final YMap.Entry[] values;
    /** Key → index, only for maps larger than {@link #LINEAR_MAX}. */
    private final Map<String, Integer> index;

    private OrderedEntries(String[] keys, YMap.Entry[] values) {
        this.keys = keys;
        this.values = values;
        if (keys.length > LINEAR_MAX) {
            index = new HashMap<>(keys.length * 2);
            for (int i = 0; i < keys.length; i++) index.put(keys[i], i);
        } else {
            index = null;
        }
    }

    static OrderedEntries copyOf(Map<String, YMap.Entry> entries) {
        if (entries instanceof OrderedEntries ordered) return ordered;
        if (entries.isEmpty()) return EMPTY;
        String[] keys = new String[entries.size()];
        YMap.Entry[] values = new YMap.Entry[entries.size()];
        int i = 0;
        for (Map.Entry<String, YMap.Entry> e : entries.entrySet()) {
            keys[i] = e.getKey();
            values[i] = e.getValue();
            i++;
        }
        return new OrderedEntries(keys, values);
    }

    private int indexOf(Object key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) return i;
        }
        return -1;
    }

    @Override
    public YMap.Entry get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super YMap.Entry> action) {
        for (int i = 0; i < keys.length; i++) action.accept(keys[i], values[i]);
    }

    @Override
    public Set<Map.Entry<String, YMap.Entry>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, YMap.Entry>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, YMap.Entry> next() {
                        if (next >= keys.length) throw new NoSuchElementException();
                        Map.Entry<String, YMap.Entry> e = new SimpleImmutableEntry<>(keys[next], values[next]);
                        next++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }
}
