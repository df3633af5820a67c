package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;

/** Restricted "Privilege Escalation": every container sets {@code allowPrivilegeEscalation: false} (not checked for Windows pods). */
final class PrivilegeEscalationCheck extends PodSecurityCheck {

    PrivilegeEscalationCheck() {
        super(Code.POD_SECURITY_PRIVILEGE_ESCALATION, Level.RESTRICTED);
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        if (unit.windows()) return;
        for (Container c : unit.containers()) {
            JsonNode allow = c.securityContext().path("allowPrivilegeEscalation");
            FieldPath at = c.securityContextAt().child("allowPrivilegeEscalation");
            String who = Wording.describe(unit, c);
            if (Setting.isTrue(allow)) {
                ctx.report(unit, at, who + " sets `allowPrivilegeEscalation: true`" + ctx.level().forbids() + ".",
                        "Set `allowPrivilegeEscalation: false`.");
            } else if (!Setting.isFalse(allow)) {
                ctx.reportMissing(unit, c, at, who + " does not set `allowPrivilegeEscalation: false`" + ctx.level().requires() + ".",
                        "Add `allowPrivilegeEscalation: false` to its `securityContext`.");
            }
        }
    }
}
