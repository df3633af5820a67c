package io.flinkops.validate.rules;

import io.flinkops.model.FieldPath;
import io.flinkops.diag.Code;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.kubernetes.KubernetesModelCheck;
import io.flinkops.yaml.YNode;

/** Reports what {@link KubernetesModelCheck} finds in a Kubernetes object written in a resource (FO802, FO803). */
final class ModelCheckReport {

    private ModelCheckReport() {
    }

    /**
     * Checks {@code node}, written at {@code pointer}, as a Kubernetes {@code type}, and reports each problem with
     * {@code code}; true when there is none.
     *
     * @param path how messages name the object, e.g. {@code pods.affinity}
     */
    static boolean valid(RuleContext context, Code code, Resolved<?> resource, FieldPath pointer, YNode node, Class<?> type, String path) {
        boolean valid = true;
        for (KubernetesModelCheck.Problem p : KubernetesModelCheck.check(node, type, path)) {
            valid = false;
            FieldPath at = pointer.resolve(p.pointer());
            if (p.atKey()) context.reportKey(code, resource, at, p.message(), p.hint());
            else context.report(code, resource, at, p.message(), p.hint());
        }
        return valid;
    }
}
