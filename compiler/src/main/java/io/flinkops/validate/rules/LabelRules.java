package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.plan.ObjectMetadata;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Optional;
import java.util.Set;

/**
 * FO927: the labels and annotations a Deployment or SessionCluster gives its objects ({@link ObjectMetadata}) are
 * valid Kubernetes labels and annotations, which the API server would otherwise refuse. Keys in flinkops' own
 * namespace are dropped silently (flinkops' own always win).
 */
public final class LabelRules implements Rule {
    private static final String LABEL_HINT =
            "Use a Kubernetes label: a key like `team` or `acme.io/team`, and a value of at most 63 letters, digits, `-`, `_` or `.`.";

    @Override
    public Set<Code> codes() {
        return Set.of(Code.INVALID_LABEL_OR_ANNOTATION);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            for (ObjectMetadata.Source source : p.metadata().sources()) {
                source.values().forEach((key, value) -> {
                    if (key == null || value == null || ObjectMetadata.reserved(key)) return;
                    if (source.labels()) checkLabel(p, source, key, value, context);
                    else checkAnnotation(p, source, key, context);
                });
            }
        }
    }

    private static void checkLabel(ResourcePlan p, ObjectMetadata.Source source, String key, String value, RuleContext context) {
        Optional<String> keyProblem = ObjectMetadata.keyProblem(key);
        if (keyProblem.isPresent()) {
            context.reportKey(Code.INVALID_LABEL_OR_ANNOTATION, p.source(), source.pointer(key), "Label `" + key + "`: " + keyProblem.get() + ".", LABEL_HINT);
            return;
        }
        ObjectMetadata.labelValueProblem(value).ifPresent(problem -> context.report(Code.INVALID_LABEL_OR_ANNOTATION, p.source(),
                source.pointer(key), "Label `" + key + "`: " + problem + ".", LABEL_HINT));
    }

    private static void checkAnnotation(ResourcePlan p, ObjectMetadata.Source source, String key, RuleContext context) {
        ObjectMetadata.keyProblem(key).ifPresent(problem -> context.reportKey(Code.INVALID_LABEL_OR_ANNOTATION, p.source(),
                source.pointer(key), "Annotation `" + key + "`: " + problem + ".", "Use a Kubernetes annotation key like `acme.io/owner`."));
    }
}
