package io.flinkops.agent.kube;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every API error gets a stable reason, and with it the recovery the cycle acts on. */
class FailuresTest {
    static final ObjectKey KEY = new ObjectKey("FlinkDeployment", "flink-payments", "orders");

    static StepFailure of(int code) {
        return Failures.of("apply", KEY, new KubernetesClientException(new StatusBuilder().withCode(code).withMessage("m" + code).build()));
    }

    @Test
    void httpCodesMapToReasons() {
        Map<Integer, Reason> expected = Map.of(500, Reason.API_UNAVAILABLE, 503, Reason.API_UNAVAILABLE, 429, Reason.API_UNAVAILABLE,
                408, Reason.API_UNAVAILABLE, 409, Reason.API_CONFLICT, 401, Reason.API_FORBIDDEN, 403, Reason.API_FORBIDDEN,
                400, Reason.API_REJECTED, 404, Reason.API_REJECTED, 422, Reason.API_REJECTED);
        expected.forEach((code, reason) -> {
            StepFailure f = of(code);
            assertEquals(reason, f.reason(), "HTTP " + code);
            assertTrue(f.getMessage().contains("FlinkDeployment flink-payments/orders") && f.getMessage().contains("m" + code), f.getMessage());
        });
        assertEquals(Reason.API_ERROR, of(410).reason());
    }

    @Test
    void noAnswerIsABriefOutage() {
        StepFailure f = Failures.of("list", KEY, new KubernetesClientException("connect", new IOException("Connection refused")));
        assertEquals(Reason.API_UNAVAILABLE, f.reason());
        assertTrue(f.getMessage().contains("did not answer"), f.getMessage());
    }
}
