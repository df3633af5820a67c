package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Baseline "Sysctls" and "/proc Mount Type": the pod sets only safe sysctls, and no container unmasks {@code /proc}. */
final class KernelCheck extends PodSecurityCheck {

    /** Namespaced sysctls that are safe (the v1.32 set). */
    private static final Set<String> SAFE_SYSCTLS = new TreeSet<>(List.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ping_group_range",
            "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
            "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_rmem", "net.ipv4.tcp_syncookies", "net.ipv4.tcp_wmem"));

    KernelCheck() {
        super(Code.POD_SECURITY_KERNEL, Level.BASELINE);
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        List<JsonNode> sysctls = Setting.items(unit.securityContext().path("sysctls"));
        for (int i = 0; i < sysctls.size(); i++) {
            String name = sysctls.get(i).path("name").asText("");
            if (SAFE_SYSCTLS.contains(name)) continue;
            ctx.report(unit, FieldPath.of("spec", "securityContext", "sysctls").index(i).child("name"),
                    unit.podSecurityContext() + " sets the sysctl `" + name + "`, which is not in the safe set" + ctx.level().allows() + ".",
                    "Remove it; the safe sysctls are " + String.join(", ", SAFE_SYSCTLS) + ".");
        }
        for (Container c : unit.containers()) {
            JsonNode procMount = c.securityContext().path("procMount");
            if (procMount.isTextual() && !procMount.asText().equals("Default")) {
                ctx.report(unit, c.securityContextAt().child("procMount"),
                        Wording.describe(unit, c) + " sets `procMount: " + procMount.asText() + "`, unmasking `/proc`" + ctx.level().forbids() + ".",
                        "Remove `procMount` (or set it to `Default`).");
            }
        }
    }
}
