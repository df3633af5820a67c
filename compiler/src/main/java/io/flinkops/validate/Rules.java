package io.flinkops.validate;

import io.flinkops.diag.Diagnostics;
import io.flinkops.plan.RepoPlan;
import io.flinkops.validate.rules.ArtifactFetchRules;
import io.flinkops.validate.rules.ArtifactMappingRules;
import io.flinkops.validate.rules.ArtifactRules;
import io.flinkops.validate.rules.ArtifactUriRules;
import io.flinkops.validate.rules.AutoscalerRules;
import io.flinkops.validate.rules.ConfigKeyRules;
import io.flinkops.validate.rules.ConfigValueRules;
import io.flinkops.validate.rules.ConfigVersionRules;
import io.flinkops.validate.rules.EmittedObjectRules;
import io.flinkops.validate.rules.FieldReferenceRules;
import io.flinkops.validate.rules.FlinkVersionRules;
import io.flinkops.validate.rules.FileSystemPluginRule;
import io.flinkops.validate.rules.ImageRules;
import io.flinkops.validate.rules.JobIdRules;
import io.flinkops.validate.rules.LabelRules;
import io.flinkops.validate.rules.ReconcileSwitchRule;
import io.flinkops.validate.rules.LiteralSecretRules;
import io.flinkops.validate.rules.LocalStateDirRules;
import io.flinkops.validate.rules.NameRules;
import io.flinkops.validate.rules.OperatorFeatureRules;
import io.flinkops.validate.rules.OperatorResourceRules;
import io.flinkops.validate.rules.PlaceholderRules;
import io.flinkops.validate.rules.PodAdditionRules;
import io.flinkops.validate.rules.PodTemplateRule;
import io.flinkops.validate.rules.PodsAndTemplatesRule;
import io.flinkops.validate.rules.PodsObjectsRule;
import io.flinkops.validate.rules.PolicyRule;
import io.flinkops.validate.rules.ReferenceRules;
import io.flinkops.validate.rules.ResourceRules;
import io.flinkops.validate.rules.RuntimeReferenceRules;
import io.flinkops.validate.rules.SecretRules;
import io.flinkops.validate.rules.SessionJarRules;
import io.flinkops.validate.rules.SessionJobRules;
import io.flinkops.validate.rules.SessionModeRules;
import io.flinkops.validate.rules.SlotUseRules;
import io.flinkops.validate.rules.StateRules;
import io.flinkops.validate.rules.TargetRules;
import io.flinkops.validate.rules.VervericaImageRule;
import io.flinkops.validate.rules.VvpSettingRules;
import io.flinkops.validate.rules.fence.FencePolicyRule;
import io.flinkops.validate.rules.fence.KubernetesNamespaceFenceRule;
import io.flinkops.validate.rules.fence.OwnerFilesRule;
import io.flinkops.validate.rules.fence.RbacSubjectRule;
import io.flinkops.validate.rules.fence.RestExposureRule;
import io.flinkops.validate.rules.fence.ServiceAccountRule;
import io.flinkops.validate.rules.fence.SharedKubernetesNamespaceRule;
import io.flinkops.validate.rules.fence.StorageFenceRule;
import io.flinkops.validate.rules.operations.OperationTimeRules;
import io.flinkops.validate.rules.operations.RedeployRules;
import io.flinkops.validate.rules.operations.SavepointFormatRule;
import io.flinkops.validate.rules.operations.SavepointReferenceRule;
import io.flinkops.validate.rules.logging.LogTemplateRules;
import io.flinkops.validate.rules.logging.LoggerRules;
import io.flinkops.validate.rules.logging.LoggingProfileRules;
import io.flinkops.validate.rules.podsecurity.PodSecurityRules;

import java.util.List;

/** The semantic rules, in the order they report. Rules are stateless, so one list serves every compilation. */
public final class Rules {
    private static final List<Rule> ALL = List.of(
            // names and references
            new NameRules(),
            new ReferenceRules(),
            new TargetRules(),
            // the fences between teams (docs/security.md)
            new FencePolicyRule(),
            new KubernetesNamespaceFenceRule(),
            new SharedKubernetesNamespaceRule(),
            new StorageFenceRule(),
            new OwnerFilesRule(),
            new RbacSubjectRule(),
            new ServiceAccountRule(),
            new RestExposureRule(),
            new EmittedObjectRules(),
            new SessionJobRules(),
            // resources, versions, images, artifacts
            new ResourceRules(),
            new OperatorResourceRules(),
            new ConfigValueRules(),
            new AutoscalerRules(),
            new FlinkVersionRules(),
            new ImageRules(),
            new VervericaImageRule(),
            new FileSystemPluginRule(),
            new ArtifactRules(),
            new ArtifactUriRules(),
            new SessionJarRules(),
            new ArtifactFetchRules(),
            new SlotUseRules(),
            // upgrade, restore, high availability; Flink configuration and secrets
            new StateRules(),
            new OperatorFeatureRules(),
            new LocalStateDirRules(),
            // day-2 operations: savepoints, restarts, redeploys
            new SavepointReferenceRule(),
            new OperationTimeRules(),
            new RedeployRules(),
            new SavepointFormatRule(),
            new ConfigKeyRules(),
            new ConfigVersionRules(),
            new VvpSettingRules(),
            new SecretRules(),
            new LiteralSecretRules(),
            new PlaceholderRules(),
            // logging, pods and pod templates, Pod Security Standards
            new LoggerRules(),
            new LoggingProfileRules(),
            new LogTemplateRules(),
            new PodsAndTemplatesRule(),
            new PodTemplateRule(),
            new PodsObjectsRule(),
            new PodSecurityRules(),
            // what becomes of the plan in the operator's objects: references, job ids, artifacts, labels, pod additions
            new RuntimeReferenceRules(),
            new FieldReferenceRules(),
            new JobIdRules(),
            new SessionModeRules(),
            new ArtifactMappingRules(),
            new LabelRules(),
            new ReconcileSwitchRule(),
            new PodAdditionRules(),
            // the repo's own policies (docs/policies.md), after every built-in rule
            new PolicyRule());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static void check(RepoPlan plan, RuleContext context) {
        run(ALL, plan, context);
    }

    /** The rules that judge each namespace on its own (see {@link Rule#spansNamespaces()}). */
    public static void checkWithinNamespaces(RepoPlan plan, RuleContext context) {
        run(ALL.stream().filter(rule -> !rule.spansNamespaces()).toList(), plan, context);
    }

    /** The rules that compare resources of different namespaces. */
    public static void checkAcrossNamespaces(RepoPlan plan, RuleContext context) {
        run(ALL.stream().filter(Rule::spansNamespaces).toList(), plan, context);
    }

    /**
     * Rules only read the repo, so they run in parallel, each reporting into diagnostics of its own; these are
     * merged in rule order, so the result is the same as running them one after the other.
     */
    private static void run(List<Rule> rules, RepoPlan plan, RuleContext context) {
        List<Diagnostics> found = rules.parallelStream().map(rule -> {
            Diagnostics diagnostics = new Diagnostics();
            rule.check(plan, new RuleContext(diagnostics, context.knockOns()));
            return diagnostics;
        }).toList();
        found.forEach(context.diagnostics()::addAll);
    }
}
