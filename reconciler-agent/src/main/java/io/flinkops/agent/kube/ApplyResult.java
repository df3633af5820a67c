package io.flinkops.agent.kube;

import java.util.List;

/**
 * What the apply step did.
 *
 * @param applied   objects sent with server-side apply ("kind namespace/name")
 * @param unchanged objects whose desired content matched the last applied one and were not re-sent
 * @param refused   objects refused by the agent's own safety rules (namespace not allowed, kind not on the allowlist),
 *                  each with the reason
 */
public record ApplyResult(List<String> applied, List<String> unchanged, List<String> refused) {
}
