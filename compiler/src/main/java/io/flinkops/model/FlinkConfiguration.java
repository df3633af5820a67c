package io.flinkops.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Flink configuration (string map) that knows the options flinkops reasons about under both their
 * current and their pre-1.20 names. Lookups take the first name that is set, newest name first.
 */
public final class FlinkConfiguration {

    /** One Flink option under all the names Flink has accepted for it, current name first. */
    public record Option(List<String> names) {
        public Option(String... names) {
            this(List.of(names));
        }

        public String current() {
            return names.get(0);
        }
    }

    public static final Option SAVEPOINT_DIR = new Option("execution.checkpointing.savepoint-dir", "state.savepoints.dir");
    public static final Option CHECKPOINT_DIR = new Option("execution.checkpointing.dir", "state.checkpoints.dir");
    public static final Option HA_TYPE = new Option("high-availability.type", "high-availability", "recovery.mode");
    public static final Option HA_STORAGE_DIR = new Option("high-availability.storageDir", "high-availability.zookeeper.storageDir", "recovery.zookeeper.storageDir");
    public static final Option CHECKPOINT_INTERVAL = new Option("execution.checkpointing.interval");
    public static final Option TASK_SLOTS = new Option("taskmanager.numberOfTaskSlots");
    public static final Option JOBMANAGER_REPLICAS = new Option("kubernetes.jobmanager.replicas");

    private final Map<String, String> values;

    public FlinkConfiguration(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values == null ? Map.of() : values));
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** The key under which {@code option} is set (first non-blank name), if any. */
    public Optional<String> keyOf(Option option) {
        for (String name : option.names()) {
            String v = values.get(name);
            if (v != null && !v.isBlank()) return Optional.of(name);
        }
        return Optional.empty();
    }

    public Optional<String> get(Option option) {
        return keyOf(option).map(values::get);
    }

    public boolean isSet(Option option) {
        return keyOf(option).isPresent();
    }

    /** High availability is on when its type is set to anything but NONE (case-insensitive), as the operator decides. */
    public boolean haEnabled() {
        return get(HA_TYPE).map(v -> !v.trim().equalsIgnoreCase("none")).orElse(false);
    }

    /** The value of an integer option; empty when unset or not an integer. */
    public Optional<Integer> integer(Option option) {
        return get(option).flatMap(v -> {
            try {
                return Optional.of(Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Layers {@code over} on top of this configuration (its keys win), e.g. a session job over its cluster. */
    public FlinkConfiguration overlay(Map<String, String> over) {
        Map<String, String> merged = new TreeMap<>(values);
        if (over != null) merged.putAll(over);
        return new FlinkConfiguration(merged);
    }
}
