package io.flinkops.agent.cycle;

import java.time.Duration;

/**
 * Bounded retries of a step that failed with {@link Recovery#RETRY_SOON}: {@code attempts} tries in all, waiting
 * {@code initial}, then twice as long each time, at most {@code max}.
 */
public record Backoff(int attempts, Duration initial, Duration max) {
    public static final Backoff DEFAULT = new Backoff(4, Duration.ofSeconds(1), Duration.ofSeconds(15));

    public Backoff {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1");
    }

    public Duration delayBefore(int attempt) {
        long ms = initial.toMillis() << Math.min(20, Math.max(0, attempt - 2));
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }

    /** How the cycle waits; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }
}
