package io.flinkops.agent.cycle;

import java.util.Optional;

/** The skip reasons of steps that need an earlier step's product. */
final class Needs {
    private Needs() {
    }

    /** Skip unless fetch succeeded. */
    static Optional<String> fetched(CycleState state) {
        return state.commit().isPresent() ? Optional.empty() : Optional.of("fetch failed");
    }

    /** Skip unless the fetched commit built without errors: an invalid commit applies and prunes nothing. */
    static Optional<String> validCommit(CycleState state) {
        return fetched(state).or(() -> state.validDesired().isPresent() ? Optional.empty() : Optional.of("the commit is invalid"));
    }

    /** Skip unless the commit is valid and does not suspend this agent's cluster: a suspended cluster applies and prunes nothing. */
    static Optional<String> validAndNotSuspended(CycleState state) {
        return validCommit(state).or(() -> state.validDesired().filter(DesiredState::suspended).map(d -> suspended(d.cluster())));
    }

    static String suspended(String cluster) {
        return "cluster " + cluster + " is suspended in flinkops.yaml (spec.clusters[].suspend: true)";
    }
}
