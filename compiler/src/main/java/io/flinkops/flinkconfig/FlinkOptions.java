package io.flinkops.flinkconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flink options flinkops reads or writes itself, each under all its names (the keys and their deprecated
 * names are those of Flink's own {@code ConfigOption} definitions; see module flink-options). Everything that
 * depends on an option's name goes through these constants.
 */
public final class FlinkOptions {
    private FlinkOptions() {
    }

    public static final FlinkOption SAVEPOINT_DIR = FlinkOption.of("execution.checkpointing.savepoint-dir", "state.savepoints.dir");
    public static final FlinkOption CHECKPOINT_DIR = FlinkOption.of("execution.checkpointing.dir", "state.checkpoints.dir");
    public static final FlinkOption CHECKPOINT_INTERVAL = FlinkOption.of("execution.checkpointing.interval");
    public static final FlinkOption HA_TYPE = FlinkOption.of("high-availability.type", "high-availability", "recovery.mode");
    public static final FlinkOption HA_STORAGE_DIR = FlinkOption.of("high-availability.storageDir",
            "high-availability.zookeeper.storageDir", "recovery.zookeeper.storageDir");
    public static final FlinkOption TASK_SLOTS = new FlinkOption(List.of("taskmanager.numberOfTaskSlots"),
            FlinkOption.ValueKind.POSITIVE_INT, "Write a whole number of 1 or more, e.g. \"2\".");
    public static final FlinkOption JOBMANAGER_REPLICAS = new FlinkOption(List.of("kubernetes.jobmanager.replicas"),
            FlinkOption.ValueKind.POSITIVE_INT,
            "Write a whole number: 1 for one JobManager, more for standby JobManagers (which need high availability).");
    public static final FlinkOption DEFAULT_PARALLELISM = FlinkOption.of("parallelism.default");
    public static final FlinkOption MAX_PARALLELISM = FlinkOption.of("pipeline.max-parallelism");
    /** The script Flink's Kubernetes entry point runs; flinkops points it at its own (secret references). */
    public static final FlinkOption ENTRY_PATH = FlinkOption.of("kubernetes.entry.path");
    /** Extra artifacts the JobManager fetches in Kubernetes application mode (Flink 1.19+), {@code ;}-separated. */
    public static final FlinkOption ARTIFACT_LIST = FlinkOption.of("user.artifacts.artifact-list");
    /** Whether Flink (1.19+) fetches artifacts over plain {@code http://}; off by default, and such a fetch then fails. */
    public static final FlinkOption RAW_HTTP_ENABLED = FlinkOption.of("user.artifacts.raw-http-enabled");
    /** The job id, kept by the operator as given (flinkops fixes it for {@code {{ jobId }}}). */
    public static final FlinkOption FIXED_JOB_ID = FlinkOption.of("$internal.pipeline.job-id");
    /** From which Flink sets the pods' {@code hostNetwork}. */
    public static final FlinkOption HOST_NETWORK = FlinkOption.of("kubernetes.hostnetwork.enabled");
    public static final FlinkOption JOBMANAGER_ANNOTATIONS = FlinkOption.of("kubernetes.jobmanager.annotations");
    public static final FlinkOption TASKMANAGER_ANNOTATIONS = FlinkOption.of("kubernetes.taskmanager.annotations");
    /** The operator's savepoint on deletion of a FlinkDeployment. */
    public static final FlinkOption SAVEPOINT_ON_DELETION = FlinkOption.of("kubernetes.operator.job.savepoint-on-deletion");

    /** Every option above. */
    public static final List<FlinkOption> ALL = List.of(SAVEPOINT_DIR, CHECKPOINT_DIR, CHECKPOINT_INTERVAL, HA_TYPE, HA_STORAGE_DIR,
            TASK_SLOTS, JOBMANAGER_REPLICAS, DEFAULT_PARALLELISM, MAX_PARALLELISM, ENTRY_PATH, ARTIFACT_LIST, RAW_HTTP_ENABLED, FIXED_JOB_ID,
            HOST_NETWORK, JOBMANAGER_ANNOTATIONS, TASKMANAGER_ANNOTATIONS, SAVEPOINT_ON_DELETION);

    /** The options whose values flinkops checks (FO505), in the order they are checked. */
    public static final List<FlinkOption> CHECKED = ALL.stream().filter(o -> o.kind() != FlinkOption.ValueKind.TEXT).toList();

    private static final Map<String, String> ALIASES = aliasesOf(ALL);

    /** Deprecated name → current name, for the options above that have old names. */
    public static Map<String, String> aliases() {
        return ALIASES;
    }

    private static Map<String, String> aliasesOf(List<FlinkOption> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FlinkOption o : options) {
            for (String name : o.deprecatedNames()) out.put(name, o.current());
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
