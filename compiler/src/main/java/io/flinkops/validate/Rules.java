package io.flinkops.validate;

import io.flinkops.resolve.ResolvedRepo;

import java.util.List;

/** The semantic rules, in the order they run. */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(
                new io.flinkops.validate.rules.LoggingRules(),
                new io.flinkops.validate.rules.PodRules());
    }

    public static void check(ResolvedRepo repo, RuleContext context) {
        for (Rule rule : all()) {
            rule.check(repo, context);
        }
    }
}
