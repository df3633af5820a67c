package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Baseline and restricted "Capabilities": add only the default set; at restricted, drop ALL and add at most NET_BIND_SERVICE. */
final class CapabilitiesCheck extends PodSecurityCheck {

    /** Capabilities a container may add at the baseline level (the runtime's default set, without NET_RAW). */
    private static final Set<String> BASELINE_CAPABILITIES = new TreeSet<>(List.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE",
            "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"));

    CapabilitiesCheck() {
        super(Code.POD_SECURITY_CAPABILITIES, Level.BASELINE);
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        boolean restricted = ctx.level() == Level.RESTRICTED;
        for (Container c : unit.containers()) {
            String who = Wording.describe(unit, c);
            JsonNode capabilities = c.securityContext().path("capabilities");
            List<JsonNode> add = Setting.items(capabilities.path("add"));
            for (int i = 0; i < add.size(); i++) {
                String capability = add.get(i).asText();
                boolean allowed = restricted ? capability.equals("NET_BIND_SERVICE") : BASELINE_CAPABILITIES.contains(capability);
                if (allowed || (restricted && unit.windows())) continue;
                ctx.report(unit, c.securityContextAt().child("capabilities", "add").index(i),
                        who + " adds the capability `" + capability + "`" + ctx.level().forbids() + ".",
                        restricted
                                ? "Remove it; at this level a container may add only NET_BIND_SERVICE."
                                : "Remove it; at this level a container may add only " + String.join(", ", BASELINE_CAPABILITIES) + ".");
            }
            if (restricted && !unit.windows() && !Setting.contains(capabilities.path("drop"), "ALL")) {
                ctx.reportMissing(unit, c, c.securityContextAt().child("capabilities", "drop"),
                        who + " does not drop all capabilities (`capabilities: {drop: [ALL]}`)" + ctx.level().requires() + ".",
                        "Add `capabilities: {drop: [ALL]}` to its `securityContext`.");
            }
        }
    }
}
