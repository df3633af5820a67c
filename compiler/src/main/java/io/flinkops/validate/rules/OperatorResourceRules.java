package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.FlinkConfiguration;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.model.FieldPath;
import io.flinkops.model.ResourceSpec;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.Parallelism;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.resolve.NullRemoval;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * FO506, FO507: what the operator's admission check requires of the processes and the job flinkops asks it to run
 * ({@code DefaultValidator}, release 1.15.0). A JobManager and a TaskManager have memory: {@code resources.<component>.memory}
 * (rendered as {@code resource.memory}), or Flink memory options from which Flink can size the process; without
 * either flinkops would render {@code jobManager: {}}. A job's parallelism is at least 1 unless
 * {@code numberOfTaskManagers} fixes it (replicas × slots); {@code parallelism} itself is at least 1 by the schema, so
 * the route to 0 is {@code parallelism.default}.
 */
public final class OperatorResourceRules implements Rule {
    private static final String NO_PARALLELISM = "Job parallelism must be larger than 0";

    @Override
    public Set<Code> codes() {
        return Set.of(Code.MEMORY_NOT_SET, Code.JOB_PARALLELISM_NOT_POSITIVE);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            p.cluster().ifPresent(c -> checkMemory(plan.resolved(), p, c, context));
            p.job().ifPresent(job -> checkParallelism(p, job.parallelism(), context));
        }
    }

    // FO506

    private static void checkMemory(ResolvedRepo repo, ResourcePlan p, ClusterPlan cluster, RuleContext context) {
        FlinkConfiguration config = p.configuration().values();
        boolean jobManager = !hasMemory(cluster.resources(), "jobmanager") && !config.jobManagerMemoryConfigured();
        boolean taskManager = !hasMemory(cluster.resources(), "taskmanager") && !config.taskManagerMemoryConfigured();
        if (!jobManager && !taskManager) return;
        String jmOptions = "`" + String.join("`, `", List.of(FlinkOptions.JOBMANAGER_PROCESS_MEMORY.current(),
                FlinkOptions.JOBMANAGER_FLINK_MEMORY.current(), FlinkOptions.JOBMANAGER_HEAP_MEMORY.current())) + "`";
        String tmOptions = "`" + String.join("`, `", List.of(FlinkOptions.TASKMANAGER_PROCESS_MEMORY.current(),
                FlinkOptions.TASKMANAGER_FLINK_MEMORY.current())) + "`";
        String heapAlone = config.isSet(FlinkOptions.TASKMANAGER_TASK_HEAP_MEMORY)
                ? " (`" + FlinkOptions.TASKMANAGER_TASK_HEAP_MEMORY.current() + "` alone is not enough: Flink needs `"
                        + FlinkOptions.TASKMANAGER_MANAGED_MEMORY.current() + "` with it)"
                : "";
        String refusal = "\"" + (jobManager ? "JobManager" : "TaskManager") + " resource memory must be defined using `spec."
                + (jobManager ? "jobManager" : "taskManager") + ".resource.memory`\"";
        String needs;
        FieldPath pointer;
        String hint;
        if (jobManager && taskManager) {
            pointer = p.fields().resources();
            needs = p.describe() + " gives its JobManager and TaskManagers no memory: neither `resources.jobmanager.memory` and `resources.taskmanager.memory`"
                    + " nor Flink options to size the processes from (" + jmOptions + "; " + tmOptions + ")" + heapAlone
                    + " are set, so flinkops would render `jobManager: {}` and `taskManager: {}`, which the operator refuses (" + refusal + ").";
            hint = "Set `resources.jobmanager.memory` and `resources.taskmanager.memory`, e.g. `1g` and `2g` (ideally once in the defaults).";
        } else {
            String component = jobManager ? "jobmanager" : "taskmanager";
            pointer = p.fields().resources().child(component).child("memory");
            needs = p.describe() + " gives its " + (jobManager ? "JobManager" : "TaskManagers") + " no memory: neither `resources." + component
                    + ".memory` nor any of " + (jobManager ? jmOptions : tmOptions + heapAlone) + " is set, so flinkops would render `"
                    + (jobManager ? "jobManager" : "taskManager") + "` without `resource.memory`, which the operator refuses (" + refusal + ").";
            hint = "Set `resources." + component + ".memory`, e.g. `" + (jobManager ? "1g" : "2g") + "` (ideally once in the defaults), or `"
                    + (jobManager ? FlinkOptions.JOBMANAGER_PROCESS_MEMORY : FlinkOptions.TASKMANAGER_PROCESS_MEMORY).current() + "`.";
        }
        if (p.kind() != ResourcePlan.Kind.SESSION_CLUSTER) {
            List<FieldPath> removable = jobManager && taskManager
                    ? List.of(p.fields().resources().child("jobmanager").child("memory"), p.fields().resources().child("taskmanager").child("memory"))
                    : List.of(pointer);
            Optional<NullRemoval> removed = NullRemoval.find(repo, p.deployment(), removable);
            if (removed.isPresent()) {
                NullRemoval r = removed.get();
                context.diagnostics().report(Code.MEMORY_NOT_SET, r.location(), r.path(),
                        "Setting `" + r.removedName() + "` to null removes memory inherited from " + r.removedFrom().file() + ", and " + needs,
                        "Remove the null to keep the inherited value, or set the memory to another value.");
                return;
            }
        }
        context.reportMissing(Code.MEMORY_NOT_SET, p.source(), pointer, needs, hint);
    }

    /** A memory value is written (an invalid one is FO502's). */
    private static boolean hasMemory(Map<String, ResourceSpec> resources, String component) {
        ResourceSpec spec = resources == null ? null : resources.get(component);
        return spec != null && spec.memory() != null;
    }

    // FO507

    private static void checkParallelism(ResourcePlan p, Parallelism parallelism, RuleContext context) {
        // `parallelism` is at least 1 (schema); with numberOfTaskManagers the operator runs replicas × slots.
        if (parallelism.declared() != null || parallelism.fixedByReplicas() || parallelism.job() >= 1) return;
        Optional<LocatedSetting> setting = p.ownConfiguration().get(FlinkOptions.DEFAULT_PARALLELISM.current());
        if (setting.isEmpty()) return; // the planner's default is 1
        LocatedSetting s = setting.get();
        String fixed = p.isSessionJob() ? "" : " or `numberOfTaskManagers`";
        context.diagnostics().report(Code.JOB_PARALLELISM_NOT_POSITIVE, s.location(), s.pointer(),
                "`" + s.key() + "` is `" + s.value().trim() + "`, and " + p.describe() + " sets no `parallelism`" + fixed
                        + ", so flinkops would render `job.parallelism: " + parallelism.job() + "`, which the operator refuses (\"" + NO_PARALLELISM + "\").",
                "Set `" + s.key() + "` to 1 or more, or set the Deployment's `parallelism`.");
    }
}
