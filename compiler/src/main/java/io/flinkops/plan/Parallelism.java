package io.flinkops.plan;

import io.flinkops.flinkconfig.FlinkConfiguration;

import java.util.Optional;

/**
 * How parallel a job runs.
 *
 * @param declared     VVP's {@code parallelism}, if set
 * @param job          {@code job.parallelism}: {@code declared}, else the configuration's {@code parallelism.default},
 *                     else 1 (Flink's default; the operator rejects 0)
 * @param taskManagers the TaskManagers of the cluster it runs on ({@code numberOfTaskManagers}; a session job's:
 *                     its cluster's), if set
 * @param slots        the task slots per TaskManager of that cluster; empty when the value is invalid or filled in
 *                     later
 * @param fixedByReplicas true for an application-mode job with {@code numberOfTaskManagers}: the operator then runs
 *                     it with TaskManagers × slots, whatever {@code job.parallelism} says ({@code FlinkConfigBuilder})
 */
public record Parallelism(Integer declared, int job, Integer taskManagers, Optional<FlinkConfiguration.Slots> slots,
                          boolean fixedByReplicas) {

    /** The parallelism the job runs with (slots Flink's default 1 when they cannot be known). */
    public int running() {
        if (!fixedByReplicas) return job;
        return taskManagers * slots.map(FlinkConfiguration.Slots::perTaskManager).orElse(1);
    }

    /** Task slots of the cluster: TaskManagers × slots, when both are known. */
    public Optional<Long> availableSlots() {
        if (taskManagers == null || taskManagers < 1 || slots.isEmpty()) return Optional.empty();
        return Optional.of((long) taskManagers * slots.get().perTaskManager());
    }
}
