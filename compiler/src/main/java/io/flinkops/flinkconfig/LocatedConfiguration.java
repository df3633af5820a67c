package io.flinkops.flinkconfig;

import io.flinkops.model.FieldPath;
import io.flinkops.resolve.Resolved;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;
import io.flinkops.yaml.YScalar;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Flink configuration whose every key knows where it is written ({@link LocatedSetting}), in source order: the
 * located variant of {@link FlinkConfiguration} that rules read.
 *
 * <p>It is a view over the {@code flinkConfiguration} mappings of the resource trees, not a copy: a plan holds one
 * or two of these for each of thousands of deployments, and the trees are in memory anyway. A setting is made when
 * asked for.
 */
public final class LocatedConfiguration {
    public static final LocatedConfiguration EMPTY = new LocatedConfiguration(List.of());

    /** The mappings, lowest first: a key of a later block wins. */
    private final List<Block> blocks;
    private final FlinkConfiguration values;

    private record Block(Resolved<?> owner, FieldPath pointer, YMap map) {
        /** The key's setting in this block, or null when it is absent or has no scalar value. */
        LocatedSetting setting(String key) {
            String value = value(key);
            return value == null ? null : new LocatedSetting(key, value, owner, pointer);
        }

        String value(String key) {
            YMap.Entry e = map.entries().get(key);
            return e == null || !isValue(e.value()) ? null : ((YScalar) e.value()).text();
        }
    }

    private LocatedConfiguration(List<Block> blocks) {
        this.blocks = blocks;
        this.values = FlinkConfiguration.of(new Values());
    }

    private static boolean isValue(YNode value) {
        return value instanceof YScalar s && s.type() != YScalar.Type.NULL;
    }

    /** The keys with non-null scalar values of the mapping at {@code pointer} of {@code owner}'s tree. */
    public static LocatedConfiguration at(Resolved<?> owner, FieldPath pointer) {
        if (owner.at(pointer) instanceof YMap m && m.entries().values().stream().anyMatch(e -> isValue(e.value()))) {
            return new LocatedConfiguration(List.of(new Block(owner, pointer, m)));
        }
        return EMPTY;
    }

    /** This configuration with {@code over} layered on top (its keys win), e.g. a session job over its cluster. */
    public LocatedConfiguration overlay(LocatedConfiguration over) {
        if (over.blocks.isEmpty()) return this;
        if (blocks.isEmpty()) return over;
        List<Block> all = new ArrayList<>(blocks);
        all.addAll(over.blocks);
        return new LocatedConfiguration(List.copyOf(all));
    }

    /**
     * The settings in source order: a lower block's keys first (each with the value of the highest block that sets
     * it), then the keys only higher blocks set.
     */
    public Collection<LocatedSetting> settings() {
        if (blocks.size() == 1) {
            Block only = blocks.get(0);
            List<LocatedSetting> out = new ArrayList<>(only.map().entries().size());
            only.map().entries().forEach((key, e) -> {
                if (isValue(e.value())) out.add(only.setting(key));
            });
            return Collections.unmodifiableList(out);
        }
        Map<String, LocatedSetting> out = new LinkedHashMap<>();
        for (Block b : blocks) {
            b.map().entries().forEach((key, e) -> {
                if (isValue(e.value())) out.put(key, b.setting(key));
            });
        }
        return Collections.unmodifiableCollection(out.values());
    }

    public Optional<LocatedSetting> get(String key) {
        return Optional.ofNullable(find(key));
    }

    private LocatedSetting find(String key) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            LocatedSetting s = blocks.get(i).setting(key);
            if (s != null) return s;
        }
        return null;
    }

    /** The setting under which {@code option} is written (first name present, blank or not). */
    public Optional<LocatedSetting> setting(FlinkOption option) {
        for (String name : option.names()) {
            LocatedSetting s = find(name);
            if (s != null) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The values, for the typed getters. */
    public FlinkConfiguration values() {
        return values;
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The values of the settings, as a read-only map over the blocks. */
    private final class Values extends AbstractMap<String, String> {
        @Override
        public String get(Object key) {
            if (!(key instanceof String k)) return null;
            for (int i = blocks.size() - 1; i >= 0; i--) {
                String value = blocks.get(i).value(k);
                if (value != null) return value;
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    Iterator<LocatedSetting> it = settings().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<String, String> next() {
                            LocatedSetting s = it.next();
                            return new SimpleImmutableEntry<>(s.key(), s.value());
                        }
                    };
                }

                @Override
                public int size() {
                    return settings().size();
                }
            };
        }
    }
}
