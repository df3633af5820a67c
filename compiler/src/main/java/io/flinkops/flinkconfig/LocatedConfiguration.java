package io.flinkops.flinkconfig;

import io.flinkops.resolve.Resolved;
import io.flinkops.model.FieldPath;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YScalar;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Flink configuration whose every key knows where it is written ({@link LocatedSetting}), in source order: the
 * located variant of {@link FlinkConfiguration} that rules read.
 */
public final class LocatedConfiguration {
    public static final LocatedConfiguration EMPTY = new LocatedConfiguration(Map.of());

    private final Map<String, LocatedSetting> settings;
    private final FlinkConfiguration values;

    private LocatedConfiguration(Map<String, LocatedSetting> settings) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        Map<String, String> v = new TreeMap<>();
        settings.forEach((k, s) -> v.put(k, s.value()));
        this.values = new FlinkConfiguration(v);
    }

    /** The keys with non-null scalar values of the mapping at {@code pointer} of {@code owner}'s tree. */
    public static LocatedConfiguration at(Resolved<?> owner, FieldPath pointer) {
        Map<String, LocatedSetting> out = new LinkedHashMap<>();
        if (owner.at(pointer) instanceof YMap m) {
            m.entries().forEach((k, e) -> {
                if (e.value() instanceof YScalar s && s.type() != YScalar.Type.NULL) {
                    out.put(k, new LocatedSetting(k, s.text(), owner, pointer.child(k)));
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
