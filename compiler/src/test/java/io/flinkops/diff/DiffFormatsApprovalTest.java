package io.flinkops.diff;

import io.flinkops.cli.ExitCode;
import io.flinkops.testing.CliRun;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three formats on one pull request with several kinds of change (diff case {@code pull-request}): a restart
 * with last-state, a suspend, a deleted running job, a session cluster change restarting its job, a new deployment.
 */
class DiffFormatsApprovalTest {
    @TempDir
    Path tmp;

    private CliRun diff(String format, String... more) throws Exception {
        Path repo = DiffCases.repo(tmp, "pull-request");
        String[] args = new String[6 + more.length];
        System.arraycopy(new String[]{"diff", repo.toString(), "--base", "HEAD~1", "--format", format}, 0, args, 0, 6);
        System.arraycopy(more, 0, args, 6, more.length);
        CliRun run = CliRun.of(args);
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals("", run.err());
        return run;
    }

    @Test
    void text() throws Exception {
        Approvals.verify(diff("text").out());
    }

    @Test
    void markdown() throws Exception {
        Approvals.verify(diff("markdown").out(), new Options().forFile().withExtension(".md"));
    }

    @Test
    void json() throws Exception {
        Approvals.verify(diff("json").out(), new Options().forFile().withExtension(".json"));
    }

    /** The formats with a status branch (diff case {@code live-state}): what runs now, and how it changes the verdicts. */
    private CliRun diffWithLiveState(String format) throws Exception {
        Path repo = DiffCases.repo(tmp, "live-state");
        CliRun run = CliRun.of("diff", repo.toString(), "--base", "HEAD~1", "--format", format, "--now", DiffCases.NOW.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        return run;
    }

    @Test
    void textWithLiveState() throws Exception {
        Approvals.verify(diffWithLiveState("text").out());
    }

    @Test
    void markdownWithLiveState() throws Exception {
        Approvals.verify(diffWithLiveState("markdown").out(), new Options().forFile().withExtension(".md"));
    }

    @Test
    void failOnLossBlocksThePullRequestThatDeletesARunningJob() throws Exception {
        Path repo = DiffCases.repo(tmp, "pull-request");
        CliRun loss = CliRun.of("diff", repo.toString(), "--base", "HEAD~1", "--fail-on", "loss");
        assertEquals(ExitCode.CONFIG_ERRORS, loss.exitCode());
        assertTrue(loss.err().contains("1 deployment has state risk `loss` or higher (--fail-on loss)"), loss.err());
        CliRun possible = CliRun.of("diff", repo.toString(), "--base", "HEAD~1", "--fail-on", "possible");
        assertEquals(ExitCode.CONFIG_ERRORS, possible.exitCode());
        assertEquals(ExitCode.OK, CliRun.of("diff", repo.toString(), "--base", "HEAD~1").exitCode());
    }

    @Test
    void failOnIsNotMetBySafeChanges() throws Exception {
        Path repo = DiffCases.repo(tmp, "spec-change-running-stateful");
        CliRun run = CliRun.of("diff", repo.toString(), "--base", "HEAD~1", "--fail-on", "possible");
        assertEquals(ExitCode.OK, run.exitCode(), run.err());
    }
}
