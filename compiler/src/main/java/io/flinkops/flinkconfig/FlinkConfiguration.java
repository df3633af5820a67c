package io.flinkops.flinkconfig;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Flink configuration (string map) read through {@link FlinkOption}s: a lookup takes the first of the option's
 * names that is set, newest name first, and the typed getters read the values the way Flink and the operator do.
 */
public final class FlinkConfiguration {
    public static final FlinkConfiguration EMPTY = new FlinkConfiguration(Map.of());

    private final Map<String, String> values;

    public FlinkConfiguration(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values == null ? Map.of() : values));
    }

    private FlinkConfiguration(Map<String, String> values, boolean owned) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A configuration over {@code values}, which the caller hands over and no longer changes (no copy is made). */
    static FlinkConfiguration of(Map<String, String> values) {
        return new FlinkConfiguration(values, true);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** The key under which {@code option} is set (first non-blank name), if any. */
    public Optional<String> keyOf(FlinkOption option) {
        for (String name : option.names()) {
            String v = values.get(name);
            if (v != null && !v.isBlank()) return Optional.of(name);
        }
        return Optional.empty();
    }

    public Optional<String> get(FlinkOption option) {
        return keyOf(option).map(values::get);
    }

    /** The value of the first name of {@code option} that is present at all, blank or invalid included. */
    public Optional<String> raw(FlinkOption option) {
        return option.names().stream().map(values::get).filter(v -> v != null).findFirst();
    }

    public boolean isSet(FlinkOption option) {
        return keyOf(option).isPresent();
    }

    /** High availability is on when its type is set to anything but NONE (case-insensitive), as the operator decides. */
    public boolean haEnabled() {
        return get(FlinkOptions.HA_TYPE).map(v -> !v.trim().equalsIgnoreCase("none")).orElse(false);
    }

    /** Whether a boolean option is {@code true} (Flink reads booleans case-insensitively); false when unset. */
    public boolean isTrue(FlinkOption option) {
        return get(option).map(ConfigValues::isTrue).orElse(false);
    }

    /** Whether a boolean option is set to {@code false}; false when unset (whatever the option's default). */
    public boolean isFalse(FlinkOption option) {
        return get(option).map(ConfigValues::isFalse).orElse(false);
    }

    /** The value of an integer option; empty when unset or not an integer. */
    public Optional<Integer> integer(FlinkOption option) {
        return get(option).flatMap(ConfigValues::integer);
    }

    /**
     * Task slots per TaskManager: Flink's default 1 when unset; empty when the value is invalid or filled in later
     * (it cannot be known here).
     */
    public Optional<Slots> taskSlots() {
        Optional<String> raw = raw(FlinkOptions.TASK_SLOTS);
        if (raw.isEmpty()) return Optional.of(new Slots(1, true));
        return ConfigValues.positiveInt(raw.get()).map(n -> new Slots(n, false));
    }

    /** {@code parallelism.default} when it is an integer. */
    public Optional<Integer> defaultParallelism() {
        return Optional.ofNullable(values.get(FlinkOptions.DEFAULT_PARALLELISM.current())).flatMap(ConfigValues::integer);
    }

    /** {@code kubernetes.jobmanager.replicas} when it is an integer (which the operator moves into the spec). */
    public Optional<Integer> jobManagerReplicas() {
        return Optional.ofNullable(values.get(FlinkOptions.JOBMANAGER_REPLICAS.current())).flatMap(ConfigValues::integer);
    }

    /**
     * Whether Flink can size the JobManager process from this configuration alone, which the operator falls back to
     * when {@code jobManager.resource.memory} is not set ({@code JobManagerProcessUtils}): its process, Flink or heap
     * memory, or one of the legacy heap options (read as the heap).
     */
    public boolean jobManagerMemoryConfigured() {
        return isSet(FlinkOptions.JOBMANAGER_PROCESS_MEMORY) || isSet(FlinkOptions.JOBMANAGER_FLINK_MEMORY)
                || isSet(FlinkOptions.JOBMANAGER_HEAP_MEMORY) || isSet(FlinkOptions.JOBMANAGER_LEGACY_HEAP)
                || isSet(FlinkOptions.JOBMANAGER_LEGACY_HEAP_MB);
    }

    /**
     * Whether Flink can size the TaskManager process from this configuration alone ({@code TaskExecutorProcessUtils}):
     * its process or Flink memory, or both its task heap and its managed memory. Unlike the JobManager's, the legacy
     * heap options do not count here.
     */
    public boolean taskManagerMemoryConfigured() {
        return isSet(FlinkOptions.TASKMANAGER_PROCESS_MEMORY) || isSet(FlinkOptions.TASKMANAGER_FLINK_MEMORY)
                || (isSet(FlinkOptions.TASKMANAGER_TASK_HEAP_MEMORY) && isSet(FlinkOptions.TASKMANAGER_MANAGED_MEMORY));
    }

    /** Layers {@code over} on top of this configuration (its keys win), e.g. a session job over its cluster. */
    public FlinkConfiguration overlay(Map<String, String> over) {
        Map<String, String> merged = new TreeMap<>(values);
        if (over != null) merged.putAll(over);
        return new FlinkConfiguration(merged);
    }

    /**
     * Task slots per TaskManager.
     *
     * @param isDefault true when not configured (Flink's default of 1)
     */
    public record Slots(int perTaskManager, boolean isDefault) {
    }
}
