package io.flinkops.cli;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.diag.Location;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One place maps what a run found to its exit code: a flinkops bug (FO099) is 70 even among the config's own errors. */
class ExitCodeTest {

    @Test
    void bugsOutrankConfigErrorsWhichOutrankWarnings() {
        Diagnostics d = new Diagnostics();
        assertEquals(ExitCode.OK, ExitCode.of(d));
        d.report(Code.STRAY_FILE, Location.ofFile("namespaces/x.yaml"), "", "warning");
        assertEquals(ExitCode.OK, ExitCode.of(d));
        d.report(Code.INVALID_NAME, new Location("namespaces/team/job.yaml", 4, 9), "/metadata/name", "error");
        assertEquals(ExitCode.CONFIG_ERRORS, ExitCode.of(d));
        d.report(Code.INTERNAL_ERROR, new Location("namespaces/team/job.yaml", 9, 20), "/spec", "bug");
        assertEquals(ExitCode.INTERNAL, ExitCode.of(d));
    }
}
