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

    private static final String AUTOSCALER_PREFIX = "job.autoscaler.";
    private static final String OLD_AUTOSCALER_PREFIX = "kubernetes.operator.job.autoscaler.";

    public static final FlinkOption SAVEPOINT_DIR = FlinkOption.of("execution.checkpointing.savepoint-dir", "state.savepoints.dir");
    public static final FlinkOption CHECKPOINT_DIR = FlinkOption.of("execution.checkpointing.dir", "state.checkpoints.dir");
    /** The savepoint or checkpoint a job starts from ({@code execution.savepoint.path} before Flink 1.20). */
    public static final FlinkOption RESTORE_PATH = FlinkOption.of("execution.state-recovery.path", "execution.savepoint.path");
    /** Where the changelog state backend writes its changelog. */
    public static final FlinkOption CHANGELOG_BASE_PATH = FlinkOption.of("state.changelog.dstl.dfs.base-path", "dstl.dfs.base-path");
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
    /** The state backend ({@code hashmap} when unset); {@code state.backend} is its pre-1.17 name. */
    public static final FlinkOption STATE_BACKEND = FlinkOption.of("state.backend.type", "state.backend");
    /** The format of the savepoints the operator takes (CANONICAL when unset), read by the operator itself. */
    public static final FlinkOption OPERATOR_SAVEPOINT_FORMAT = FlinkOption.of("kubernetes.operator.savepoint.format.type");
    /** The script Flink's Kubernetes entry point runs; flinkops points it at its own (secret references). */
    public static final FlinkOption ENTRY_PATH = FlinkOption.of("kubernetes.entry.path");
    /** Extra artifacts the JobManager fetches in Kubernetes application mode (Flink 1.19+), {@code ;}-separated. */
    public static final FlinkOption ARTIFACT_LIST = FlinkOption.of("user.artifacts.artifact-list");
    /** URLs added to the job's class path, {@code ;}-separated: code from there runs in the job. */
    public static final FlinkOption PIPELINE_CLASSPATHS = FlinkOption.of("pipeline.classpaths");
    /** The job's jars, {@code ;}-separated (the operator sets it from {@code jarURI} in application mode). */
    public static final FlinkOption PIPELINE_JARS = FlinkOption.of("pipeline.jars");
    /** Whether Flink (1.19+) fetches artifacts over plain {@code http://}; off by default, and such a fetch then fails. */
    public static final FlinkOption RAW_HTTP_ENABLED = FlinkOption.of("user.artifacts.raw-http-enabled");
    /** The job id, kept by the operator as given (flinkops fixes it for {@code {{ jobId }}}). */
    public static final FlinkOption FIXED_JOB_ID = FlinkOption.of("$internal.pipeline.job-id");
    /** How Flink exposes the JobManager's REST API: a Service of this type. */
    public static final FlinkOption REST_SERVICE_EXPOSED_TYPE = FlinkOption.of("kubernetes.rest-service.exposed.type");
    /**
     * The service accounts of the pods. The JobManager and TaskManager keys fall back to {@code kubernetes.service-account},
     * which the operator sets from the resource's {@code serviceAccount}: set, they win over it.
     */
    public static final List<FlinkOption> SERVICE_ACCOUNTS = List.of(FlinkOption.of("kubernetes.service-account"),
            FlinkOption.of("kubernetes.jobmanager.service-account"), FlinkOption.of("kubernetes.taskmanager.service-account"));
    /** From which Flink sets the pods' {@code hostNetwork}. */
    public static final FlinkOption HOST_NETWORK = FlinkOption.of("kubernetes.hostnetwork.enabled");
    public static final FlinkOption JOBMANAGER_ANNOTATIONS = FlinkOption.of("kubernetes.jobmanager.annotations");
    public static final FlinkOption TASKMANAGER_ANNOTATIONS = FlinkOption.of("kubernetes.taskmanager.annotations");
    /** The operator's savepoint on deletion of a FlinkDeployment. */
    public static final FlinkOption SAVEPOINT_ON_DELETION = FlinkOption.of("kubernetes.operator.job.savepoint-on-deletion");

    // ---- the operator's own options that its admission check reads (KubernetesOperatorConfigOptions, release 1.15.0)

    /** Periodic savepoints (a duration or a Quartz cron expression); the operator then needs a savepoint directory. */
    public static final FlinkOption PERIODIC_SAVEPOINT_INTERVAL = FlinkOption.of("kubernetes.operator.periodic.savepoint.interval");
    /** The oldest checkpoint a last-state upgrade may use; older, the operator upgrades with a savepoint instead. */
    public static final FlinkOption LAST_STATE_MAX_CHECKPOINT_AGE =
            FlinkOption.of("kubernetes.operator.job.upgrade.last-state.max.allowed.checkpoint.age");
    /** Rolling back failed upgrades, which needs high availability. */
    public static final FlinkOption ROLLBACK_ENABLED = FlinkOption.of("kubernetes.operator.deployment.rollback.enabled");
    /** The cluster health check (default off), which needs JobManager deployment recovery. */
    public static final FlinkOption HEALTH_CHECK_ENABLED = FlinkOption.of("kubernetes.operator.cluster.health-check.enabled");
    /** Recovery of a missing JobManager deployment (default on). */
    public static final FlinkOption JM_DEPLOYMENT_RECOVERY_ENABLED = FlinkOption.of("kubernetes.operator.jm-deployment-recovery.enabled",
            "kubernetes.operator.reconciler.jm-deployment-recovery.enabled");
    /**
     * The schemes a FlinkSessionJob's {@code jarURI} may have (operator 1.15, default {@code https}). Operator-wide
     * configuration: a resource cannot set it, so flinkops.yaml declares it ({@code spec.operator.allowedJarSchemes}).
     */
    public static final FlinkOption JAR_URI_ALLOWED_SCHEMES = FlinkOption.of("kubernetes.operator.user.artifacts.allowed-schemes");
    /** Whether a FlinkSessionJob's http(s) {@code jarURI} may not name a loopback, private… host (operator 1.15, default on). */
    public static final FlinkOption JAR_URI_DISALLOW_RESTRICTED_HOSTS =
            FlinkOption.of("kubernetes.operator.user.artifacts.disallow-restricted-hosts");

    // ---- the memory of the Flink processes (the operator derives it from these when `resource.memory` is not set)

    public static final FlinkOption JOBMANAGER_PROCESS_MEMORY = FlinkOption.of("jobmanager.memory.process.size");
    public static final FlinkOption JOBMANAGER_FLINK_MEMORY = FlinkOption.of("jobmanager.memory.flink.size");
    public static final FlinkOption JOBMANAGER_HEAP_MEMORY = FlinkOption.of("jobmanager.memory.heap.size");
    /** Flink's legacy JobManager heap options, read as the heap when no other JobManager memory option is set. */
    public static final FlinkOption JOBMANAGER_LEGACY_HEAP = FlinkOption.of("jobmanager.heap.size");
    public static final FlinkOption JOBMANAGER_LEGACY_HEAP_MB = FlinkOption.of("jobmanager.heap.mb");
    public static final FlinkOption TASKMANAGER_PROCESS_MEMORY = FlinkOption.of("taskmanager.memory.process.size");
    public static final FlinkOption TASKMANAGER_FLINK_MEMORY = FlinkOption.of("taskmanager.memory.flink.size");
    public static final FlinkOption TASKMANAGER_TASK_HEAP_MEMORY = FlinkOption.of("taskmanager.memory.task.heap.size");
    public static final FlinkOption TASKMANAGER_MANAGED_MEMORY = FlinkOption.of("taskmanager.memory.managed.size", "taskmanager.memory.size");

    // ---- the autoscaler (flink-autoscaler AutoScalerOptions, release 1.15.0): current name, then the names it falls
    // back to (the operator's old `kubernetes.operator.` prefix first, then deprecated names)

    public static final FlinkOption AUTOSCALER_ENABLED = autoscaler("enabled");
    public static final FlinkOption AUTOSCALER_MAX_SCALE_DOWN_FACTOR = autoscaler("scale-down.max-factor");
    public static final FlinkOption AUTOSCALER_MAX_SCALE_UP_FACTOR = autoscaler("scale-up.max-factor");
    public static final FlinkOption AUTOSCALER_UTILIZATION_TARGET = FlinkOption.of(AUTOSCALER_PREFIX + "utilization.target",
            OLD_AUTOSCALER_PREFIX + "utilization.target", OLD_AUTOSCALER_PREFIX + "target.utilization",
            AUTOSCALER_PREFIX + "target.utilization");
    public static final FlinkOption AUTOSCALER_UTILIZATION_BOUNDARY = autoscaler("target.utilization.boundary");
    public static final FlinkOption AUTOSCALER_UTILIZATION_MAX = autoscaler("utilization.max");
    public static final FlinkOption AUTOSCALER_UTILIZATION_MIN = autoscaler("utilization.min");
    public static final FlinkOption AUTOSCALER_SCALABILITY_COEFFICIENT_MIN = autoscaler("observed-scalability.coefficient-min");
    /** {@code ;}-separated excluded periods: a daily time range, a Quartz cron expression, or one of each joined by {@code &&}. */
    public static final FlinkOption AUTOSCALER_EXCLUDED_PERIODS = autoscaler("excluded.periods");

    /** Every option above. */
    public static final List<FlinkOption> ALL = List.of(SAVEPOINT_DIR, CHECKPOINT_DIR, CHECKPOINT_INTERVAL, HA_TYPE, HA_STORAGE_DIR,
            TASK_SLOTS, JOBMANAGER_REPLICAS, DEFAULT_PARALLELISM, MAX_PARALLELISM, ENTRY_PATH, ARTIFACT_LIST, RAW_HTTP_ENABLED, FIXED_JOB_ID,
            HOST_NETWORK, JOBMANAGER_ANNOTATIONS, TASKMANAGER_ANNOTATIONS, SAVEPOINT_ON_DELETION,
            PERIODIC_SAVEPOINT_INTERVAL, LAST_STATE_MAX_CHECKPOINT_AGE, ROLLBACK_ENABLED, HEALTH_CHECK_ENABLED,
            JM_DEPLOYMENT_RECOVERY_ENABLED, JAR_URI_ALLOWED_SCHEMES, JAR_URI_DISALLOW_RESTRICTED_HOSTS,
            JOBMANAGER_PROCESS_MEMORY, JOBMANAGER_FLINK_MEMORY, JOBMANAGER_HEAP_MEMORY, JOBMANAGER_LEGACY_HEAP, JOBMANAGER_LEGACY_HEAP_MB,
            TASKMANAGER_PROCESS_MEMORY,
            TASKMANAGER_FLINK_MEMORY, TASKMANAGER_TASK_HEAP_MEMORY, TASKMANAGER_MANAGED_MEMORY,
            AUTOSCALER_ENABLED, AUTOSCALER_MAX_SCALE_DOWN_FACTOR, AUTOSCALER_MAX_SCALE_UP_FACTOR, AUTOSCALER_UTILIZATION_TARGET,
            AUTOSCALER_UTILIZATION_BOUNDARY, AUTOSCALER_UTILIZATION_MAX, AUTOSCALER_UTILIZATION_MIN,
            AUTOSCALER_SCALABILITY_COEFFICIENT_MIN, AUTOSCALER_EXCLUDED_PERIODS);

    /** The options whose values flinkops checks (FO505), in the order they are checked. */
    public static final List<FlinkOption> CHECKED = ALL.stream().filter(o -> o.kind() != FlinkOption.ValueKind.TEXT).toList();

    private static final Map<String, String> ALIASES = aliasesOf(ALL);

    /** Deprecated name → current name, for the options above that have old names. */
    public static Map<String, String> aliases() {
        return ALIASES;
    }

    /** An autoscaler option under its name and the name with the operator's old prefix. */
    private static FlinkOption autoscaler(String name) {
        return FlinkOption.of(AUTOSCALER_PREFIX + name, OLD_AUTOSCALER_PREFIX + name);
    }

    private static Map<String, String> aliasesOf(List<FlinkOption> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (FlinkOption o : options) {
            for (String name : o.deprecatedNames()) out.put(name, o.current());
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
