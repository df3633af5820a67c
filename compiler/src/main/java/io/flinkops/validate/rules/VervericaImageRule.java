package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.model.FlinkImage;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FO609: a tag of Ververica Platform's own Flink images ({@code 1.20.1-stream1-scala_2.12-java11}) without a registry.
 * VVP fills in its registry ({@code registry.ververica.com/v2.x}) when a Deployment names none; the operator does not,
 * so the pods would pull the tag from Docker Hub, where Apache Flink's images have no such tags, and never start.
 */
public final class VervericaImageRule implements Rule {
    /** Ververica's Flink distribution: {@code <flink version>-stream<n>…}. */
    private static final Pattern STREAM_TAG = Pattern.compile("^(\\d+\\.\\d+(?:\\.\\d+)?)-stream\\d+(.*)$");

    @Override
    public Set<Code> codes() {
        return Set.of(Code.VERVERICA_ONLY_IMAGE);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            if (p.kind() == ResourcePlan.Kind.SESSION_JOB) continue; // the cluster's image runs it
            ClusterPlan cluster = p.cluster().orElse(null);
            if (cluster == null) continue;
            FlinkImage image = cluster.image();
            if (image.tag() == null || image.repository() == null) continue;
            Matcher m = STREAM_TAG.matcher(image.tag());
            if (!m.matches() || !image.effectiveRegistry().equals(FlinkImage.DOCKER_HUB)) continue;
            FieldPath tag = p.kind() == ResourcePlan.Kind.SESSION_CLUSTER ? SessionClusterSpec.IMAGE_TAG : DeploymentSpec.IMAGE_TAG;
            FieldPath registry = p.kind() == ResourcePlan.Kind.SESSION_CLUSTER ? SessionClusterSpec.IMAGE_REGISTRY : DeploymentSpec.IMAGE_REGISTRY;
            String apache = m.group(1) + m.group(2);
            context.report(Code.VERVERICA_ONLY_IMAGE, p.source(), tag,
                    "`flinkImageTag` `" + image.tag() + "` is a tag of Ververica Platform's Flink images, but no `flinkImageRegistry` is set, so the pods "
                            + "would pull `" + image.reference() + "` from Docker Hub, which has no such image (VVP fills in its own registry; the operator does not).",
                    "Use Apache Flink's image, `flinkImageTag: \"" + apache + "\"` (check that Docker Hub has it), or set `"
                            + registry.last() + "` to the registry that holds Ververica's images, e.g. `registry.ververica.com/v2.15`, with an image pull secret.");
        }
    }
}
