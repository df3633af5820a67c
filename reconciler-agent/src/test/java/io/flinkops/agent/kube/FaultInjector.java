package io.flinkops.agent.kube;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Wraps a dispatcher and injects faults into the requests that match a rule: an HTTP error (500, 409, 429 with
 * Retry-After, 403, 422…) or a slow answer (for client timeouts). Rules are tried in order; each fires a limited number
 * of times, then the request goes to the wrapped dispatcher as usual. Thread-safe.
 */
public class FaultInjector extends Dispatcher {
    private final Dispatcher delegate;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public FaultInjector(Dispatcher delegate) {
        this.delegate = delegate;
    }

    /** Requests matching {@code method} (null = any) and a path containing {@code pathPart}. */
    public static Predicate<RecordedRequest> on(String method, String pathPart) {
        return r -> (method == null || method.equalsIgnoreCase(r.getMethod())) && r.getPath().contains(pathPart);
    }

    /** The next {@code times} matching requests get HTTP {@code code} with a Kubernetes Status body. */
    public FaultInjector fail(Predicate<RecordedRequest> match, int times, int code) {
        return fail(match, times, code, null);
    }

    public FaultInjector fail(Predicate<RecordedRequest> match, int times, int code, Integer retryAfterSeconds) {
        rules.add(new Rule(match, new AtomicInteger(times), code, retryAfterSeconds, null));
        return this;
    }

    /** The next {@code times} matching requests are carried out at once, but answered only after {@code delay}. */
    public FaultInjector delay(Predicate<RecordedRequest> match, int times, Duration delay) {
        rules.add(new Rule(match, new AtomicInteger(times), 0, null, delay));
        return this;
    }

    public void clear() {
        rules.clear();
    }

    /** "METHOD path" of every request seen, faulted or not. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getPath());
        for (Rule rule : rules) {
            if (rule.match.test(request) && rule.remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (rule.delay != null) {
                    // The request takes effect at once; only the answer is late (as when a client times out on a
                    // write the server did carry out).
                    return delegate.dispatch(request).setBodyDelay(rule.delay);
                }
                MockResponse response = new MockResponse().setResponseCode(rule.code)
                        .setHeader("Content-Type", "application/json")
                        .setBody("{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":" + rule.code
                                + ",\"message\":\"injected fault " + rule.code + "\",\"reason\":\"Injected\""
                                + (rule.retryAfterSeconds == null ? "" : ",\"details\":{\"retryAfterSeconds\":" + rule.retryAfterSeconds + "}")
                                + "}");
                if (rule.retryAfterSeconds != null) response.setHeader("Retry-After", rule.retryAfterSeconds);
                return response;
            }
        }
        return delegate.dispatch(request);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    private record Rule(Predicate<RecordedRequest> match, AtomicInteger remaining, int code, Integer retryAfterSeconds,
                        Duration delay) {
    }
}
