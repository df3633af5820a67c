package io.flinkops.agent.cycle;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The last valid desired state this agent knows, observed while the config branch's head is invalid: this process's
 * own last valid build, or after a restart the build of the revision the status branch names as last applied.
 */
final class LastValidDesired {
    private final ConfigBuilder builder;
    private final Supplier<Optional<String>> lastAppliedRevision;
    private DesiredState last;

    LastValidDesired(ConfigBuilder builder, Supplier<Optional<String>> lastAppliedRevision) {
        this.builder = builder;
        this.lastAppliedRevision = lastAppliedRevision;
    }

    void remember(DesiredState desired) {
        if (desired.valid()) last = desired;
    }

    Optional<DesiredState> get() {
        if (last != null) return Optional.of(last);
        Optional<String> applied = lastAppliedRevision.get();
        if (applied.isEmpty()) return Optional.empty();
        try {
            remember(builder.build(applied.get()));
        } catch (StepFailure e) {
            // Unreadable now: observe without it; the next cycle tries again.
        }
        return Optional.ofNullable(last);
    }
}
