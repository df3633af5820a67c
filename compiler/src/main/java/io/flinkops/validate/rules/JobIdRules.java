package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.plan.ArtifactPlan;
import io.flinkops.plan.Placeholders;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Set;

/**
 * FO922: {@code {{ jobId }}} is used only where the job id is known when flinkops renders: an application-mode
 * Deployment whose every start restores state (or whose job id is fixed), which flinkops gives a stable id
 * (docs/render-mapping.md, "Placeholders and the job id").
 */
public final class JobIdRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.JOB_ID_NOT_KNOWN);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            if (p.placeholders().jobId() != null) continue;
            for (LocatedSetting s : p.ownConfiguration().settings()) {
                if (!Placeholders.usesJobId(s.value())) continue;
                context.report(Code.JOB_ID_NOT_KNOWN, p.source(), s.pointer(),
                        "`" + s.key() + "` uses `{{ jobId }}`, but no job id is known when flinkops renders it: " + whyUnknown(p),
                        "Remove `{{ jobId }}`: Flink already puts the job id into checkpoint paths and logs it.");
            }
            p.job().ifPresent(job -> checkUris(p, job.artifact(), context));
        }
    }

    private static String whyUnknown(ResourcePlan p) {
        return switch (p.kind()) {
            case APPLICATION -> "Deployment `" + p.name()
                    + "` starts from empty state (upgrade mode stateless), and the operator gives every such start a new random job id.";
            case SESSION_CLUSTER -> "SessionCluster `" + p.name() + "` runs many jobs, each with its own id.";
            case SESSION_JOB -> "The operator gives session job `" + p.name() + "` a new random job id on every submission.";
        };
    }

    private static void checkUris(ResourcePlan p, ArtifactPlan artifact, RuleContext context) {
        for (ArtifactPlan.Uri uri : artifact.uris()) {
            // A reference is reported first (FO921): the URI cannot be rendered either way.
            if (SecretReferences.has(uri.value()) || !Placeholders.usesJobId(uri.value())) continue;
            context.report(Code.JOB_ID_NOT_KNOWN, p.source(), uri.pointer(),
                    "`" + uri.field() + "` uses `{{ jobId }}`, but the job id of `" + p.name() + "` is not known when flinkops renders it.",
                    "Remove `{{ jobId }}` from the URI.");
        }
    }
}
