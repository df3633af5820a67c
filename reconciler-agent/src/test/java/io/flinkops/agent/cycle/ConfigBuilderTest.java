package io.flinkops.agent.cycle;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.source.Sources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compile timeout of the build step: a compile that takes too long applies nothing, and the agent goes on. */
class ConfigBuilderTest {
    static Compilation examples;

    @BeforeAll
    static void compileOnce() throws Exception {
        examples = new Compiler().compile(Sources.workingTree(Path.of("../examples/repo")), Optional.of("prod-eu"));
    }

    private static DesiredState desired(String commit) {
        return DesiredState.of("prod-eu", commit, examples);
    }

    @Test
    void aCompileOverTheTimeoutIsACompileTimeoutAndNoOtherCompileStartsUntilItEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger compiles = new AtomicInteger();
        ConfigBuilder builder = new ConfigBuilder(commit -> {
            compiles.incrementAndGet();
            if (commit.equals("slow")) {
                // Ignores the interrupt, as a busy compile would.
                while (release.getCount() > 0) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            return desired(commit);
        }, Duration.ofMillis(200));

        long start = System.nanoTime();
        StepFailure timeout = assertThrows(StepFailure.class, () -> builder.build("slow"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000, "gives up at the timeout");
        assertEquals(Reason.COMPILE_TIMEOUT, timeout.reason());
        assertEquals(Recovery.NEEDS_HUMAN, timeout.recovery());
        assertTrue(timeout.getMessage().contains("Commit slow") && timeout.getMessage().contains("200 ms")
                && timeout.getMessage().contains("nothing was applied"), timeout.getMessage());

        StepFailure waiting = assertThrows(StepFailure.class, () -> builder.build("next"));
        assertEquals(Reason.COMPILE_TIMEOUT, waiting.reason());
        assertTrue(waiting.getMessage().contains("still running"), waiting.getMessage());
        assertEquals(1, compiles.get(), "no second compile while the late one runs");

        release.countDown();
        DesiredState next = awaitBuild(builder, "next");
        assertEquals("next", next.sourceCommit());
        assertSame(next, builder.build("next"), "a built commit is not compiled again");
        assertEquals(2, compiles.get());
    }

    @Test
    void compilesWithinTheTimeoutAsBefore() throws Exception {
        ConfigBuilder builder = new ConfigBuilder(ConfigBuilderTest::desired, Duration.ofMinutes(1));
        assertEquals("abc", builder.build("abc").sourceCommit());
    }

    @Test
    void unreadableCommitsKeepTheirReason() {
        ConfigBuilder builder = new ConfigBuilder(commit -> {
            throw new io.flinkops.source.SourceException("no such folder `config`");
        }, Duration.ofMinutes(1));
        StepFailure f = assertThrows(StepFailure.class, () -> builder.build("abc"));
        assertEquals(Reason.CONFIG_UNREADABLE, f.reason());
    }

    /** The late compile ends shortly after its release; until then the builder says it is still running. */
    private static DesiredState awaitBuild(ConfigBuilder builder, String commit) throws Exception {
        for (int i = 0; ; i++) {
            try {
                return builder.build(commit);
            } catch (StepFailure f) {
                if (i > 200 || !f.getMessage().contains("still running")) throw f;
                Thread.sleep(10);
            }
        }
    }
}
