package io.flinkops.validate;

import io.flinkops.resolve.ResolvedRepo;

import java.util.List;

/** The semantic rules, in the order they run. */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(
                new io.flinkops.validate.rules.NameRules(),
                new io.flinkops.validate.rules.ReferenceRules(),
                new io.flinkops.validate.rules.TargetRules(),
                new io.flinkops.validate.rules.EmittedObjectRules(),
                new io.flinkops.validate.rules.SessionJobRules(),
                new io.flinkops.validate.rules.StateRules(),
                new io.flinkops.validate.rules.ConfigKeyRules(),
                new io.flinkops.validate.rules.SecretRules(),
                new io.flinkops.validate.rules.PlaceholderRules());
    }

    public static void check(ResolvedRepo repo, RuleContext context) {
        for (Rule rule : all()) {
            rule.check(repo, context);
        }
    }
}
