package io.flinkops.agent.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.Recovery;
import io.flinkops.agent.cycle.StepFailure;

/**
 * Maps Kubernetes API errors to a {@link Reason}, and so to what recovers them. 5xx, 429 (with its Retry-After),
 * timeouts and connection errors (no HTTP code) are {@link Reason#API_UNAVAILABLE}, 409 is {@link Reason#API_CONFLICT}:
 * both brief, {@link Recovery#RETRY_SOON}. 401/403 (RBAC) is {@link Reason#API_FORBIDDEN}, 404 (a missing namespace)
 * and 400/422 (invalid object, admission webhook) are {@link Reason#API_REJECTED}: they need a person, and name the
 * object. Anything else is {@link Reason#API_ERROR}. Messages carry the API server's message, never request bodies.
 */
final class Failures {
    private Failures() {
    }

    static StepFailure of(String verb, ObjectKey object, KubernetesClientException e) {
        int code = e.getCode();
        String what = "Could not " + verb + " " + object;
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : rootMessage(e);
        if (code <= 0 || code >= 500 || code == 429 || code == 409 || code == 408) {
            String retryAfter = code == 429 && e.getStatus() != null && e.getStatus().getDetails() != null
                    && e.getStatus().getDetails().getRetryAfterSeconds() != null
                    ? " (the API server asks to retry after " + e.getStatus().getDetails().getRetryAfterSeconds() + " s)" : "";
            String kind = code <= 0 ? "the API server did not answer" : code == 409 ? "a conflicting write (HTTP 409)"
                    : "the API server is briefly unavailable (HTTP " + code + ")";
            return new StepFailure(code == 409 ? Reason.API_CONFLICT : Reason.API_UNAVAILABLE,
                    what + ": " + kind + retryAfter + ": " + detail + ". The agent retries shortly.", e);
        }
        if (code == 401 || code == 403) {
            return new StepFailure(Reason.API_FORBIDDEN,
                    what + ": the agent's service account is not allowed to (HTTP " + code + "): " + detail
                            + ". Grant the agent's RBAC for this kind and namespace (docs/agent.md), or remove the object from the repo.", e);
        }
        if (code == 400 || code == 404 || code == 422) {
            return new StepFailure(Reason.API_REJECTED,
                    what + ": the API server rejected it (HTTP " + code + "): " + detail
                            + ". Fix the resource in the config repo (or create the namespace).", e);
        }
        return new StepFailure(Reason.API_ERROR, what + " (HTTP " + code + "): " + detail + ". The agent tries again next cycle.", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.replaceAll("\\s+", " ");
    }
}
