package io.flinkops.plan;

import io.flinkops.model.DeploymentSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The state × upgrade × restore table of docs/render-mapping.md, row by row. */
class JobModesTest {

    private static DeploymentSpec spec(String state, String upgrade, String restore) {
        return new DeploymentSpec(nul(state), null, null,
                nul(upgrade) == null ? null : new DeploymentSpec.KindRef(upgrade),
                nul(restore) == null ? null : new DeploymentSpec.RestoreStrategy(restore, null),
                null, null, null, null);
    }

    private static String nul(String s) {
        return s == null || s.equals("-") ? null : s;
    }

    @ParameterizedTest(name = "{0} {1} {2} session={3} operator {4} -> {5} {6}")
    @CsvSource({
            // state,   upgrade,   restore,          session, operator, job state, upgrade mode
            "RUNNING,   STATEFUL,  LATEST_STATE,     false,   1.15,     running,   last-state",
            "RUNNING,   STATEFUL,  LATEST_SAVEPOINT, false,   1.15,     running,   savepoint",
            "RUNNING,   STATEFUL,  NONE,             false,   1.15,     running,   stateless",
            "RUNNING,   STATELESS, LATEST_STATE,     false,   1.15,     running,   stateless",
            "RUNNING,   STATELESS, LATEST_SAVEPOINT, false,   1.15,     running,   stateless",
            "RUNNING,   STATELESS, NONE,             false,   1.15,     running,   stateless",
            "RUNNING,   NONE,      LATEST_STATE,     false,   1.15,     running,   last-state",
            "RUNNING,   NONE,      LATEST_SAVEPOINT, false,   1.15,     running,   savepoint",
            "RUNNING,   NONE,      NONE,             false,   1.15,     running,   stateless",
            "RUNNING,   -,         -,                false,   1.15,     running,   stateless",
            "RUNNING,   -,         LATEST_STATE,     false,   1.15,     running,   last-state",
            "-,         STATEFUL,  LATEST_STATE,     false,   1.15,     running,   last-state",
            // Session jobs: last-state from operator 1.10 on, savepoint before.
            "RUNNING,   STATEFUL,  LATEST_STATE,     true,    1.10,     running,   last-state",
            "RUNNING,   STATEFUL,  LATEST_STATE,     true,    1.15,     running,   last-state",
            "RUNNING,   STATEFUL,  LATEST_STATE,     true,    1.9,      running,   savepoint",
            "RUNNING,   STATEFUL,  LATEST_STATE,     true,    1.7,      running,   savepoint",
            "RUNNING,   STATEFUL,  LATEST_STATE,     false,   1.7,      running,   last-state",
            // SUSPENDED always suspends with a savepoint; CANCELLED cancels without one.
            "SUSPENDED, STATEFUL,  LATEST_STATE,     false,   1.15,     suspended, savepoint",
            "SUSPENDED, STATELESS, NONE,             false,   1.15,     suspended, savepoint",
            "SUSPENDED, STATEFUL,  LATEST_STATE,     true,    1.9,      suspended, savepoint",
            "CANCELLED, STATEFUL,  LATEST_STATE,     false,   1.15,     suspended, stateless",
            "CANCELLED, STATELESS, NONE,             true,    1.15,     suspended, stateless"})
    void mapsStateAndStrategies(String state, String upgrade, String restore, boolean session, String operator,
                                String jobState, String upgradeMode) {
        JobModes.JobState js = JobModes.of(spec(state, upgrade, restore), session, operator);
        assertEquals(jobState, js.state());
        assertEquals(upgradeMode, js.upgradeMode());
    }

    @ParameterizedTest
    @CsvSource({"1.9, 1.10, -1", "1.10, 1.10, 0", "1.15, 1.10, 1", "2.0, 1.15, 1", "1.7, 1.7.0, 0"})
    void comparesVersionsNumerically(String a, String b, int sign) {
        assertEquals(sign, Integer.signum(io.flinkops.model.FlinkVersions.compare(a, b)));
    }
}
