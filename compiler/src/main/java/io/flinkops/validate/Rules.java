package io.flinkops.validate;

import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.rules.ArtifactRules;
import io.flinkops.validate.rules.ConfigKeyRules;
import io.flinkops.validate.rules.EmittedObjectRules;
import io.flinkops.validate.rules.FlinkVersionRules;
import io.flinkops.validate.rules.ImageRules;
import io.flinkops.validate.rules.LoggingRules;
import io.flinkops.validate.rules.NameRules;
import io.flinkops.validate.rules.PlaceholderRules;
import io.flinkops.validate.rules.PodRules;
import io.flinkops.validate.rules.PodSecurityRules;
import io.flinkops.validate.rules.ReferenceRules;
import io.flinkops.validate.rules.ResourceRules;
import io.flinkops.validate.rules.SecretRules;
import io.flinkops.validate.rules.SessionJobRules;
import io.flinkops.validate.rules.StateRules;
import io.flinkops.validate.rules.TargetRules;

import java.util.List;

/** The semantic rules, in the order they run. Rules are stateless, so one list serves every compilation. */
public final class Rules {
    private static final List<Rule> ALL = List.of(
            // names and references
            new NameRules(),
            new ReferenceRules(),
            new TargetRules(),
            new EmittedObjectRules(),
            new SessionJobRules(),
            // resources, versions, images, artifacts
            new ResourceRules(),
            new FlinkVersionRules(),
            new ImageRules(),
            new ArtifactRules(),
            // upgrade, restore, high availability; Flink configuration and secrets
            new StateRules(),
            new ConfigKeyRules(),
            new SecretRules(),
            new PlaceholderRules(),
            // logging, pods and pod templates, Pod Security Standards
            new LoggingRules(),
            new PodRules(),
            new PodSecurityRules());

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    public static void check(ResolvedRepo repo, RuleContext context) {
        for (Rule rule : ALL) {
            rule.check(repo, context);
        }
    }

    /** The rules that judge each namespace on its own (see {@link Rule#spansNamespaces()}). */
    public static void checkWithinNamespaces(ResolvedRepo repo, RuleContext context) {
        for (Rule rule : ALL) {
            if (!rule.spansNamespaces()) rule.check(repo, context);
        }
    }

    /** The rules that compare resources of different namespaces. */
    public static void checkAcrossNamespaces(ResolvedRepo repo, RuleContext context) {
        for (Rule rule : ALL) {
            if (rule.spansNamespaces()) rule.check(repo, context);
        }
    }
}
