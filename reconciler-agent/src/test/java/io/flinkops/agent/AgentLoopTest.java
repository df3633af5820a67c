package io.flinkops.agent;

import io.flinkops.agent.cycle.Backoff;
import io.flinkops.agent.cycle.Cycle;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.agent.git.GitCredentials;
import io.flinkops.agent.record.StatusRecorder;
import io.flinkops.agent.server.Metrics;
import io.flinkops.agent.testing.FakeClusterSteps;
import io.flinkops.agent.testing.GitFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentLoopTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(60)
    void aMovedConfigBranchStartsTheNextCycleBeforeTheInterval() throws Exception {
        try (GitFixture fixture = new GitFixture(tmp.resolve("git"));
             ConfigRepo repo = ConfigRepo.open(tmp.resolve("work"), fixture.fileUrl(), "main", "config", "flinkops/status", GitCredentials.none())) {
            FakeClusterSteps kube = new FakeClusterSteps();
            Cycle cycle = new Cycle("prod-eu", repo, kube, new StatusRecorder(repo, "prod-eu", 3), new Backoff(2, Duration.ofMillis(5), Duration.ofMillis(5)),
                    d -> { }, Clock.systemUTC());
            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            AgentLoop loop = new AgentLoop(cycle, repo, new Metrics("prod-eu"), JsonLog.to(new PrintStream(logs, true)),
                    Clock.systemUTC(), Duration.ofHours(1), Duration.ofMillis(50), Duration.ofSeconds(1));
            Thread t = new Thread(() -> {
                try {
                    loop.run(() -> kube.appliedCommits.size() < 2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            while (kube.appliedCommits.isEmpty()) Thread.sleep(20);
            fixture.write("config/README.extra", "moved\n");
            String moved = fixture.commitAndPush("move the branch");
            t.join(30_000);
            assertEquals(2, kube.appliedCommits.size());
            assertEquals(moved, kube.appliedCommits.get(1));
            assertTrue(logs.toString().contains("the config branch moved"), logs.toString());
            assertTrue(loop.completedOne());
            assertTrue(loop.alive(Duration.ofMinutes(1)));
        }
    }
}
