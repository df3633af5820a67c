package io.flinkops.agent.cycle;

import java.util.Optional;

/**
 * One step of the reconcile cycle. {@link Cycle} runs its steps in order over one {@link CycleState}: each step reads
 * what the steps before it produced and stores its own product there. Whether a step runs is the step's decision,
 * made from the state ({@link #skipReason}), not the loop's.
 */
public interface CycleStep {

    Step id();

    /** Why this step does not run this cycle, given what the steps before it produced; empty to run it. */
    default Optional<String> skipReason(CycleState state) {
        return Optional.empty();
    }

    /**
     * What a skipped step still has to say (information, {@link Recovery#NONE}): apply says that the cluster is
     * suspended, so that the agent status shows it. Empty for most steps.
     */
    default java.util.List<Problem> skipNotes(CycleState state) {
        return java.util.List.of();
    }

    /**
     * Whether the step still runs once the cycle is past its deadline: only record, so that the status branch says
     * why the cycle stopped. The others are not started.
     */
    default boolean runsAfterDeadline() {
        return false;
    }

    /**
     * Does the step's work and stores its product in {@code state}, only once it succeeded (a step failing with
     * {@link Recovery#RETRY_SOON} is run again). Problems that did not stop the step go in the result.
     */
    StepResult run(CycleState state) throws StepFailure;
}
