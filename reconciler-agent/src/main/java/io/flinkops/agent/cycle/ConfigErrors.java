package io.flinkops.agent.cycle;

import io.flinkops.diag.Diagnostic;
import io.flinkops.status.AgentStatus;

import java.util.List;
import java.util.Optional;

/**
 * The errors of an invalid commit as the agent reports them, in its status file and its log: structured as the
 * compiler reports them, at most {@value #MAX_REPORTED}, with a count of the rest.
 */
public record ConfigErrors(List<AgentStatus.ConfigDiagnostic> shown, int omitted) {
    public static final int MAX_REPORTED = 50;

    public ConfigErrors {
        shown = List.copyOf(shown);
    }

    /** The errors of this build; none when there is no build or it is valid. */
    public static ConfigErrors of(Optional<DesiredState> desired) {
        List<Diagnostic> errors = desired.stream().flatMap(d -> d.diagnostics().stream()).filter(Diagnostic::isError).toList();
        return new ConfigErrors(errors.stream().limit(MAX_REPORTED).map(AgentStatus.ConfigDiagnostic::of).toList(),
                Math.max(0, errors.size() - MAX_REPORTED));
    }
}
