package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkConfiguration;
import io.flinkops.model.ResourceSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.model.TemplateSpec;
import io.flinkops.quantity.FlinkMemorySize;
import io.flinkops.quantity.MemorySize;
import io.flinkops.resolve.Pointers;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.JsonPointers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FO501–FO505: JobManager/TaskManager CPU and memory, parallelism against the task slots, and the values of
 * the Flink options flinkops reads itself. Resources are checked where they take effect: on application-mode
 * Deployments (effective spec) and on SessionClusters; in session mode the job's resources have no effect
 * (FO209 reports them).
 */
public final class ResourceRules implements Rule {
    /** VVP rejects less CPU than this (VVP 2.3.1 release notes). */
    static final double MIN_CPU = 0.1;
    /** Less memory than this is certainly a mistake (most often a missing unit): no Flink process starts with it. */
    static final long MIN_MEMORY_BYTES = 1L << 20;
    static final List<String> COMPONENTS = List.of("jobmanager", "taskmanager");

    private static final Pattern AMBIGUOUS = Pattern.compile("([0-9]+)([kKmMgGtT])");
    private static final Pattern UNIT_TYPO = Pattern.compile("\\s*([0-9]*\\.?[0-9]+)\\s*([kKmMgGtT])([iI])?([bB])?\\s*");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.CPU_TOO_LOW, Code.INVALID_MEMORY, Code.AMBIGUOUS_MEMORY_UNIT, Code.PARALLELISM_EXCEEDS_SLOTS,
                Code.INVALID_CONFIG_VALUE);
    }

    @Override
    public void check(ResolvedRepo repo, RuleContext context) {
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                if (!d.isTyped()) continue;
                TemplateSpec ts = d.spec().templateSpec();
                boolean session = d.spec().sessionClusterName() != null;
                if (!session) checkResources(context, d, Pointers.TEMPLATE_SPEC + "/resources", ts.resources());
                checkConfigValues(context, d, Pointers.DEPLOYMENT_FLINK_CONFIGURATION, ts.flinkConfigurationOrEmpty());
                if (session) {
                    checkSessionJobParallelism(context, ns, d);
                } else {
                    checkParallelism(context, d, repo.effectiveFlinkConfiguration(d));
                }
            }
            for (Resolved<SessionClusterSpec> c : ns.sessionClusters().values()) {
                if (!c.isTyped()) continue;
                checkResources(context, c, "/spec/resources", c.spec().resources());
                checkConfigValues(context, c, Pointers.SESSION_CLUSTER_FLINK_CONFIGURATION, c.spec().flinkConfigurationOrEmpty());
            }
        }
    }

    // FO501, FO502, FO503

    private static void checkResources(RuleContext context, Resolved<?> r, String base, Map<String, ResourceSpec> resources) {
        if (resources == null) return;
        for (String component : COMPONENTS) {
            ResourceSpec spec = resources.get(component);
            if (spec == null) continue;
            String pointer = base + "/" + component;
            if (spec.cpu() != null) checkCpu(context, r, pointer + "/cpu", "resources." + component + ".cpu", spec.cpu());
            if (spec.memory() != null) checkMemory(context, r, pointer + "/memory", "resources." + component + ".memory", spec.memory());
        }
    }

    private static void checkCpu(RuleContext context, Resolved<?> r, String pointer, String field, double cpu) {
        String text = ResourceArtifactSupport.text(r, pointer, cpu);
        if (!(cpu > 0)) {
            context.report(Code.CPU_TOO_LOW, r, pointer, "`" + field + "` is " + text + ", but CPU must be positive.",
                    "Set it to at least " + MIN_CPU + ", the minimum VVP accepts.");
        } else if (cpu < MIN_CPU) {
            context.report(Code.CPU_TOO_LOW, r, pointer, "`" + field + "` is " + text + ", below the minimum of " + MIN_CPU + ".",
                    "Set it to " + MIN_CPU + " or more.");
        }
    }

    private static void checkMemory(RuleContext context, Resolved<?> r, String pointer, String field, String memory) {
        MemorySize m = MemorySize.of(memory);
        Optional<String> problem = m.problem();
        if (problem.isPresent()) {
            context.report(Code.INVALID_MEMORY, r, pointer, "`" + field + "` `" + memory + "` " + problem.get() + ".", memoryHint(memory));
            return;
        }
        long bytes = m.bytes().orElseThrow();
        if (bytes == 0) {
            context.report(Code.INVALID_MEMORY, r, pointer, "`" + field + "` is `" + memory + "`, but memory must be positive.",
                    "Give the process memory with a unit, e.g. `2g` or `2Gi`.");
            return;
        }
        if (bytes < MIN_MEMORY_BYTES) {
            boolean unitless = memory.trim().chars().allMatch(Character::isDigit);
            String digits = memory.trim();
            context.report(Code.INVALID_MEMORY, r, pointer,
                    "`" + field + "` `" + memory + "` is only " + MemorySize.describe(bytes)
                            + (unitless ? ", because a number without a unit means bytes." : ", too little for any Flink process."),
                    unitless ? "Add a unit, e.g. `" + digits + "mb` or `" + digits + "Mi`." : "Give the process at least several hundred MiB, e.g. `1g`.");
            return;
        }
        if (m.ambiguous()) reportAmbiguous(context, r, pointer, field, memory, m);
    }

    private static void reportAmbiguous(RuleContext context, Resolved<?> r, String pointer, String field, String memory, MemorySize m) {
        long flinkBytes = m.bytes().orElseThrow();
        BigDecimal k8s = m.kubernetesBytes().orElseThrow();
        Matcher a = AMBIGUOUS.matcher(memory);
        String flinkOnly = null;
        String k8sOnly = null;
        char unit = ' ';
        if (a.matches()) {
            unit = a.group(2).charAt(0);
            char lower = Character.toLowerCase(unit);
            flinkOnly = a.group(1) + (lower == 'k' || lower == 'm' ? lower + "b" : String.valueOf(lower));
            k8sOnly = a.group(1) + Character.toUpperCase(unit) + "i";
        }
        String message = "`" + field + "` `" + memory + "` means " + MemorySize.describe(flinkBytes)
                + " to Flink, which the operator follows, but " + MemorySize.describe(k8s) + " to Kubernetes"
                + (unit == 'm' ? ", where `m` means milli." : ".");
        String amount = MemorySize.binary(BigInteger.valueOf(flinkBytes)).orElse(MemorySize.describe(flinkBytes));
        String hint = flinkOnly == null
                ? "Write a unit that Flink and Kubernetes read alike, e.g. `" + FlinkMemorySize.format(flinkBytes) + "`."
                : "Write `" + flinkOnly + "` (read by Flink only) or `" + k8sOnly + "` (read by Kubernetes only); both mean " + amount + ".";
        context.report(Code.AMBIGUOUS_MEMORY_UNIT, r, pointer, message, hint);
    }

    /** A hint for a memory value that does not parse: the spelling it was probably meant to have. */
    static String memoryHint(String memory) {
        Matcher t = UNIT_TYPO.matcher(memory);
        if (t.matches()) {
            BigDecimal number = new BigDecimal(t.group(1));
            char unit = Character.toLowerCase(t.group(2).charAt(0));
            int power = "kmgt".indexOf(unit) + 1;
            BigDecimal bytes = number.multiply(BigDecimal.valueOf(1024).pow(power));
            String k8s = number.stripTrailingZeros().toPlainString() + Character.toUpperCase(unit) + "i";
            Optional<String> flink = bytes.signum() > 0 && bytes.stripTrailingZeros().scale() <= 0
                    && bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    ? Optional.of(FlinkMemorySize.format(bytes.longValueExact())) : Optional.empty();
            if (t.group(3) != null) {
                return "Write the Kubernetes quantity `" + k8s + "` (capital letter, `i`, no `B`)"
                        + flink.map(f -> " or the Flink size `" + f + "`").orElse("") + ".";
            }
            if (t.group(1).contains(".")) {
                return flink.map(f -> "Flink memory sizes are whole numbers: write `" + f + "`, or the Kubernetes quantity `" + k8s + "`.")
                        .orElse("Write a whole number with a unit, e.g. `2g` or `2048mb` (Flink) or `2Gi` (Kubernetes).");
            }
        }
        return "Write a whole number with a unit, e.g. `2g` or `2048mb` (Flink) or `2Gi` (Kubernetes).";
    }

    // FO504

    private static void checkParallelism(RuleContext context, Resolved<DeploymentSpec> d, FlinkConfiguration config) {
        TemplateSpec ts = d.spec().templateSpec();
        Integer parallelism = ts.parallelism();
        Integer taskManagers = ts.numberOfTaskManagers();
        if (parallelism == null || taskManagers == null || taskManagers < 1) return;
        Optional<Slots> slots = slots(config);
        if (slots.isEmpty()) return;
        long available = (long) taskManagers * slots.get().perTaskManager();
        if (parallelism <= available) return;
        context.report(Code.PARALLELISM_EXCEEDS_SLOTS, d, Pointers.TEMPLATE_SPEC + "/parallelism",
                "Deployment `" + d.name() + "` has parallelism " + parallelism + " but only " + ResourceArtifactSupport.plural(available, "task slot")
                        + " (" + slots.get().describe(taskManagers) + ").",
                "Lower `parallelism` to " + available + " or less, or raise `numberOfTaskManagers` or `taskmanager.numberOfTaskSlots`.");
    }

    private static void checkSessionJobParallelism(RuleContext context, ResolvedNamespace ns, Resolved<DeploymentSpec> d) {
        Integer parallelism = d.spec().templateSpec().parallelism();
        if (parallelism == null) return;
        String clusterName = d.spec().sessionClusterName();
        Resolved<SessionClusterSpec> cluster = ns.sessionClusters().get(clusterName);
        if (cluster == null || !cluster.isTyped()) return;
        Integer taskManagers = cluster.spec().numberOfTaskManagers();
        if (taskManagers == null || taskManagers < 1) return;
        Optional<Slots> slots = slots(new FlinkConfiguration(cluster.spec().flinkConfigurationOrEmpty()));
        if (slots.isEmpty()) return;
        long available = (long) taskManagers * slots.get().perTaskManager();
        if (parallelism <= available) return;
        context.report(Code.PARALLELISM_EXCEEDS_SLOTS, d, Pointers.TEMPLATE_SPEC + "/parallelism",
                "Session job `" + d.name() + "` has parallelism " + parallelism + " but session cluster `" + clusterName
                        + "` has only " + ResourceArtifactSupport.plural(available, "task slot") + " (" + slots.get().describe(taskManagers) + ").",
                "Lower `parallelism` to " + available + " or less, or give session cluster `" + clusterName
                        + "` more TaskManagers or `taskmanager.numberOfTaskSlots`.");
    }

    /** Task slots per TaskManager, and whether that is Flink's default. */
    private record Slots(int perTaskManager, boolean isDefault) {
        String describe(int taskManagers) {
            return ResourceArtifactSupport.plural(taskManagers, "TaskManager") + " × " + ResourceArtifactSupport.plural(perTaskManager, "slot") + " each"
                    + (isDefault ? ", Flink's default when `taskmanager.numberOfTaskSlots` is not set" : "");
        }
    }

    /** The slots per TaskManager; empty when the value is invalid (FO505 reports it) or a reference. */
    private static Optional<Slots> slots(FlinkConfiguration config) {
        Optional<String> raw = rawValue(config.asMap(), FlinkConfiguration.TASK_SLOTS);
        if (raw.isEmpty()) return Optional.of(new Slots(1, true));
        return positiveInt(raw.get()).map(n -> new Slots(n, false));
    }

    // FO505

    private static final List<FlinkConfiguration.Option> POSITIVE_INT_OPTIONS =
            List.of(FlinkConfiguration.TASK_SLOTS, FlinkConfiguration.JOBMANAGER_REPLICAS);

    private static void checkConfigValues(RuleContext context, Resolved<?> r, String base, Map<String, String> config) {
        for (FlinkConfiguration.Option option : POSITIVE_INT_OPTIONS) {
            for (String key : option.names()) {
                String value = config.get(key);
                if (value == null || isReference(value) || positiveInt(value).isPresent()) continue;
                String hint = option == FlinkConfiguration.JOBMANAGER_REPLICAS
                        ? "Write a whole number: 1 for one JobManager, more for standby JobManagers (which need high availability)."
                        : "Write a whole number of 1 or more, e.g. \"2\".";
                context.report(Code.INVALID_CONFIG_VALUE, r, JsonPointers.append(base, key),
                        "`" + key + "` is `" + value + "`, but it must be a positive integer.", hint);
            }
        }
    }

    /** The value of the first name of {@code option} that is set (even to something invalid). */
    private static Optional<String> rawValue(Map<String, String> config, FlinkConfiguration.Option option) {
        return option.names().stream().map(config::get).filter(v -> v != null).findFirst();
    }

    static Optional<Integer> positiveInt(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            return n >= 1 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A value that is resolved at run time (`${NAME}`) or filled in (`{{ name }}`) cannot be checked here. */
    static boolean isReference(String value) {
        return value.contains("${") || value.contains("{{");
    }
}
