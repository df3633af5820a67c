package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;

/** Baseline "Privileged Containers" and "HostProcess": no container is privileged or a Windows HostProcess container. */
final class PrivilegedCheck extends PodSecurityCheck {

    PrivilegedCheck() {
        super(Code.POD_SECURITY_PRIVILEGED, Level.BASELINE);
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        String forbids = ctx.level().forbids();
        if (Setting.isTrue(unit.securityContext().path("windowsOptions").path("hostProcess"))) {
            ctx.report(unit, FieldPath.of("spec", "securityContext", "windowsOptions", "hostProcess"),
                    unit.podSecurityContext() + " makes every container a Windows HostProcess container (`windowsOptions.hostProcess: true`)" + forbids + ".",
                    "Remove `hostProcess: true`.");
        }
        for (Container c : unit.containers()) {
            JsonNode sc = c.securityContext();
            String who = Wording.describe(unit, c);
            if (Setting.isTrue(sc.path("privileged"))) {
                ctx.report(unit, c.securityContextAt().child("privileged"),
                        who + " is privileged (`privileged: true`), with full access to the node" + forbids + ".",
                        "Remove `privileged: true`; if the container needs a specific capability, add only that one.");
            }
            if (Setting.isTrue(sc.path("windowsOptions").path("hostProcess"))) {
                ctx.report(unit, c.securityContextAt().child("windowsOptions", "hostProcess"),
                        who + " is a Windows HostProcess container (`windowsOptions.hostProcess: true`)" + forbids + ".",
                        "Remove `hostProcess: true`.");
            }
        }
    }
}
