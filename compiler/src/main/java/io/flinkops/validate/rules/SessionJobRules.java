package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.plan.Placement;
import io.flinkops.resolve.Pointers;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.yaml.YNode;

import java.util.List;
import java.util.Set;

/**
 * FO209 (warning): a session-mode Deployment sets, in its own file, a field that belongs to the session
 * cluster. Values inherited from the defaults are not reported: defaults apply to every deployment, and a
 * session job cannot avoid inheriting them.
 */
public final class SessionJobRules implements Rule {
    /** Fields of {@code spec.template.spec} that a session cluster decides, by their path below it. */
    static final List<String> CLUSTER_FIELDS = List.of(
            "artifact/flinkVersion", "artifact/flinkImageRegistry", "artifact/flinkImageRepository", "artifact/flinkImageTag",
            "numberOfTaskManagers", "resources", "logging",
            "kubernetes/pods", "kubernetes/jobManagerPodTemplate", "kubernetes/taskManagerPodTemplate");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.SESSION_JOB_CLUSTER_FIELD);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        repo.deployments().forEach(d -> {
            if (Placement.mode(d.spec()) != Placement.Mode.SESSION) return;
            for (String field : CLUSTER_FIELDS) {
                String pointer = Pointers.TEMPLATE_SPEC + "/" + field;
                // The Deployment's own document, not the merged tree: only what this file writes is reported,
                // and an explicit null (which removes a default) is not a value.
                YNode own = d.document().root().at(pointer);
                if (own == null || own.isNull()) continue;
                String name = field.replace('/', '.');
                context.reportKey(Code.SESSION_JOB_CLUSTER_FIELD, d, pointer,
                        "Session-mode Deployment `" + d.name() + "` sets `" + name + "`, which SessionCluster `"
                                + d.spec().sessionClusterName() + "` decides; it has no effect on the job.",
                        "Move it to the SessionCluster (where it applies to all its jobs), or remove it.");
            }
        });
    }
}
