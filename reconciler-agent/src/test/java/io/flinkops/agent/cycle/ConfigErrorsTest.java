package io.flinkops.agent.cycle;

import io.flinkops.policy.ObjectFence;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Location;
import io.flinkops.diag.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class ConfigErrorsTest {

    @Test
    void atMostFiftyErrorsAreReportedWithACountOfTheRestAndNoWarnings() {
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (int i = 1; i <= 53; i++) {
            diagnostics.add(new Diagnostic(Code.TARGET_NOT_FOUND, Severity.ERROR, new Location("f.yaml", i, 1), "/spec", "error " + i, ""));
        }
        diagnostics.add(new Diagnostic(Code.STRAY_FILE, Severity.WARNING, Location.ofFile("README"), "", "stray", ""));
        ConfigErrors errors = ConfigErrors.of(Optional.of(new DesiredState("prod-eu", "c", List.of(), ObjectFence.OPEN, diagnostics, Map.of())));
        assertEquals(50, errors.shown().size());
        assertEquals(3, errors.omitted());
        assertEquals("error 1", errors.shown().get(0).message());
        assertTrue(errors.shown().stream().allMatch(d -> d.severity().equals("error")));
    }

    @Test
    void noBuildOrAValidOneHasNone() {
        assertEquals(new ConfigErrors(List.of(), 0), ConfigErrors.of(Optional.empty()));
        assertEquals(new ConfigErrors(List.of(), 0), ConfigErrors.of(Optional.of(new DesiredState("prod-eu", "c", List.of(), ObjectFence.OPEN, List.of(), Map.of()))));
    }
}
