package io.flinkops.validate;

import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.rules.ArtifactRules;
import io.flinkops.validate.rules.FlinkVersionRules;
import io.flinkops.validate.rules.ImageRules;
import io.flinkops.validate.rules.ResourceRules;

import java.util.List;

/** The semantic rules, in the order they run. */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(
                new ResourceRules(),
                new FlinkVersionRules(),
                new ImageRules(),
                new ArtifactRules());
    }

    public static void check(ResolvedRepo repo, RuleContext context) {
        for (Rule rule : all()) {
            rule.check(repo, context);
        }
    }
}
