package io.flinkops.status;

import java.util.List;

/**
 * The agent's own status, {@code status/agents/<cluster>.yaml}: what it last tried and last applied, and why a
 * cycle failed. {@code errors} are one-sentence messages (diagnostics of an invalid commit included, located).
 */
public record AgentStatus(
        String cluster,
        String lastAttemptedRevision,
        String lastAppliedRevision,
        String outcome,
        List<String> errors,
        String observedAt) {
}
