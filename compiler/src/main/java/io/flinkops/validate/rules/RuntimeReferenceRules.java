package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.flinkconfig.OperatorKeys;
import io.flinkops.flinkconfig.SecretReferences;
import io.flinkops.plan.ArtifactPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Set;
import java.util.SortedSet;

/**
 * FO921: a {@code ${NAME}} reference is only filled in where flinkops' entrypoint can fill it: in the Flink
 * configuration of a FlinkDeployment's pods, under a key Flink reads, with a name that can be an environment
 * variable. Not in keys the operator reads itself, not in a session job's configuration (the operator submits it as
 * written), not in artifact URIs.
 */
public final class RuntimeReferenceRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.REFERENCE_NOT_AVAILABLE_AT_RUNTIME);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            if (p.isSessionJob()) checkSessionJob(p, context);
            else checkConfiguration(p, context);
            p.job().ifPresent(job -> checkUris(p, job.artifact(), context));
        }
    }

    private static void checkConfiguration(ResourcePlan p, RuleContext context) {
        for (LocatedSetting s : p.ownConfiguration().settings()) {
            String key = s.key();
            if (!SecretReferences.has(s.value())) continue;
            SortedSet<String> names = SecretReferences.names(s.value());
            if (OperatorKeys.readByOperator(key)) {
                context.report(Code.REFERENCE_NOT_AVAILABLE_AT_RUNTIME, p.source(), s.pointer(),
                        "`" + key + "` refers to " + String.join(", ", names.stream().map(n -> "`${" + n + "}`").toList())
                                + ", but the operator reads `" + key + "` itself and would use the reference unexpanded.",
                        "Write the value without a reference (it is not a secret), or give the operator access another way.");
                continue;
            }
            for (String name : names) {
                if (SecretReferences.isEnvName(name)) continue;
                context.report(Code.REFERENCE_NOT_AVAILABLE_AT_RUNTIME, p.source(), s.pointer(),
                        "`${" + name + "}` in `" + key + "` cannot be an environment variable name, so it cannot reach Flink.",
                        "Rename the secret (and the reference) so that it does not start with a digit.");
            }
        }
    }

    private static void checkSessionJob(ResourcePlan p, RuleContext context) {
        for (LocatedSetting s : p.ownConfiguration().settings()) {
            if (!SecretReferences.has(s.value())) continue;
            context.report(Code.REFERENCE_NOT_AVAILABLE_AT_RUNTIME, p.source(), s.pointer(),
                    "`" + s.key() + "` of session job `" + p.name() + "` contains a `${…}` reference, but the operator submits a session job's configuration as written, so nothing would fill it in.",
                    "Set the key with its reference on SessionCluster `" + p.deployment().spec().sessionClusterName()
                            + "`, whose pods fill references in when they start.");
        }
    }

    private static void checkUris(ResourcePlan p, ArtifactPlan artifact, RuleContext context) {
        for (ArtifactPlan.Uri uri : artifact.uris()) {
            if (!SecretReferences.has(uri.value())) continue;
            context.report(Code.REFERENCE_NOT_AVAILABLE_AT_RUNTIME, p.source(), uri.pointer(),
                    "`" + uri.field() + "` contains a `${…}` reference, but the operator and Flink read artifact URIs as written, so it would not be filled in.",
                    "Give the Flink pods access to the artifact store (workload identity or filesystem settings in `flinkConfiguration`) and write the URI without credentials.");
        }
    }
}
