package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `flinkops policy test`: PASS/FAIL per case, a summary, exit 1 when a case fails or a policy does not compile. */
class PolicyCommandTest {

    private static Path repo(Path dir, String policies) throws Exception {
        Path repo = dir.resolve("repo");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        Files.writeString(repo.resolve("flinkops.yaml"), Files.readString(repo.resolve("flinkops.yaml")) + "\n  policies:\n" + policies.indent(4));
        return repo;
    }

    private static final String CAP = """
            - name: parallelism-cap
              expression: "!has(plan.parallelism) || plan.parallelism <= 64"
              tests:
                - {name: small, expect: pass, object: {spec: {template: {spec: {parallelism: 4}}}}}
                - {name: big, expect: fail, object: {spec: {template: {spec: {parallelism: 128}}}}}
            """;

    @Test
    void passingCasesExitZero(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("policy", "test", repo(dir, CAP).toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("PASS  parallelism-cap: small\nPASS  parallelism-cap: big\n" + "-".repeat(60) + "\nPASS: 2/2\n", run.out());
    }

    @Test
    void aWrongVerdictFailsWithWhatItGot(@TempDir Path dir) throws Exception {
        String wrong = CAP + """
                - name: untested
                  expression: "true"
                """;
        wrong = wrong.replace("{name: big, expect: fail", "{name: big, expect: pass");
        CliRun run = CliRun.of("policy", "test", repo(dir, wrong).toString());
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode());
        assertTrue(run.out().contains("FAIL  parallelism-cap: big (expected pass, got fail)"), run.out());
        assertTrue(run.out().endsWith("PASS: 1/2\nFAIL: 1/2\n1 policy has no tests.\n"), run.out());
    }

    @Test
    void aPolicyThatDoesNotCompileIsReportedWithItsPositionAndFailsItsCases(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("policy", "test", repo(dir, CAP.replace("plan.parallelism <= 64", "plan.paralelism <= 64")).toString());
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode());
        assertTrue(run.err().contains("error[FO952]: Policy `parallelism-cap`: the expression does not compile: undefined field 'paralelism'."), run.err());
        assertTrue(run.out().contains("FAIL  parallelism-cap: small (expected pass, got does not compile: undefined field 'paralelism')"), run.out());
        assertFalse(run.showsStackTrace());
    }

    @Test
    void aRepoWithoutPoliciesHasNothingToTest() {
        CliRun run = CliRun.of("policy", "test", TestRepos.examplesRepo().toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertTrue(run.out().endsWith("PASS: 0/0\n"), run.out());
    }

    @Test
    void policyAloneAsksForItsSubcommand() {
        CliRun run = CliRun.of("policy");
        assertEquals(ExitCode.USAGE, run.exitCode());
        assertTrue(run.err().contains("flinkops policy test"), run.err());
    }

    @Test
    void aCasesPlanFactsAreWorkedOutAsThePlanStageDoes(@TempDir Path dir) throws Exception {
        String policies = """
                - name: stateful-jobs-keep-checkpoints
                  match: {kinds: [Deployment]}
                  expression: "!plan.stateful || plan.upgradeMode == 'last-state'"
                  tests:
                    - {name: last-state, expect: pass, object: {spec: {upgradeStrategy: {kind: STATEFUL}, restoreStrategy: {kind: LATEST_STATE}}}}
                    - {name: savepoint, expect: fail, object: {spec: {upgradeStrategy: {kind: STATEFUL}, restoreStrategy: {kind: LATEST_SAVEPOINT}}}}
                    - {name: stateless, expect: pass, object: {spec: {upgradeStrategy: {kind: STATELESS}}}}
                - name: running-parallelism
                  match: {kinds: [Deployment]}
                  expression: "plan.parallelism == 8"
                  tests:
                    - {name: replicas times slots, expect: pass, object: {spec: {template: {spec: {parallelism: 2, numberOfTaskManagers: 4, flinkConfiguration: {taskmanager.numberOfTaskSlots: "2"}}}}}}
                    - {name: declared, expect: pass, object: {spec: {template: {spec: {parallelism: 8}}}}}
                """;
        CliRun run = CliRun.of("policy", "test", repo(dir, policies).toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().endsWith("PASS: 5/5\n"), run.out());
    }
}
