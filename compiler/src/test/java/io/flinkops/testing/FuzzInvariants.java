package io.flinkops.testing;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Diagnostics;

import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every fuzz target asserts besides "no exception escapes": no internal error (FO099, the CLI's exit 70), every
 * diagnostic located in a file with a message and, for a position, a line and column from 1; and no input takes long
 * (Jazzer's own per-input timeout catches a real hang while fuzzing; this catches a slow input in the regression runs).
 */
public final class FuzzInvariants {
    /** Far above what any input of the corpora takes, even instrumented; well below a hang. */
    public static final Duration SLOW = Duration.ofSeconds(20);

    private FuzzInvariants() {
    }

    public static void assertSane(Diagnostics diagnostics) {
        for (Diagnostic d : diagnostics.sorted()) {
            assertFalse(d.code() == Code.INTERNAL_ERROR, () -> "internal error: " + d);
            assertFalse(d.file() == null || d.file().isEmpty(), () -> "no file: " + d);
            assertFalse(d.message().isBlank(), () -> "no message: " + d);
            assertTrue(d.line() == 0 && d.column() == 0 || d.line() >= 1 && d.column() >= 1, () -> "bad position: " + d);
        }
    }

    /** Runs {@code work}, failing when it takes longer than {@link #SLOW}. */
    public static <T> T quickly(Supplier<T> work) {
        long start = System.nanoTime();
        T result = work.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(SLOW) < 0, () -> "took " + took.toMillis() + " ms");
        return result;
    }
}
