package io.flinkops.validate.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkops.diag.Code;
import io.flinkops.diag.Suggestions;
import io.flinkops.model.FieldPath;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.RuleContext;

import java.util.Set;

/**
 * FO803 for a toleration in {@code kubernetes.pods}, beyond its model: what Kubernetes' validation of a toleration
 * adds (operator, value, key, effect, tolerationSeconds).
 */
final class TolerationCheck {

    private static final Code CODE = Code.INVALID_KUBERNETES_OBJECT;
    private static final Set<String> OPERATORS = Set.of("Equal", "Exists");
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private TolerationCheck() {
    }

    /** Checks the toleration {@code t}, written at {@code pointer} and named {@code path} in messages. */
    static void check(RuleContext context, Resolved<?> resource, FieldPath pointer, String path, JsonNode t) {
        String operator = t.path("operator").asText("Equal");
        if (t.has("operator") && !OPERATORS.contains(operator)) {
            context.report(CODE, resource, pointer.child("operator"), "`" + operator + "` is not a toleration operator.",
                    Suggestions.didYouMean(operator, OPERATORS).isEmpty() ? "Use `Equal` or `Exists`."
                            : Suggestions.didYouMean(operator, OPERATORS) + " Operators: Equal, Exists.");
        } else if (operator.equals("Exists") && !t.path("value").asText("").isEmpty()) {
            context.report(CODE, resource, pointer.child("value"), "`" + path + "` has a `value`, but operator `Exists` matches any value.",
                    "Remove `value`, or use operator `Equal`.");
        } else if (operator.equals("Equal") && t.path("key").asText("").isEmpty()) {
            context.report(CODE, resource, pointer, "`" + path + "` has no `key`, which operator `Equal` needs.",
                    "Add the taint's `key`, or use operator `Exists` to tolerate every taint.");
        }
        if (t.has("effect") && !t.path("effect").asText().isEmpty() && !EFFECTS.contains(t.path("effect").asText())) {
            String effect = t.path("effect").asText();
            String dym = Suggestions.didYouMean(effect, EFFECTS);
            context.report(CODE, resource, pointer.child("effect"), "`" + effect + "` is not a taint effect.",
                    (dym.isEmpty() ? "" : dym + " ") + "Effects: NoSchedule, PreferNoSchedule, NoExecute.");
        }
        if (t.has("tolerationSeconds") && !"NoExecute".equals(t.path("effect").asText())) {
            context.report(CODE, resource, pointer.child("tolerationSeconds"), "`" + path + ".tolerationSeconds` is set, but the effect is not `NoExecute`.",
                    "Set `effect: NoExecute` or remove `tolerationSeconds`; only NoExecute taints evict pods after a delay.");
        }
    }
}
