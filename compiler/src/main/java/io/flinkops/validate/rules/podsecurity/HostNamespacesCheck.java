package io.flinkops.validate.rules.podsecurity;

import io.flinkops.diag.Code;
import io.flinkops.model.FieldPath;

import java.util.List;
import java.util.Map;

/** Baseline "Host Namespaces": the pods share no namespace (network, process, IPC) with the node. */
final class HostNamespacesCheck extends PodSecurityCheck {

    /** From which Flink sets the pods' {@code hostNetwork}, overriding the templates. */
    private static final String HOST_NETWORK_OPTION = "kubernetes.hostnetwork.enabled";

    HostNamespacesCheck() {
        super(Code.POD_SECURITY_HOST_NAMESPACES, Level.BASELINE);
    }

    @Override
    void checkFlinkConfiguration(Map<String, String> config, CheckContext ctx) {
        String hostNetwork = config.get(HOST_NETWORK_OPTION);
        if (hostNetwork != null && hostNetwork.strip().equalsIgnoreCase("true")) {
            ctx.reportOption(HOST_NETWORK_OPTION,
                    "`" + HOST_NETWORK_OPTION + ": true` runs the JobManager and TaskManager pods in the node's network namespace"
                            + ctx.level().forbids() + ".",
                    "Remove `" + HOST_NETWORK_OPTION + "` (it defaults to false) and reach Flink through its Kubernetes services.");
        }
    }

    @Override
    void check(PodUnit unit, CheckContext ctx) {
        for (String namespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (!Setting.isTrue(unit.spec().path(namespace))) continue;
            String what = switch (namespace) {
                case "hostNetwork" -> "network";
                case "hostPID" -> "process";
                default -> "IPC";
            };
            ctx.report(unit, FieldPath.of("spec", namespace),
                    unit.owner() + " sets `" + namespace + ": true`, sharing the node's " + what + " namespace" + ctx.level().forbids() + ".",
                    namespace.equals("hostNetwork")
                            ? "Remove it; Flink sets the pods' `hostNetwork` from `" + HOST_NETWORK_OPTION + "` and overrides this value anyway."
                            : "Remove `" + namespace + "`.");
        }
    }
}
