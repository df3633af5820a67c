package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YMap;
import io.flinkops.yaml.YNode;

import java.util.Set;

/**
 * FO801: {@code kubernetes.pods} and the pod templates exclude each other (VVP). Deployments are checked on their
 * effective spec, so the hint says which of the two comes from a defaults file and how to drop it.
 */
public final class PodsAndTemplatesRule implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.PODS_AND_POD_TEMPLATES);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (KubernetesSection section : KubernetesSection.all(plan)) exclusive(context, section);
    }

    private static void exclusive(RuleContext context, KubernetesSection section) {
        Resolved<?> resource = section.resource();
        FieldPath podsPointer = section.at("pods");
        if (!isSet(resource.at(podsPointer))) return;
        String own = resource.document().file();
        Location pods = resource.locateKey(podsPointer);
        for (String template : KubernetesSection.TEMPLATES) {
            FieldPath pointer = section.at(template);
            if (!isSet(resource.at(pointer))) continue;
            Location tpl = resource.locateKey(pointer);
            boolean sameFile = pods.file().equals(tpl.file());
            String message = "`kubernetes.pods`" + (sameFile ? "" : " (from " + pods.file() + ")") + " and `kubernetes." + template + "`"
                    + (sameFile ? "" : " (from " + tpl.file() + ")") + " cannot be used together.";
            boolean podsOwn = pods.file().equals(own);
            boolean tplOwn = tpl.file().equals(own);
            String hint;
            if (!podsOwn && tplOwn) {
                hint = "Use one of them: set `pods: null` here to drop the `kubernetes.pods` inherited from " + pods.file() + ", or move these settings into it.";
            } else if (podsOwn && !tplOwn) {
                hint = "Use one of them: set `" + template + ": null` here to drop the template inherited from " + tpl.file() + ", or move these settings into it.";
            } else if (podsOwn) {
                hint = "Use either `kubernetes.pods` (simple pod settings) or the pod templates (full PodTemplateSpecs), not both.";
            } else {
                hint = "Change the defaults so they do not set both, or set the unwanted one to `null` in the Deployment.";
            }
            if (podsOwn && !tplOwn) context.reportKey(Code.PODS_AND_POD_TEMPLATES, resource, podsPointer, message, hint);
            else context.reportKey(Code.PODS_AND_POD_TEMPLATES, resource, pointer, message, hint);
        }
    }

    /** Present and not an empty mapping (an empty {@code pods: {}} sets nothing). */
    private static boolean isSet(YNode node) {
        return node != null && !node.isNull() && !(node instanceof YMap m && m.entries().isEmpty());
    }
}
