package io.flinkops.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The agent's own status, {@code status/agents/<cluster>.yaml}: what it last tried and last applied, and why a
 * cycle failed. {@code errors} are one-sentence messages (diagnostics of an invalid commit included, located).
 *
 * @param outcome SUCCEEDED | FAILED_RETRY_SOON | FAILED_NEXT_CYCLE | NEEDS_HUMAN
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AgentStatus(
        String cluster,
        String lastAttemptedRevision,
        String lastAppliedRevision,
        String outcome,
        List<String> errors,
        String observedAt) {

    public AgentStatus withObservedAt(String observedAt) {
        return new AgentStatus(cluster, lastAttemptedRevision, lastAppliedRevision, outcome, errors, observedAt);
    }

    public String path() {
        return StatusFiles.agentPath(cluster);
    }
}
