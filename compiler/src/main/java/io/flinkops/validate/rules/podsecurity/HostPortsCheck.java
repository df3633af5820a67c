package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;

import java.util.List;

/** Baseline "Host Ports" and "Host Probes / Lifecycle Hooks": no container opens a node port or probes another host. */
final class HostPortsCheck extends PodSecurityCheck {

    private static final List<FieldPath> HANDLERS = List.of(FieldPath.of("livenessProbe"), FieldPath.of("readinessProbe"),
            FieldPath.of("startupProbe"), FieldPath.of("lifecycle", "postStart"), FieldPath.of("lifecycle", "preStop"));

    HostPortsCheck() {
        super(Code.POD_SECURITY_HOST_PORTS, Level.BASELINE);
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        String forbids = ctx.level().forbids();
        for (Container c : unit.containers()) {
            String who = Wording.describe(unit, c);
            List<JsonNode> ports = Setting.items(c.node().path("ports"));
            for (int i = 0; i < ports.size(); i++) {
                JsonNode hostPort = ports.get(i).path("hostPort");
                if (hostPort.isNumber() && hostPort.asLong() != 0) {
                    ctx.report(unit, c.pointer().child("ports").index(i).child("hostPort"),
                            who + " opens the port " + hostPort.asText() + " on the node (`hostPort`)" + forbids + ".",
                            "Remove `hostPort`; reach the port through a Kubernetes Service instead.");
                }
            }
            for (FieldPath handler : HANDLERS) {
                for (String action : List.of("httpGet", "tcpSocket")) {
                    FieldPath at = handler.child(action, "host");
                    JsonNode host = c.node().at(at.pointer());
                    if (host.isTextual() && !host.asText().isEmpty()) {
                        ctx.report(unit, c.pointer().resolve(at),
                                who + " sends its `" + handler.dotted() + "` to the host `" + host.asText() + "`" + forbids + ".",
                                "Remove `host`; the kubelet then checks the pod's own IP address.");
                    }
                }
            }
        }
    }
}
