package io.flinkops.yaml;

import io.flinkops.diag.Location;

import java.util.Map;
import java.util.Optional;

/**
 * A YAML mapping in source order. Its location is that of its first key (or of the empty {@code {}}),
 * which is where "missing field" problems are reported.
 */
public record YMap(Map<String, Entry> entries, Location location) implements YNode {

    /** One key with the location of the key itself and its value. */
    public record Entry(String key, Location keyLocation, YNode value) {
    }

    /** {@code entries} is copied into an immutable map that keeps its order (a mapping's keys are unique). */
    public YMap {
        entries = OrderedEntries.copyOf(entries);
    }

    public YNode get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value();
    }

    public Optional<Entry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The value of {@code key} if it is a mapping. */
    public Optional<YMap> map(String key) {
        return get(key) instanceof YMap m ? Optional.of(m) : Optional.empty();
    }

    /** The text of {@code key} if it is a non-null scalar. */
    public Optional<String> text(String key) {
        return get(key) instanceof YScalar s && s.type() != YScalar.Type.NULL ? Optional.of(s.text()) : Optional.empty();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }
}
