package io.flinkops.flinkconfig;

import io.flinkops.resolve.Resolved;
import io.flinkops.model.FieldPath;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YScalar;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Flink configuration whose every key knows where it is written ({@link LocatedSetting}), in source order: the
 * located variant of {@link FlinkConfiguration} that rules read.
 */
public final class LocatedConfiguration {
    public static final LocatedConfiguration EMPTY = new LocatedConfiguration(Map.of());

    private final Map<String, LocatedSetting> settings;
    private final FlinkConfiguration values;

    private LocatedConfiguration(Map<String, LocatedSetting> settings) {
        this.settings = Collections.unmodifiableMap(settings);
        this.values = FlinkConfiguration.of(new Values(this.settings));
    }

    /** The keys with non-null scalar values of the mapping at {@code pointer} of {@code owner}'s tree. */
    /** The values of the settings, as a read-only map over them (no copy: a plan holds thousands of these). */
    private static final class Values extends AbstractMap<String, String> {
        private final Map<String, LocatedSetting> settings;

        Values(Map<String, LocatedSetting> settings) {
            this.settings = settings;
        }

        @Override
        public String get(Object key) {
            LocatedSetting s = settings.get(key);
            return s == null ? null : s.value();
        }

        @Override
        public boolean containsKey(Object key) {
            return settings.containsKey(key);
        }

        @Override
        public int size() {
            return settings.size();
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    Iterator<LocatedSetting> it = settings.values().iterator();
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
                    return settings.size();
                }
            };
        }
    }

    public static LocatedConfiguration at(Resolved<?> owner, FieldPath pointer) {
        Map<String, LocatedSetting> out = new LinkedHashMap<>();
        if (owner.at(pointer) instanceof YMap m) {
            m.entries().forEach((k, e) -> {
                if (e.value() instanceof YScalar s && s.type() != YScalar.Type.NULL) {
                    out.put(k, new LocatedSetting(k, s.text(), owner, pointer));
                }
            });
        }
        return out.isEmpty() ? EMPTY : new LocatedConfiguration(out);
    }

    /** This configuration with {@code over} layered on top (its keys win), e.g. a session job over its cluster. */
    public LocatedConfiguration overlay(LocatedConfiguration over) {
        if (over.settings.isEmpty()) return this;
        if (settings.isEmpty()) return over;
        Map<String, LocatedSetting> out = new LinkedHashMap<>(settings);
        out.putAll(over.settings);
        return new LocatedConfiguration(out);
    }

    /** The settings in source order. */
    public Collection<LocatedSetting> settings() {
        return settings.values();
    }

    public Optional<LocatedSetting> get(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** The setting under which {@code option} is written (first name present, blank or not). */
    public Optional<LocatedSetting> setting(FlinkOption option) {
        for (String name : option.names()) {
            LocatedSetting s = settings.get(name);
            if (s != null) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The values, for the typed getters. */
    public FlinkConfiguration values() {
        return values;
    }

    public boolean isEmpty() {
        return settings.isEmpty();
    }
}
