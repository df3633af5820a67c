package io.flinkops.agent.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.agent.Main;
import io.flinkops.agent.cycle.Backoff;
import io.flinkops.agent.cycle.Cycle;
import io.flinkops.agent.cycle.CycleReport;
import io.flinkops.agent.cycle.Outcome;
import io.flinkops.agent.cycle.Problem;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.Step;
import io.flinkops.agent.record.StatusRecorder;
import io.flinkops.agent.testing.FakeClusterSteps;
import io.flinkops.agent.testing.GitFixture;
import io.flinkops.agent.testing.HoldLock;
import io.flinkops.status.AgentStatus;
import io.flinkops.status.StatusBranch;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a kill -9 (or a full disk) leaves in the agent's work directory, each kind of damage made by hand in a real
 * JGit repository between two cycles against a real bare remote (file://): the agent repairs it, says so
 * ({@code WORK_DIR_REPAIRED}), and never applies an old commit, freezes the status branch, crash-loops, or blames the
 * network.
 */
class WorkDirDamageTest {
    static final String CLUSTER = "prod-eu";
    static final String STATUS = "refs/heads/" + StatusFiles.DEFAULT_BRANCH;

    @TempDir
    Path tmp;
    GitFixture fixture;
    FakeClusterSteps kube;
    final List<String> repairs = new ArrayList<>();
    final List<ConfigRepo> opened = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fixture = new GitFixture(tmp.resolve("git"));
        kube = new FakeClusterSteps();
    }

    @AfterEach
    void tearDown() {
        opened.forEach(ConfigRepo::close);
        fixture.close();
    }

    Path work() {
        return tmp.resolve("agent-work");
    }

    Path dotGit() {
        return work().resolve(".git");
    }

    /** The agent's repository, as a (re)started agent opens it. */
    ConfigRepo open() throws Exception {
        ConfigRepo repo = ConfigRepo.open(work(), fixture.fileUrl(), "main", "config", StatusFiles.DEFAULT_BRANCH, GitCredentials.none(),
                ConfigRepo.Options.defaults().withRepairs(repairs::add));
        opened.add(repo);
        return repo;
    }

    Cycle cycle(ConfigRepo repo) {
        return new Cycle(CLUSTER, repo, kube, new StatusRecorder(repo, CLUSTER, 5), new Backoff(3, Duration.ofMillis(10), Duration.ofMillis(40)),
                d -> { }, Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC));
    }

    static void assertSucceeded(CycleReport r) {
        assertEquals(Outcome.SUCCEEDED, r.outcome(), () -> r.summary().problems().toString());
    }

    /** Local damage is never reported as the network's. */
    static void assertNoNetworkBlame(CycleReport r) {
        for (var s : r.steps()) {
            for (Problem p : s.problems()) assertNotEquals(Reason.GIT_UNREACHABLE, p.reason(), p.toString());
        }
    }

    String pushNewConfigCommit() throws Exception {
        fixture.write("config/README.extra", "moved at " + System.nanoTime() + "\n");
        return fixture.commitAndPush("a new config commit");
    }

    StatusBranch remoteStatus() throws Exception {
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository()) {
            return StatusBranch.read(r, STATUS, "origin").orElseThrow();
        }
    }

    AgentStatus agentStatus() throws Exception {
        return remoteStatus().agents().stream().filter(a -> CLUSTER.equals(a.cluster())).findFirst().orElseThrow();
    }

    ObjectId remoteStatusTip() throws Exception {
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository()) {
            return r.exactRef(STATUS).getObjectId();
        }
    }

    boolean repaired(String text) {
        return repairs.stream().anyMatch(r -> r.contains(text));
    }

    @Test
    void aStaleLockOnTheConfigTrackingRefIsRemovedSoTheNewCommitIsAppliedNotTheOldOne() throws Exception {
        Cycle cycle = cycle(open());
        String c1 = fixture.human().getRepository().resolve("HEAD").name();
        assertSucceeded(cycle.run());
        assertEquals(List.of(c1), kube.appliedCommits);

        // Killed while a fetch held the tracking ref's lock. Before, every later fetch left the ref at c1 without an
        // error, and the agent kept applying c1 and reporting SUCCEEDED: a replica could roll the cluster back.
        Files.writeString(dotGit().resolve("refs/remotes/origin/main.lock"), "");
        String c2 = pushNewConfigCommit();
        CycleReport second = cycle.run();
        assertSucceeded(second);
        assertEquals(c2, second.sourceCommit());
        assertEquals(List.of(c1, c2), kube.appliedCommits);
        assertEquals(c2, agentStatus().lastAppliedRevision());
        assertTrue(repaired("refs/remotes/origin/main.lock"), repairs.toString());
        assertFalse(Files.exists(dotGit().resolve("refs/remotes/origin/main.lock")));
    }

    @Test
    void aTrackingRefThatDoesNotMoveIsDamageNotSuccess_theRepositoryIsRecreated() throws Exception {
        Cycle cycle = cycle(open());
        assertSucceeded(cycle.run());
        // A lock the agent does not remove (a directory, not a stale file): JGit cannot take it, reports the ref as
        // not updated in its result and throws nothing. The check against what the remote advertised catches it.
        Files.createDirectories(dotGit().resolve("refs/remotes/origin/main.lock/left-over"));
        String c2 = pushNewConfigCommit();
        CycleReport second = cycle.run();
        assertSucceeded(second);
        assertNoNetworkBlame(second);
        assertEquals(c2, second.sourceCommit(), "never the commit the tracking ref was stuck at");
        assertEquals(c2, kube.appliedCommits.get(kube.appliedCommits.size() - 1));
        assertEquals(1, second.step(Step.FETCH).orElseThrow().attempts(), "repaired within the fetch");
        assertTrue(repaired("re-created the agent's Git repository") && repaired("refs/remotes/origin/main"), repairs.toString());
        assertEquals(c2, agentStatus().lastAppliedRevision());
    }

    @Test
    void aStaleLockOnTheLocalStatusBranchNoLongerFreezesTheStatusBranch() throws Exception {
        Cycle cycle = cycle(open());
        assertSucceeded(cycle.run());
        ObjectId before = remoteStatusTip();
        Files.writeString(dotGit().resolve("refs/heads/flinkops/status.lock"), "");
        kube.state = "FAILED";
        CycleReport second = cycle.run();
        assertSucceeded(second);
        assertTrue(second.statusCommit().isPresent());
        assertNotEquals(before, remoteStatusTip());
        remoteStatus().deployments().forEach(d -> assertEquals("FAILED", d.state()));
        assertTrue(repaired("refs/heads/flinkops/status.lock"), repairs.toString());
    }

    @Test
    void aStaleConfigLockNoLongerStopsTheAgentFromStarting_andTheRepairIsLoggedWithItsReason() throws Exception {
        String[] args = {"--once", "--cluster", CLUSTER, "--repo-url", fixture.fileUrl(), "--path", "config", "--work-dir", work().toString(),
                "--retry-initial", "10ms", "--http-port", "0"};
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        assertEquals(0, Main.run(args, Map.of(), (client, s) -> kube, new PrintStream(first, true, StandardCharsets.UTF_8)), first.toString());

        // Killed while it wrote its config: before, every start failed on the lock ("could not start"), a crash loop.
        Files.writeString(dotGit().resolve("config.lock"), "");
        kube.state = "SUSPENDED";
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        int code = Main.run(args, Map.of(), (client, s) -> kube, new PrintStream(second, true, StandardCharsets.UTF_8));
        String out = second.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        List<JsonNode> repairLines = new ArrayList<>();
        for (String line : out.split("\n")) {
            JsonNode json = new ObjectMapper().readTree(line);
            if (json.path("msg").asText().startsWith("work directory repaired")) repairLines.add(json);
        }
        assertEquals(1, repairLines.size(), out);
        assertEquals("WORK_DIR_REPAIRED", repairLines.get(0).get("reason").asText());
        assertEquals("warn", repairLines.get(0).get("level").asText());
        assertTrue(repairLines.get(0).get("msg").asText().contains("config.lock"), out);
        remoteStatus().deployments().forEach(d -> assertEquals("SUSPENDED", d.state()));
    }

    @Test
    void aGarbageHeadMakesTheAgentRecreateItsRepositoryAndLoseNothing() throws Exception {
        assertSucceeded(cycle(open()).run());
        ObjectId before = remoteStatusTip();
        opened.remove(0).close();
        Files.write(dotGit().resolve("HEAD"), new byte[]{0, 1, 2, 'g', 'a', 'r', 'b', 'a', 'g', 'e'});

        kube.state = "CANCELLED";
        CycleReport after = cycle(open()).run(); // before, the agent could not start at all
        assertSucceeded(after);
        assertTrue(repaired("re-created the agent's Git repository") && repaired("cannot be opened"), repairs.toString());
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository(); RevWalk w = new RevWalk(r)) {
            assertEquals(before, w.parseCommit(r.resolve(STATUS)).getParent(0).getId(), "the new status commit builds on the remote's tip");
        }
        remoteStatus().deployments().forEach(d -> assertEquals("CANCELLED", d.state()));
    }

    /** Truncates every loose object of the agent's repository to zero bytes, as a crash before the data reached the disk does. */
    int truncateLooseObjects() throws Exception {
        List<Path> loose;
        try (Stream<Path> s = Files.walk(dotGit().resolve("objects"))) {
            loose = s.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}")).toList();
        }
        for (Path p : loose) {
            p.toFile().setWritable(true);
            Files.write(p, new byte[0]);
        }
        return loose.size();
    }

    @Test
    void emptyLooseObjectsFoundByAFetchAreRepairedNotReportedAsANetworkProblem() throws Exception {
        Cycle cycle = cycle(open());
        assertSucceeded(cycle.run());
        assertTrue(truncateLooseObjects() > 0, "the status commit was written as loose objects");
        // A person commits to the status branch meanwhile: the fetch negotiates with the broken local commits.
        // Before, that failed with "Short read of block" and was reported as GIT_UNREACHABLE on every cycle.
        humanPushesNote("NOTES.md");
        kube.state = "SUSPENDED";
        CycleReport second = cycle.run();
        assertSucceeded(second);
        assertNoNetworkBlame(second);
        assertTrue(repaired("re-created the agent's Git repository"), repairs.toString());
        try (Repository r = Git.open(fixture.bare.toFile()).getRepository()) {
            assertNotNull(TreeWalk.forPath(r, "NOTES.md", r.parseCommit(r.resolve(STATUS)).getTree()), "the person's commit is kept");
        }
        remoteStatus().deployments().forEach(d -> assertEquals("SUSPENDED", d.state()));
    }

    @Test
    void emptyLooseObjectsAreFoundInTheSameProcessEvenWhenNothingMovedOnTheRemote() throws Exception {
        Cycle cycle = cycle(open());
        assertSucceeded(cycle.run());
        truncateLooseObjects();
        kube.state = "FAILED";
        CycleReport second = cycle.run();
        assertSucceeded(second);
        assertNoNetworkBlame(second);
        assertTrue(repaired("re-created the agent's Git repository"), repairs.toString());
        remoteStatus().deployments().forEach(d -> assertEquals("FAILED", d.state()));
    }

    @Test
    void emptyLooseObjectsAreRepairedWhenARestartedAgentOpensItsRepository() throws Exception {
        assertSucceeded(cycle(open()).run());
        opened.remove(0).close();
        truncateLooseObjects();
        ConfigRepo repo = open();
        assertTrue(repaired("re-created the agent's Git repository") && repaired("cannot be read"), repairs.toString());
        kube.state = "FAILED";
        CycleReport after = cycle(repo).run();
        assertSucceeded(after);
        remoteStatus().deployments().forEach(d -> assertEquals("FAILED", d.state()));
    }

    @Test
    void anEmptyBlobBelowTheTipsIsFoundWhenTheAgentStarts() throws Exception {
        assertSucceeded(cycle(open()).run());
        opened.remove(0).close();
        // Only the status files' blobs: every ref and its top tree still read, the scan of loose objects finds them.
        List<Path> blobs = new ArrayList<>();
        try (Repository r = Git.open(work().toFile()).getRepository(); Stream<Path> s = Files.walk(dotGit().resolve("objects"))) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}")).toList()) {
                ObjectId id = ObjectId.fromString(p.getParent().getFileName().toString() + p.getFileName());
                if (r.open(id).getType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB) blobs.add(p);
            }
        }
        assertFalse(blobs.isEmpty());
        for (Path p : blobs) {
            p.toFile().setWritable(true);
            Files.write(p, new byte[0]);
        }
        ConfigRepo repo = open();
        assertTrue(repaired("re-created the agent's Git repository") && repaired("is empty"), repairs.toString());
        kube.state = "SUSPENDED";
        assertSucceeded(cycle(repo).run());
        remoteStatus().deployments().forEach(d -> assertEquals("SUSPENDED", d.state()));
    }

    @Test
    void otherStaleLocksAreRemovedAtStartAndSaidSo() throws Exception {
        assertSucceeded(cycle(open()).run());
        opened.remove(0).close();
        for (String lock : List.of("packed-refs.lock", "index.lock", "HEAD.lock")) Files.writeString(dotGit().resolve(lock), "");
        ConfigRepo repo = open();
        for (String lock : List.of("packed-refs.lock", "index.lock", "HEAD.lock")) {
            assertTrue(repaired(lock), repairs.toString());
            assertFalse(Files.exists(dotGit().resolve(lock)), lock);
        }
        String c2 = pushNewConfigCommit();
        CycleReport after = cycle(repo).run();
        assertSucceeded(after);
        assertEquals(c2, after.sourceCommit());
    }

    @Test
    void aSecondAgentProcessOnTheSameWorkDirectoryIsRefused() throws Exception {
        open();
        // The premise of removing stale locks is that the agent is the only writer of its work directory: another
        // process (here a child JVM holding the OS lock) makes a second agent stop at startup instead of racing it.
        Path lockFile = work().resolve(WorkDir.OWNER_LOCK);
        assertTrue(Files.exists(lockFile));
        opened.remove(0).close();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(), lockFile.toString())
                .redirectErrorStream(true).start();
        try {
            String ready = new String(holder.getInputStream().readNBytes(7), StandardCharsets.UTF_8);
            assertEquals("locked\n", ready);
            var e = assertThrows(java.io.IOException.class, this::open);
            assertTrue(e.getMessage().contains("in use by another flinkops agent process"), e.getMessage());
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    @Test
    void jgitsAutomaticGcRunsOnTheAgentsThreadNotInTheBackground() throws Exception {
        // A background gc takes locks of its own (gc.log.lock, packed-refs.lock) while the agent goes on: the agent
        // would no longer be the only writer, and a re-create raced it. In the foreground it runs between operations.
        ConfigRepo repo = open();
        assertFalse(repo.repository().getConfig().getBoolean("gc", "autoDetach", true));
        assertSucceeded(cycle(repo).run());
        assertFalse(Files.exists(dotGit().resolve("gc.log.lock")));
    }

    void humanPushesNote(String file) throws Exception {
        Path dir = tmp.resolve("other-" + System.nanoTime());
        try (Git other = Git.cloneRepository().setURI(fixture.fileUrl()).setBranch(StatusFiles.DEFAULT_BRANCH).setDirectory(dir.toFile()).call()) {
            Files.writeString(dir.resolve(file), "a human was here\n");
            other.add().addFilepattern(file).call();
            other.commit().setMessage("human note").setAuthor(new PersonIdent("Human", "h@example.com"))
                    .setCommitter(new PersonIdent("Human", "h@example.com")).call();
            other.push().setRefSpecs(new RefSpec(STATUS + ":" + STATUS)).call();
        }
    }
}
