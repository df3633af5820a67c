package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;

import java.util.List;

/** Baseline "Host Ports" and "Host Probes / Lifecycle Hooks": no container opens a node port or probes another host. */
final class HostPortsCheck extends PodSecurityCheck {

    private static final List<String> HANDLERS = List.of("livenessProbe", "readinessProbe", "startupProbe", "lifecycle/postStart", "lifecycle/preStop");

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
                    ctx.report(unit, c.pointer() + "/ports/" + i + "/hostPort",
                            who + " opens the port " + hostPort.asText() + " on the node (`hostPort`)" + forbids + ".",
                            "Remove `hostPort`; reach the port through a Kubernetes Service instead.");
                }
            }
            for (String handler : HANDLERS) {
                for (String action : List.of("httpGet", "tcpSocket")) {
                    JsonNode host = c.node().at("/" + handler + "/" + action + "/host");
                    if (host.isTextual() && !host.asText().isEmpty()) {
                        ctx.report(unit, c.pointer() + "/" + handler + "/" + action + "/host",
                                who + " sends its `" + handler.replace('/', '.') + "` to the host `" + host.asText() + "`" + forbids + ".",
                                "Remove `host`; the kubelet then checks the pod's own IP address.");
                    }
                }
            }
        }
    }
}
