package io.flinkops.agent.cycle;

import io.flinkops.Compiler;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.source.SourceException;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Compiles one commit with the same compiler as the CLI, for this agent's cluster only. A commit always compiles to
 * the same desired state (the compile reads only the commit's Git objects), so the last one is kept: a cycle with no
 * new commit does not compile again.
 *
 * <p>A compile gets {@code timeout}: it runs on a thread of its own, and a compile that takes longer is a
 * {@link Reason#COMPILE_TIMEOUT} failure of the build step, so nothing is applied and the cycle goes on to observe and
 * record. Java cannot stop a thread safely, so the late compile is interrupted and left to finish (the compiler's own
 * limits, such as the log template budget, bound it); until it has, no other compile starts, so a repo that always
 * takes too long costs one thread, never one per cycle. Its result is discarded: each attempt has the same timeout.
 */
public final class ConfigBuilder {
    /** About 15 times what rendering the 10,000-deployment benchmark repo takes on two cores (7.9 s, docs/performance.md). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    /** Compiles a commit into the desired state of this agent's cluster. */
    interface Compile {
        DesiredState compile(String commit) throws SourceException, IOException;
    }

    private final Duration timeout;
    private final Compile compile;
    /** The repository the commits are read from, repaired when a compile finds it damaged; null in tests of the timeout. */
    private final ConfigRepo repo;
    private final ExecutorService compiler = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flinkops-compile");
        t.setDaemon(true);
        return t;
    });
    /** Held by the compile that runs: one that ran out of time holds it until it has ended. */
    private final Semaphore running = new Semaphore(1);
    private DesiredState last;
    /** The commit of the last compile that ran out of time. */
    private String lateCommit;

    public ConfigBuilder(String cluster, ConfigRepo repo) {
        this(cluster, repo, DEFAULT_TIMEOUT);
    }

    public ConfigBuilder(String cluster, ConfigRepo repo, Duration timeout) {
        this(commit -> DesiredState.of(cluster, commit, new Compiler().compile(repo.source(commit), Optional.of(cluster))), timeout, repo);
    }

    ConfigBuilder(Compile compile, Duration timeout) {
        this(compile, timeout, null);
    }

    private ConfigBuilder(Compile compile, Duration timeout, ConfigRepo repo) {
        this.compile = compile;
        this.timeout = timeout;
        this.repo = repo;
    }

    public DesiredState build(String commit) throws StepFailure {
        if (last != null && last.sourceCommit().equals(commit)) return last;
        if (!running.tryAcquire()) {
            throw new StepFailure(Reason.COMPILE_TIMEOUT, "The compile of commit " + lateCommit + " of the config repo, which took longer "
                    + "than the compile timeout of " + describe(timeout) + ", is still running, so commit " + commit + " was not compiled "
                    + "and nothing was applied or pruned. " + advice());
        }
        Future<DesiredState> compiling;
        try {
            compiling = compiler.submit(() -> {
                try {
                    return compile.compile(commit);
                } finally {
                    running.release();
                }
            });
        } catch (RuntimeException e) {
            running.release();
            throw e;
        }
        try {
            last = compiling.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return last;
        } catch (TimeoutException e) {
            compiling.cancel(true);
            lateCommit = commit;
            throw new StepFailure(Reason.COMPILE_TIMEOUT, "Commit " + commit + " of the config repo took longer than the compile timeout of "
                    + describe(timeout) + " to compile, so nothing was applied or pruned and what runs keeps running. " + advice(), e);
        } catch (InterruptedException e) {
            compiling.cancel(true);
            Thread.currentThread().interrupt();
            throw new StepFailure(Reason.COMPILE_TIMEOUT, "The agent was stopped while it compiled commit " + commit + ".", e);
        } catch (ExecutionException e) {
            throw failure(commit, e.getCause());
        }
    }

    private StepFailure failure(String commit, Throwable cause) {
        // A commit whose objects cannot be read is the local repository's damage, not the config's: repair, then retry.
        if (repo != null && cause instanceof Exception e && ConfigRepo.isLocalDamage(e)) return repo.localFailure("read commit " + commit, e);
        if (cause instanceof SourceException e) {
            return new StepFailure(Reason.CONFIG_UNREADABLE, "Cannot read commit " + commit + " of the config repo: " + e.getMessage() + ". "
                    + "Check the agent's branch and path settings.", e);
        }
        if (cause instanceof IOException e) {
            return new StepFailure(Reason.WORK_DIR_UNUSABLE, "Cannot prepare the agent's work directory: " + e.getMessage() + ". "
                    + "Check the agent's work directory volume.", e);
        }
        if (cause instanceof RuntimeException e) throw e;
        if (cause instanceof Error e) throw e;
        return new StepFailure(Reason.UNEXPECTED, "The compile of commit " + commit + " failed: " + cause + ".", cause);
    }

    private static String advice() {
        return "Run `flinkops validate` on the commit to see what takes long; raise --compile-timeout only if the repo is simply that large.";
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
