package io.flinkops.diff;

import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.DocumentFields;
import io.flinkops.model.FieldPath;

/**
 * How {@code diff} names a field of a Deployment or SessionCluster in its reasons: below {@code spec.template.spec}
 * of a Deployment, relative to it ({@code parallelism}, {@code flinkConfiguration.parallelism.default}); any other
 * field relative to {@code spec} ({@code restoreStrategy.kind}); keys joined with dots.
 */
public final class FieldNames {
    private FieldNames() {
    }

    public static String of(FieldPath path) {
        if (path.startsWith(DeploymentSpec.TEMPLATE_SPEC)) return path.relativeTo(DeploymentSpec.TEMPLATE_SPEC).dotted();
        if (path.startsWith(DocumentFields.SPEC)) return path.relativeTo(DocumentFields.SPEC).dotted();
        return path.dotted();
    }
}
