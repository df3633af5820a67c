package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.flinkconfig.FlinkConfiguration;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.model.ResourceSpec;
import io.flinkops.plan.Parallelism;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.quantity.FlinkMemorySize;
import io.flinkops.quantity.MemorySize;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FO501–FO504: JobManager/TaskManager CPU and memory, and parallelism against the task slots (the values of the
 * Flink options flinkops reads itself: {@link ConfigValueRules}). Resources are checked where they take effect: on application-mode
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
        return Set.of(Code.CPU_TOO_LOW, Code.INVALID_MEMORY, Code.AMBIGUOUS_MEMORY_UNIT, Code.PARALLELISM_EXCEEDS_SLOTS);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            // In session mode the job's resources have no effect (FO209 reports them).
            p.cluster().ifPresent(c -> checkResources(context, p.source(), p.fields().resources(), c.resources()));
            p.job().ifPresent(job -> checkParallelism(context, p, job.parallelism()));
        }
    }

    // FO501, FO502, FO503

    private static void checkResources(RuleContext context, Resolved<?> r, FieldPath base, Map<String, ResourceSpec> resources) {
        if (resources == null) return;
        for (String component : COMPONENTS) {
            ResourceSpec spec = resources.get(component);
            if (spec == null) continue;
            FieldPath pointer = base.child(component);
            if (spec.cpu() != null) checkCpu(context, r, pointer.child("cpu"), "resources." + component + ".cpu", spec.cpu());
            if (spec.memory() != null) checkMemory(context, r, pointer.child("memory"), "resources." + component + ".memory", spec.memory());
        }
    }

    private static void checkCpu(RuleContext context, Resolved<?> r, FieldPath pointer, String field, double cpu) {
        String text = r.scalarText(pointer).orElse(String.valueOf(cpu));
        if (!(cpu > 0)) {
            context.report(Code.CPU_TOO_LOW, r, pointer, "`" + field + "` is " + text + ", but CPU must be positive.",
                    "Set it to at least " + MIN_CPU + ", the minimum VVP accepts.");
        } else if (cpu < MIN_CPU) {
            context.report(Code.CPU_TOO_LOW, r, pointer, "`" + field + "` is " + text + ", below the minimum of " + MIN_CPU + ".",
                    "Set it to " + MIN_CPU + " or more.");
        }
    }

    private static void checkMemory(RuleContext context, Resolved<?> r, FieldPath pointer, String field, String memory) {
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

    private static void reportAmbiguous(RuleContext context, Resolved<?> r, FieldPath pointer, String field, String memory, MemorySize m) {
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

    private static void checkParallelism(RuleContext context, ResourcePlan p, Parallelism parallelism) {
        Integer declared = parallelism.declared();
        Optional<Long> available = parallelism.availableSlots();
        if (declared == null || available.isEmpty() || declared <= available.get()) return;
        List<FieldPath> inputs = new java.util.ArrayList<>(List.of(DeploymentSpec.PARALLELISM, DeploymentSpec.TEMPLATE.numberOfTaskManagers()));
        FlinkOptions.TASK_SLOTS.names().forEach(n -> inputs.add(DeploymentSpec.TEMPLATE.configKey(n)));
        if (context.anyDropped(p.source(), inputs.toArray(FieldPath[]::new))) return;
        String slots = describe(parallelism.taskManagers(), parallelism.slots().orElseThrow());
        if (p.isSessionJob()) {
            String cluster = p.deployment().spec().sessionClusterName();
            context.report(Code.PARALLELISM_EXCEEDS_SLOTS, p.source(), DeploymentSpec.PARALLELISM,
                    "Session job `" + p.name() + "` has parallelism " + declared + " but session cluster `" + cluster
                            + "` has only " + Phrases.plural(available.get(), "task slot") + " (" + slots + ").",
                    "Lower `parallelism` to " + available.get() + " or less, or give session cluster `" + cluster
                            + "` more TaskManagers or `taskmanager.numberOfTaskSlots`.");
        } else {
            context.report(Code.PARALLELISM_EXCEEDS_SLOTS, p.source(), DeploymentSpec.PARALLELISM,
                    "Deployment `" + p.name() + "` has parallelism " + declared + " but only " + Phrases.plural(available.get(), "task slot")
                            + " (" + slots + ").",
                    "Lower `parallelism` to " + available.get() + " or less, or raise `numberOfTaskManagers` or `taskmanager.numberOfTaskSlots`.");
        }
    }

    /** "2 TaskManagers × 1 slot each, Flink's default when `taskmanager.numberOfTaskSlots` is not set". */
    private static String describe(int taskManagers, FlinkConfiguration.Slots slots) {
        return Phrases.plural(taskManagers, "TaskManager") + " × " + Phrases.plural(slots.perTaskManager(), "slot") + " each"
                + (slots.isDefault() ? ", Flink's default when `taskmanager.numberOfTaskSlots` is not set" : "");
    }
}
