package io.flinkops.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkops.agent.cycle.Backoff;
import io.flinkops.agent.cycle.Reason;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether the Kubernetes API server answers, said at once and on every retry. Before it takes part in leader election
 * or runs a cycle, the looping agent asks the API server for its version (one cheap GET of {@code /version}, which
 * every authenticated and most anonymous clients may read). Until that answers, it logs why, every attempt, with the
 * wait before the next one (backoff up to {@code max}), and {@link #notReady()} says the same for {@code /readyz}.
 * Without this the agent stayed silent for minutes: the Lease calls of leader election fail without a word, and each
 * cycle's first apply waits out the client's own retries.
 *
 * <p>Any HTTP answer counts as reachable: an answer with an error (401, 403) is a credentials or RBAC problem, which
 * the cycle reports with its own reason ({@link Reason#API_FORBIDDEN}).
 */
final class ApiReachability {
    private final KubernetesClient client;
    private final JsonLog log;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private volatile String notReady;

    ApiReachability(KubernetesClient client, JsonLog log, Duration initial, Duration max, Backoff.Sleeper sleeper) {
        this.client = client;
        this.log = log;
        this.backoff = new Backoff(Integer.MAX_VALUE, initial, max);
        this.sleeper = sleeper;
    }

    /** Why this replica is not ready, while the API server does not answer; null once it has. */
    String notReady() {
        return notReady;
    }

    String apiServer() {
        return String.valueOf(client.getMasterUrl());
    }

    /** Returns once the API server answered; logs each failed attempt and the wait before the next. */
    void await() throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Optional<String> problem = probe();
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException("stopped while waiting for the Kubernetes API");
            if (problem.isEmpty()) {
                if (attempt > 1) log.info("the Kubernetes API answers", "apiServer", apiServer(), "attempts", attempt);
                notReady = null;
                return;
            }
            Duration wait = backoff.delayBefore(attempt + 1);
            String why = "cannot reach the Kubernetes API at " + apiServer() + ": " + problem.get();
            notReady = why;
            log.warn(why + "; retrying in " + seconds(wait) + "s", "reason", Reason.API_UNAVAILABLE.name(), "apiServer", apiServer(),
                    "attempt", attempt, "retryInSeconds", wait.toMillis() % 1000 == 0 ? (Object) wait.toSeconds() : (Object) (wait.toMillis() / 1000.0));
            sleeper.sleep(wait);
        }
    }

    /** Empty when the API server answered (with anything); otherwise why it did not. */
    Optional<String> probe() {
        try {
            client.getKubernetesVersion();
            return Optional.empty();
        } catch (KubernetesClientException e) {
            if (e.getCode() > 0) return Optional.empty();
            return Optional.of(rootMessage(e));
        } catch (RuntimeException e) {
            return Optional.of(rootMessage(e));
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static String rootMessage(Throwable e) {
        String msg = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) msg = t.getMessage();
            else if (t.getCause() == null) msg = msg == null ? t.getClass().getSimpleName() : msg;
        }
        return msg == null ? e.getClass().getSimpleName() : msg.replaceAll("\\s+", " ").strip();
    }
}
