package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;

import java.util.ArrayList;
import java.util.List;

/** Restricted "Running as Non-root" and "Running as Non-root user": {@code runAsNonRoot: true} for every container, no UID 0. */
final class RunAsRootCheck extends PodSecurityCheck {

    private static final String FLINK_USER = "with the official Flink image, which starts as root, also `runAsUser: 9999` (its `flink` user)";
    private static final String NON_ROOT_USER_HINT = "Run as a non-root user, e.g. `runAsUser: 9999` (the `flink` user of the official Flink image).";

    RunAsRootCheck() {
        super(Code.POD_SECURITY_RUN_AS_ROOT, Level.RESTRICTED);
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        String forbids = ctx.level().forbids();
        JsonNode podContext = unit.securityContext();
        if (Setting.isFalse(podContext.path("runAsNonRoot"))) {
            ctx.report(unit, FieldPath.of("spec", "securityContext", "runAsNonRoot"), unit.podSecurityContext() + " sets `runAsNonRoot: false`" + forbids + ".",
                    "Set `runAsNonRoot: true`; " + FLINK_USER + ".");
        }
        if (Setting.isZero(podContext.path("runAsUser"))) {
            ctx.report(unit, FieldPath.of("spec", "securityContext", "runAsUser"),
                    unit.podSecurityContext() + " runs the containers as root (`runAsUser: 0`)" + forbids + ".", NON_ROOT_USER_HINT);
        }
        List<String> mayRunAsRoot = new ArrayList<>();
        for (Container c : unit.containers()) {
            JsonNode sc = c.securityContext();
            String who = Wording.describe(unit, c);
            if (Setting.isFalse(sc.path("runAsNonRoot"))) {
                ctx.report(unit, c.securityContextAt().child("runAsNonRoot"), who + " sets `runAsNonRoot: false`" + forbids + ".",
                        "Set `runAsNonRoot: true`; " + FLINK_USER + ".");
            }
            if (Setting.isZero(sc.path("runAsUser"))) {
                ctx.report(unit, c.securityContextAt().child("runAsUser"), who + " runs as root (`runAsUser: 0`)" + forbids + ".", NON_ROOT_USER_HINT);
            }
            if (!sc.path("runAsNonRoot").isBoolean() && !Setting.isTrue(podContext.path("runAsNonRoot"))) mayRunAsRoot.add(c.name());
        }
        // a pod that sets runAsNonRoot: false is reported above; the containers then need no second report
        if (!mayRunAsRoot.isEmpty() && !Setting.isFalse(podContext.path("runAsNonRoot"))) {
            ctx.report(unit, FieldPath.of("spec", "securityContext", "runAsNonRoot"),
                    Wording.containers(unit, mayRunAsRoot) + " may run as root: neither " + (mayRunAsRoot.size() == 1 ? "it" : "they")
                            + " nor the pod set `runAsNonRoot: true`" + ctx.level().requires() + ".",
                    Wording.podLevelHint(unit, "`runAsNonRoot: true`", "; " + FLINK_USER));
        }
    }
}
