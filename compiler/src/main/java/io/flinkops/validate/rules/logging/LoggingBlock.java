package io.flinkops.validate.rules.logging;

import io.flinkops.model.FieldPath;
import io.flinkops.model.Logging;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.resolve.Resolved;

import java.util.List;

/**
 * The {@code logging} block of a Deployment or SessionCluster, with where it is ({@code /spec/template/spec/logging}
 * or {@code /spec/logging}). Deployments on a session cluster are checked too: their logging is still validated where
 * it is written, even though the session cluster's applies.
 *
 * @param logging the effective {@code logging}, or null
 */
record LoggingBlock(ResourcePlan plan, FieldPath pointer, Logging logging) {
    static final String TEMPLATE_FIELD = "log4j2ConfigurationTemplate";

    static List<LoggingBlock> of(RepoPlan plan) {
        return plan.plans().stream().map(p -> new LoggingBlock(p, p.fields().logging(),
                p.kind() == ResourcePlan.Kind.SESSION_CLUSTER ? p.sessionClusterResource().spec().logging()
                        : p.deployment().spec().templateSpec().logging())).toList();
    }

    Resolved<?> resource() {
        return plan.source();
    }

    FieldPath templatePointer() {
        return pointer.child(TEMPLATE_FIELD);
    }
}
