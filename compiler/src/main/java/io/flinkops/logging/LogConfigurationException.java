package io.flinkops.logging;

/**
 * A logging template that cannot be rendered. Validation reports every such template (FO702–FO706) before
 * anything is rendered, so this reaching a caller of {@link LogConfigurations#render} on a validated repo is
 * a flinkops bug, not a problem of the config repo.
 */
public final class LogConfigurationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient LogConfigurations.Outcome outcome;

    public LogConfigurationException(LogConfigurations.Outcome outcome) {
        super(outcome.failure().problem().message() + " (template line " + outcome.failure().problem().line() + ")");
        this.outcome = outcome;
    }

    public LogConfigurations.Outcome outcome() {
        return outcome;
    }
}
