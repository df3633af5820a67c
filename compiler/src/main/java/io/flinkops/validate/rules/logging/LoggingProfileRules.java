package io.flinkops.validate.rules.logging;

import io.flinkops.diag.Code;
import io.flinkops.diag.Suggestions;
import io.flinkops.logging.LoggingProfiles;
import io.flinkops.model.RepositorySpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.resolve.Resolved;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FO702, FO704: the logging profile a Deployment or SessionCluster names exists, and every profile flinkops.yaml
 * declares has a readable template file in the repo (the templates themselves: {@link LogTemplateRules}).
 */
public final class LoggingProfileRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.UNKNOWN_LOGGING_PROFILE, Code.LOGGING_PROFILE_FILE_MISSING);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        LoggingProfiles profiles = plan.logConfigurations().profiles();
        Optional<Resolved<RepositorySpec>> repository = plan.resolved().repository();
        repository.filter(Resolved::isTyped).ifPresent(r -> {
            for (LoggingProfiles.Profile p : profiles.declared()) {
                if (p.readable()) continue;
                context.report(Code.LOGGING_PROFILE_FILE_MISSING, r, RepositorySpec.LOGGING_PROFILES.child(p.name(), "file"),
                        p.problem(), p.hint());
            }
        });
        // When flinkops.yaml exists but failed its schema, its profiles are unknown, so names are not checked.
        if (!repository.map(Resolved::isTyped).orElse(true)) return;
        for (LoggingBlock block : LoggingBlock.of(plan)) {
            String name = block.logging() == null ? null : block.logging().loggingProfile();
            if (name == null || profiles.contains(name)) continue;
            List<String> names = profiles.names();
            String dym = Suggestions.didYouMean(name, names);
            context.report(Code.UNKNOWN_LOGGING_PROFILE, block.resource(), block.pointer().child("loggingProfile"),
                    "Logging profile `" + name + "` does not exist.",
                    (dym.isEmpty() ? "" : dym + " ") + "Profiles: " + String.join(", ", names)
                            + "; declare more under `loggingProfiles` in flinkops.yaml.");
        }
    }
}
