package io.flinkops.agent.cycle;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.source.Sources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The desired state of a commit carries, for every deployment its cluster runs, the VVP state the plan gives it: the
 * agent's status says what a deployment should be in from the plan, not by reading it back out of rendered objects.
 */
class DesiredStateTest {

    @Test
    void everyPlacedDeploymentOfTheClusterHasItsStateFromThePlan() throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(Path.of("../examples/repo")), Optional.of("prod-eu"));
        assertFalse(c.hasErrors(), () -> c.diagnostics().sorted().toString());
        DesiredState desired = DesiredState.of("prod-eu", "abc123", c);

        long placed = c.plan().placed().filter(p -> p.placement().orElseThrow().cluster().equals("prod-eu")).count();
        assertEquals(placed, desired.desiredStates().size());
        c.plan().placed().filter(p -> p.placement().orElseThrow().cluster().equals("prod-eu")).forEach(p ->
                assertEquals(p.job().map(j -> j.vvpState()).orElse("RUNNING"), desired.desiredStates().get(p.namespace() + "/" + p.name())));
        assertEquals("CANCELLED", desired.desiredStates().get("analytics/ab-test-exposure-join"));
        assertEquals("abc123", desired.sourceCommit());
    }
}
