package io.flinkops.agent.git;

import io.flinkops.agent.cycle.Backoff;
import io.flinkops.agent.cycle.Cycle;
import io.flinkops.agent.cycle.CycleReport;
import io.flinkops.agent.cycle.Outcome;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.Recovery;
import io.flinkops.agent.cycle.Step;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.cycle.StepReport;
import io.flinkops.agent.record.StatusRecorder;
import io.flinkops.agent.testing.FakeClusterSteps;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A Git remote that accepts the TCP connection and never answers (a hung server, a proxy that swallows the traffic):
 * every call to it gives up after the Git timeout with {@link Reason#GIT_TIMEOUT}, so a cycle never hangs. Before,
 * JGit's {@code git://} reads ignored the timeout and the cycle waited for ever.
 */
@Timeout(60)
class GitTimeoutTest {
    static final String CLUSTER = "prod-eu";

    @TempDir
    Path tmp;
    /** Accepts connections on 127.0.0.1 and never writes a byte. */
    ServerSocket silent;
    final List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
    final List<ConfigRepo> opened = new ArrayList<>();
    FakeClusterSteps kube = new FakeClusterSteps();

    @BeforeEach
    void listen() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            try {
                while (true) accepted.add(silent.accept());
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-git-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException {
        opened.forEach(ConfigRepo::close);
        silent.close();
        synchronized (accepted) {
            for (Socket s : accepted) s.close();
        }
    }

    String silentUrl() {
        return "git://127.0.0.1:" + silent.getLocalPort() + "/remote.git";
    }

    ConfigRepo open(String url) throws IOException {
        ConfigRepo repo = ConfigRepo.open(tmp.resolve("agent-work"), url, "main", "config", StatusFiles.DEFAULT_BRANCH, GitCredentials.none(),
                ConfigRepo.Options.defaults().withTimeout(Duration.ofSeconds(1)));
        opened.add(repo);
        return repo;
    }

    Cycle cycle(ConfigRepo repo) {
        return new Cycle(CLUSTER, repo, kube, new StatusRecorder(repo, CLUSTER, 2), new Backoff(2, Duration.ofMillis(10), Duration.ofMillis(10)),
                d -> { }, Clock.systemUTC());
    }

    @Test
    void aRemoteThatNeverAnswersFailsTheFetchWithinTheTimeoutAndIsRetriedSoon() throws Exception {
        ConfigRepo repo = open(silentUrl());
        long start = System.nanoTime();
        CycleReport report = cycle(repo).run();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        StepReport fetch = report.step(Step.FETCH).orElseThrow();
        assertEquals(Reason.GIT_TIMEOUT, fetch.failure().orElseThrow().reason(), fetch.toString());
        assertEquals(Recovery.RETRY_SOON, fetch.failure().orElseThrow().recovery());
        assertEquals(2, fetch.attempts());
        assertEquals(Outcome.FAILED_RETRY_SOON, report.outcome());
        String message = fetch.failure().orElseThrow().message();
        assertTrue(message.contains("did not answer within 1 s") && message.contains("127.0.0.1:" + silent.getLocalPort()), message);
        assertEquals("the Git remote is unreachable", report.step(Step.RECORD).orElseThrow().skipReason());
        assertTrue(kube.appliedCommits.isEmpty());
        assertFalse(accepted.isEmpty(), "the server did accept the connections");
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "two attempts of a 1 s timeout took " + took);
    }

    @Test
    void theLoopsLsRemoteGivesUpTooSoTheAgentKeepsPolling() throws Exception {
        ConfigRepo repo = open(silentUrl());
        long start = System.nanoTime();
        StepFailure f = assertThrows(StepFailure.class, repo::remoteHead);
        assertEquals(Reason.GIT_TIMEOUT, f.reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    }

    @Test
    void aPushToARemoteThatNeverAnswersGivesUpAndIsRetriedSoon() throws Exception {
        try (GitFixture fixture = new GitFixture(tmp.resolve("git"))) {
            ConfigRepo repo = open(fixture.fileUrl());
            // Fetch from the real remote, push to the silent one (git's remote.<name>.pushurl).
            StoredConfig config = repo.repository().getConfig();
            config.setString("remote", ConfigRepo.REMOTE, "pushurl", silentUrl());
            config.save();
            long start = System.nanoTime();
            CycleReport report = cycle(repo).run();
            StepReport record = report.step(Step.RECORD).orElseThrow();
            assertEquals(Reason.GIT_TIMEOUT, record.failure().orElseThrow().reason(), record.toString());
            assertEquals(2, record.attempts());
            assertEquals(Outcome.FAILED_RETRY_SOON, report.outcome());
            assertEquals(1, kube.appliedCommits.size(), "fetch, build and apply went on");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(20)) < 0);
        }
    }
}
