package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.plan.Placement;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.plan.pods.PodTemplates;
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
    /** Fields of {@code spec.template.spec} that a session cluster decides. */
    static final List<FieldPath> CLUSTER_FIELDS = List.of(
            DeploymentSpec.FLINK_VERSION, DeploymentSpec.IMAGE_REGISTRY, DeploymentSpec.IMAGE_REPOSITORY, DeploymentSpec.IMAGE_TAG,
            DeploymentSpec.TEMPLATE.numberOfTaskManagers(), DeploymentSpec.TEMPLATE.resources(), DeploymentSpec.TEMPLATE.logging(),
            DeploymentSpec.TEMPLATE.kubernetes().child("pods"), DeploymentSpec.TEMPLATE.kubernetes().child(PodTemplates.JOB_MANAGER_TEMPLATE),
            DeploymentSpec.TEMPLATE.kubernetes().child(PodTemplates.TASK_MANAGER_TEMPLATE));

    @Override
    public Set<Code> codes() {
        return Set.of(Code.SESSION_JOB_CLUSTER_FIELD);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        ResolvedRepo repo = plan.resolved();
        repo.deployments().forEach(d -> {
            if (Placement.mode(d.spec()) != Placement.Mode.SESSION) return;
            for (FieldPath pointer : CLUSTER_FIELDS) {
                // The Deployment's own document, not the merged tree: only what this file writes is reported,
                // and an explicit null (which removes a default) is not a value.
                YNode own = d.document().at(pointer);
                if (own == null || own.isNull()) continue;
                String name = pointer.relativeTo(DeploymentSpec.TEMPLATE_SPEC).dotted();
                context.reportKey(Code.SESSION_JOB_CLUSTER_FIELD, d, pointer,
                        "Session-mode Deployment `" + d.name() + "` sets `" + name + "`, which SessionCluster `"
                                + d.spec().sessionClusterName() + "` decides; it has no effect on the job.",
                        "Move it to the SessionCluster (where it applies to all its jobs), or remove it.");
            }
        });
    }
}
