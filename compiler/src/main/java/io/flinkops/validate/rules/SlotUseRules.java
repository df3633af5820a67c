package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Phrases;
import io.flinkops.flinkconfig.FlinkConfiguration;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.plan.Parallelism;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Optional;
import java.util.Set;

/**
 * FO520: an application-mode Deployment with {@code numberOfTaskManagers} whose parallelism is below the task slots
 * of its TaskManagers. The operator then runs the job with TaskManagers × slots ({@code taskManager.replicas} takes
 * precedence over {@code job.parallelism}), so the job silently runs more parallel than written. Checked only when
 * the parallelism is written ({@code parallelism}, or else {@code parallelism.default}); a parallelism above the slots
 * is FO504's.
 */
public final class SlotUseRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.PARALLELISM_BELOW_SLOTS);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        plan.deployments().filter(p -> !p.isSessionJob()).forEach(p -> p.job().ifPresent(job -> check(p, job.parallelism(), context)));
    }

    private static void check(ResourcePlan p, Parallelism parallelism, RuleContext context) {
        if (!parallelism.fixedByReplicas() || parallelism.slots().isEmpty()) return;
        Optional<Long> available = parallelism.availableSlots();
        int written = parallelism.job();
        if (available.isEmpty() || written >= available.get()) return;
        Optional<LocatedSetting> fromConfig = parallelism.declared() == null
                ? p.configuration().get(FlinkOptions.DEFAULT_PARALLELISM.current()) : Optional.empty();
        if (parallelism.declared() == null && fromConfig.isEmpty()) return; // nothing written: the job takes what it gets
        FlinkConfiguration.Slots slots = parallelism.slots().get();
        int perTaskManager = slots.perTaskManager();
        int taskManagers = (written + perTaskManager - 1) / perTaskManager;
        String field = parallelism.declared() != null ? "parallelism" : "`" + FlinkOptions.DEFAULT_PARALLELISM.current() + "`";
        String message = "Deployment `" + p.name() + "` has " + (parallelism.declared() != null ? "parallelism " : field + " ") + written
                + ", but the operator runs it with parallelism " + available.get() + ", the task slots of its TaskManagers ("
                + Phrases.plural(parallelism.taskManagers(), "TaskManager") + " × " + Phrases.plural(perTaskManager, "slot") + " each"
                + (slots.isDefault() ? ", Flink's default when `taskmanager.numberOfTaskSlots` is not set" : "")
                + "): with `numberOfTaskManagers` set, TaskManagers × slots take precedence.";
        String hint = taskManagers * perTaskManager == written
                ? "Set `numberOfTaskManagers` to " + taskManagers + ", or the parallelism to " + available.get() + " to say what runs."
                : "Set the parallelism to " + available.get() + " to say what runs, or change `numberOfTaskManagers` and "
                        + "`taskmanager.numberOfTaskSlots` so that their product is " + written + ".";
        if (fromConfig.isPresent()) {
            context.diagnostics().report(Code.PARALLELISM_BELOW_SLOTS, fromConfig.get().location(), fromConfig.get().pointer(), message, hint);
        } else {
            context.report(Code.PARALLELISM_BELOW_SLOTS, p.source(), DeploymentSpec.PARALLELISM, message, hint);
        }
    }
}
