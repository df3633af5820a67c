package io.flinkops.agent.cycle;

/** What recovers a failed step: errors are typed by what makes them go away, not by where they came from. */
public enum Recovery {
    /** A brief outage (API server, Git remote): retry within this cycle, with backoff. */
    RETRY_SOON,
    /** Try again next cycle; nothing a person needs to do yet. */
    RETRY_NEXT_CYCLE,
    /** The config is invalid or a policy forbids it: only a change to the repo (or the agent's settings) helps. */
    NEEDS_HUMAN,
    /**
     * Nothing to recover: information the status must carry although nothing failed (drift the agent put back, a
     * deployment or cluster paused in the repo). Does not change a cycle's outcome, nor whether its commit counts as
     * applied. Last, so that the other recoveries keep their place in every listing.
     */
    NONE
}
