package io.flinkops.validate.rules.podsecurity;

import io.flinkops.diag.Code;

import java.util.Map;

/**
 * One control (or a few related ones) of the Pod Security Standards, reported under one code from one level on:
 * the counterpart of a {@code policy/check_*.go} of Kubernetes' Pod Security Admission.
 */
abstract class PodSecurityCheck {
    private final Code code;
    private final Level minimum;

    PodSecurityCheck(Code code, Level minimum) {
        this.code = code;
        this.minimum = minimum;
    }

    final Code code() {
        return code;
    }

    /** The lowest level at which the check runs. */
    final Level minimum() {
        return minimum;
    }

    /** Checks one pod that will run; {@code ctx} says at which level. */
    abstract void check(PodUnit unit, CheckContext ctx);

    /** Checks the Flink configuration options from which Flink sets pod settings; most controls have none. */
    void checkFlinkConfiguration(Map<String, String> config, CheckContext ctx) {
    }
}
