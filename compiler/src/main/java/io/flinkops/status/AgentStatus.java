package io.flinkops.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.flinkops.diag.Diagnostic;

import java.util.List;

/**
 * The agent's own status, {@code status/agents/<cluster>.yaml}: what it last tried and last applied, and why a
 * cycle failed, as data: each step problem with its stable reason, and each error of an invalid commit as the
 * compiler reported it. Lists are never null (empty when there is nothing to say), so a status read back equals the
 * one written.
 *
 * @param outcome            SUCCEEDED | FAILED_RETRY_SOON | FAILED_NEXT_CYCLE | NEEDS_HUMAN
 * @param problems           what went wrong in the last cycle, in step order
 * @param diagnostics        the errors of the last attempted commit when it does not compile, at most as many as the
 *                           agent reports (50)
 * @param omittedDiagnostics how many more errors there are; null when none were left out
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentStatus(
        String cluster,
        String lastAttemptedRevision,
        String lastAppliedRevision,
        String outcome,
        List<Problem> problems,
        List<ConfigDiagnostic> diagnostics,
        Integer omittedDiagnostics,
        String observedAt) {

    public AgentStatus {
        problems = problems == null ? List.of() : List.copyOf(problems);
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        if (omittedDiagnostics != null && omittedDiagnostics == 0) omittedDiagnostics = null;
    }

    /**
     * A problem of one step of a cycle.
     *
     * @param step     fetch | build | apply | prune | observe | record
     * @param reason   the agent's stable reason code, e.g. GIT_UNREACHABLE, CONFIG_INVALID, API_FORBIDDEN
     * @param recovery what recovers it: RETRY_SOON | RETRY_NEXT_CYCLE | NEEDS_HUMAN
     * @param message  what is wrong and what to do, without secrets
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Problem(String step, String reason, String recovery, String message) {
    }

    /**
     * One compiler diagnostic, as {@code flinkops validate} reports it.
     *
     * @param severity error | warning
     * @param file     the config-repo file, relative to the config repo's root
     * @param line     1-based; null for a problem with the whole file
     * @param column   1-based; null for a problem with the whole file
     * @param pointer  JSON pointer into the document; null for the document itself
     * @param hint     what to do about it; null when the compiler has no hint
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConfigDiagnostic(String code, String severity, String file, Integer line, Integer column, String pointer,
                                   String message, String hint) {

        public static ConfigDiagnostic of(Diagnostic d) {
            boolean wholeFile = d.line() == 0;
            return new ConfigDiagnostic(d.code().id(), d.severity().label(), d.file(), wholeFile ? null : d.line(),
                    wholeFile ? null : d.column(), d.pointer().isEmpty() ? null : d.pointer(), d.message(), d.hint().isEmpty() ? null : d.hint());
        }
    }

    public AgentStatus withObservedAt(String observedAt) {
        return new AgentStatus(cluster, lastAttemptedRevision, lastAppliedRevision, outcome, problems, diagnostics, omittedDiagnostics, observedAt);
    }

    public AgentStatus withRevisions(String lastAttemptedRevision, String lastAppliedRevision) {
        return new AgentStatus(cluster, lastAttemptedRevision, lastAppliedRevision, outcome, problems, diagnostics, omittedDiagnostics, observedAt);
    }

    public String path() {
        return StatusFiles.agentPath(cluster);
    }
}
