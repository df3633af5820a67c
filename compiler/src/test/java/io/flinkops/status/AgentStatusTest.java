package io.flinkops.status;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Location;
import io.flinkops.diag.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AgentStatusTest {

    static final AgentStatus INVALID = new AgentStatus("prod-eu", "89abcde", "0123456", "NEEDS_HUMAN",
            List.of(new AgentStatus.Problem("build", "CONFIG_INVALID", "NEEDS_HUMAN", "Commit 89abcde has 1 error(s).")),
            List.of(AgentStatus.ConfigDiagnostic.of(new Diagnostic(Code.TARGET_NOT_FOUND, Severity.ERROR,
                    new Location("namespaces/payments/deployments/x.yaml", 12, 3), "/spec/deploymentTargetName", "No target `nowhere`.", "Add it."))),
            2, "2026-11-21T10:00:00Z");

    @Test
    void theFileIsDeterministicWithSortedKeysAndStructuredEntries() {
        assertEquals("""
                cluster: prod-eu
                diagnostics:
                - code: FO205
                  column: 3
                  file: namespaces/payments/deployments/x.yaml
                  hint: Add it.
                  line: 12
                  message: No target `nowhere`.
                  pointer: /spec/deploymentTargetName
                  severity: error
                lastAppliedRevision: "0123456"
                lastAttemptedRevision: 89abcde
                observedAt: 2026-11-21T10:00:00Z
                omittedDiagnostics: 2
                outcome: NEEDS_HUMAN
                problems:
                - message: Commit 89abcde has 1 error(s).
                  reason: CONFIG_INVALID
                  recovery: NEEDS_HUMAN
                  step: build
                """, new String(StatusFiles.toYaml(INVALID), StandardCharsets.UTF_8));
    }

    @Test
    void aStatusReadBackEqualsTheOneWritten() throws Exception {
        assertEquals(INVALID, StatusFiles.readAgent(StatusFiles.toYaml(INVALID)));
        AgentStatus ok = new AgentStatus("prod-eu", "a", "a", "SUCCEEDED", null, null, 0, "t");
        assertEquals(List.of(), ok.problems());
        assertNull(ok.omittedDiagnostics(), "nothing left out: not written");
        assertEquals(ok, StatusFiles.readAgent(StatusFiles.toYaml(ok)));
    }

    @Test
    void aWholeFileDiagnosticHasNoLineColumnPointerOrEmptyHint() {
        AgentStatus.ConfigDiagnostic d = AgentStatus.ConfigDiagnostic.of(new Diagnostic(Code.UNREADABLE_FILE, Severity.ERROR,
                Location.ofFile("flinkops.yaml"), "", "Cannot read it.", ""));
        assertEquals(new AgentStatus.ConfigDiagnostic("FO009", "error", "flinkops.yaml", null, null, null, "Cannot read it.", null), d);
    }

    @Test
    void aFileOfAnOlderAgentStillReads() throws Exception {
        AgentStatus old = StatusFiles.readAgent("""
                cluster: prod-eu
                errors:
                - "fetch: Cannot reach the remote."
                outcome: FAILED_RETRY_SOON
                """.getBytes(StandardCharsets.UTF_8));
        assertEquals("FAILED_RETRY_SOON", old.outcome());
        assertEquals(List.of(), old.problems());
    }
}
