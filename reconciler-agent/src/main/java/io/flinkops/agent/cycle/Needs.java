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
}
