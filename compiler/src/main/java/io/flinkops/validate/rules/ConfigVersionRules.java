package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.KnownOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.flinkconfig.OperatorKeys;
import io.flinkops.flinkconfig.OptionCatalogue;
import io.flinkops.flinkconfig.VvpSettings;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FO408–FO410: the keys of a configuration against the Flink version that reads it, from the option catalogue
 * generated from Flink's jars (every minor version from 1.15 on): a key that is only the deprecated name of another
 * key in that version (FO408); a 1.x key that a 2.x version no longer knows, so the job silently runs with the default
 * (FO409); and, for 2.x, keys of which one is a prefix of another ({@code state.backend} and
 * {@code state.backend.incremental}), which cannot both be written to the nested {@code config.yaml} of Flink 2.x
 * (FO410).
 *
 * <p>Every Deployment and SessionCluster is checked with its own Flink version (a session job: its cluster's, its own
 * keys only); a key a defaults file sets is reported there. One mistake, one diagnostic: a key FO410 reports is not
 * reported as deprecated, and a key that is unknown to every Flink version is FO402's (ConfigKeyRules), which leaves
 * the keys removed in 2.x to FO409.
 */
public final class ConfigVersionRules implements Rule {
    private final Optional<KnownOptions> known;

    public ConfigVersionRules() {
        this(OptionCatalogue.get());
    }

    public ConfigVersionRules(Optional<KnownOptions> known) {
        this.known = known;
    }

    @Override
    public Set<Code> codes() {
        return Set.of(Code.DEPRECATED_CONFIG_KEY, Code.CONFIG_KEY_REMOVED_IN_FLINK_2, Code.OVERLAPPING_CONFIG_KEYS);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        if (known.isEmpty()) return;
        KnownOptions k = known.get();
        for (ResourcePlan p : plan.plans()) {
            String version = p.flinkVersion();
            if (!k.checksVersion(version)) continue; // FO601/FO602
            List<LocatedSetting> settings = new ArrayList<>();
            for (LocatedSetting s : p.configuration().settings()) {
                // A session job's cluster keys are checked with the cluster; flinkops' own and forbidden keys are not Flink's.
                if (p.isSessionJob() && s.owner() != p.source()) continue;
                if (OperatorKeys.FORBIDDEN.containsKey(s.key()) || KnownOptions.isPassThrough(s.key())) continue;
                settings.add(s);
            }
            Set<String> overlapping = p.isSessionJob() ? Set.of() : checkOverlaps(k, p, settings, version, context);
            for (LocatedSetting s : settings) {
                Optional<String> removed = k.removedIn(s.key(), version);
                if (removed.isPresent()) {
                    reportRemoved(k, p, s, version, removed.get(), context);
                } else if (!overlapping.contains(s.key())) {
                    checkDeprecated(k, p, s, version, context);
                }
            }
        }
    }

    // ---- FO409

    private static void reportRemoved(KnownOptions k, ResourcePlan p, LocatedSetting s, String version, String removedIn,
                                      RuleContext context) {
        String key = s.key();
        Optional<String> name = k.nameIn(key, version);
        Optional<LocatedSetting> replacement = name.flatMap(n -> p.configuration().get(n));
        if (replacement.isPresent() && !replacement.get().value().trim().equals(s.value().trim())) return; // FO403: the two disagree
        String hint = name.map(n -> "Write `" + n + "` instead" + (p.configuration().get(n).isPresent() ? " (it is set too: remove `" + key + "`)." : "."))
                .orElse("Flink " + version + " has no such option any more: remove the key (Flink's release notes for " + removedIn
                        + " say what replaced it, if anything).");
        context.diagnostics().report(Code.CONFIG_KEY_REMOVED_IN_FLINK_2, s.keyLocation(), s.pointer(),
                "`" + key + "` was removed in Flink " + removedIn + ": Flink " + version
                        + " ignores it, so the job silently runs with the default.", hint);
    }

    // ---- FO408

    private static void checkDeprecated(KnownOptions k, ResourcePlan p, LocatedSetting s, String version, RuleContext context) {
        if (VvpSettings.isVvpHa(s.value())) return; // FO411, FO412: the key's value is the problem, and its fix names the key
        Optional<String> current = k.canonicalKeyOf(s.key(), version);
        if (current.isEmpty()) return;
        String now = current.get();
        Optional<LocatedSetting> both = p.configuration().get(now);
        String hint;
        if (both.isPresent()) {
            if (!both.get().value().trim().equals(s.value().trim())) return; // FO403: the two disagree
            hint = "Remove `" + s.key() + "`: `" + now + "` is set to the same value.";
        } else {
            hint = "Write `" + now + "` instead of `" + s.key() + "`.";
        }
        context.diagnostics().report(Code.DEPRECATED_CONFIG_KEY, s.keyLocation(), s.pointer(),
                "`" + s.key() + "` is a deprecated name of `" + now + "` in Flink " + version + ".", hint);
    }

    // ---- FO410

    /** Reports keys that are a prefix of another key (Flink 2.x); returns the keys reported. */
    private static Set<String> checkOverlaps(KnownOptions k, ResourcePlan p, List<LocatedSetting> settings, String version,
                                             RuleContext context) {
        if (version.startsWith("1.")) return Set.of();
        Set<String> reported = new HashSet<>();
        for (LocatedSetting parent : settings) {
            if (k.removedIn(parent.key(), version).isPresent()) continue; // FO409: its new name is the fix
            for (LocatedSetting child : settings) {
                if (!child.key().startsWith(parent.key() + ".")) continue;
                // state.backend → state.backend.type: the new name sits beside state.backend.incremental, not above it.
                Optional<String> renamed = k.canonicalKeyOf(parent.key(), version);
                String hint = renamed.map(n -> "Write `" + n + "` instead of `" + parent.key() + "`.")
                        .orElse("Remove one of the two keys.");
                context.diagnostics().report(Code.OVERLAPPING_CONFIG_KEYS, parent.keyLocation(), parent.pointer(),
                        "`" + parent.key() + "` is a prefix of `" + child.key() + "` (" + child.keyLocation() + "): Flink " + version
                                + " writes its configuration as nested YAML (config.yaml), where `" + parent.key()
                                + "` cannot be both a value and the parent of `" + child.key() + "`, so the cluster does not start.", hint);
                reported.add(parent.key());
                break;
            }
        }
        return reported;
    }
}
