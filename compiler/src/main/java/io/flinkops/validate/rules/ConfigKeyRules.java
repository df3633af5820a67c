package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.flinkconfig.ConfigBlock;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.KnownOptions;
import io.flinkops.flinkconfig.LocatedConfiguration;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.flinkconfig.OperatorKeys;
import io.flinkops.flinkconfig.OptionCatalogue;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flink configuration keys (FO401–FO403): keys the operator owns, keys Flink does not know, and options
 * set under their current and a deprecated name with different values. A key of another Flink version gets the name
 * the deployment's version knows the setting by; a 1.x key on Flink 2.x is left to FO409 ({@link ConfigVersionRules}).
 */
public final class ConfigKeyRules implements Rule {
    private final Optional<KnownOptions> known;

    public ConfigKeyRules() {
        this(OptionCatalogue.get());
    }

    /** @param known the known keys; empty when no catalogue is available (FO402 is then skipped) */
    public ConfigKeyRules(Optional<KnownOptions> known) {
        this.known = known;
    }

    @Override
    public Set<Code> codes() {
        return Set.of(Code.FORBIDDEN_CONFIG_KEY, Code.UNKNOWN_CONFIG_KEY, Code.CONFLICTING_KEY_ALIASES);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        // The Flink version each Deployment's and SessionCluster's own block is read by; defaults files: any version.
        Map<Object, String> versions = new IdentityHashMap<>();
        plan.plans().forEach(p -> versions.put(p.source().document(),
                known.filter(k -> k.checksVersion(p.flinkVersion())).map(k -> p.flinkVersion()).orElse(null)));
        for (ConfigBlock block : ConfigBlock.of(plan.resolved())) {
            String version = versions.get(block.document());
            for (LocatedSetting s : block.configuration().settings()) {
                OperatorKeys.Forbidden forbidden = OperatorKeys.FORBIDDEN.get(s.key());
                if (forbidden != null) {
                    context.diagnostics().report(Code.FORBIDDEN_CONFIG_KEY, s.keyLocation(), s.pointer(),
                            "`" + s.key() + "` must not be set: the operator sets it itself (" + forbidden.setTo()
                                    + ") and rejects resources that set it (\"Forbidden Flink config key: " + s.key() + "\").",
                            forbidden.hint());
                } else {
                    known.ifPresent(k -> checkKnown(k, s, version, context));
                }
            }
        }
        for (ResourcePlan p : plan.plans()) {
            LocatedConfiguration settings = p.configuration();
            checkAliases(settings, p.source().document().file(), context);
            if (p.kind() != ResourcePlan.Kind.SESSION_CLUSTER) known.ifPresent(k -> checkInheritedForVersion(k, p, settings, context));
        }
    }

    // ---- FO402

    private static boolean knownFor(KnownOptions known, String key, String version) {
        if (version == null) return known.isKnown(key);
        try {
            return known.isKnown(key, version);
        } catch (IllegalArgumentException e) {
            return known.isKnown(key); // not a version (FO602 reports it)
        }
    }

    private static void checkKnown(KnownOptions known, LocatedSetting s, String version, RuleContext context) {
        String key = s.key();
        if (KnownOptions.isPassThrough(key) || knownFor(known, key, version)) return;
        if (known.isKnown(key)) {
            reportOtherVersion(known, s, version, context);
            return;
        }
        String hint = known.suggestions(key, 1).stream().findFirst()
                .map(c -> "Did you mean `" + c + "`?")
                .orElse("Check the key against the Flink configuration reference.");
        context.diagnostics().report(Code.UNKNOWN_CONFIG_KEY, s.keyLocation(), s.pointer(),
                "Unknown Flink configuration key `" + key + "`; Flink ignores keys it does not know.", hint);
    }

    private static void reportOtherVersion(KnownOptions known, LocatedSetting s, String version, RuleContext context) {
        String key = s.key();
        if (removedInFlink2(known, key, version)) return; // FO409 (ConfigVersionRules) reports it, with the new key
        Optional<String> name = nameIn(known, key, version);
        String hint = name.map(n -> "Flink " + version + " knows this setting as `" + n + "`; write that instead.")
                .orElseGet(() -> known.suggestions(key, 5).stream().filter(c -> knownFor(known, c, version)).findFirst()
                        .map(c -> "Did you mean `" + c + "`?")
                        .orElse("Use the key that Flink " + version + " knows for this setting, or remove it."));
        context.diagnostics().report(Code.UNKNOWN_CONFIG_KEY, s.keyLocation(), s.pointer(),
                "`" + key + "` is not a configuration key of Flink " + version + " (only of other Flink versions); Flink " + version + " ignores it.",
                hint);
    }

    /** Whether FO409 reports the key for this version instead (a key of 1.x that a 2.x version no longer knows). */
    static boolean removedInFlink2(KnownOptions known, String key, String version) {
        try {
            return version != null && known.removedIn(key, version).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> nameIn(KnownOptions known, String key, String version) {
        try {
            return known.nameIn(key, version);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Keys a Deployment inherits from a defaults file are checked there against every Flink version; here
     * they are checked against the Deployment's own version and reported at the defaults file.
     */
    private static void checkInheritedForVersion(KnownOptions known, ResourcePlan p, LocatedConfiguration settings, RuleContext context) {
        String version = p.flinkVersion();
        if (!known.checksVersion(version)) return;
        String ownFile = p.source().document().file();
        for (LocatedSetting s : settings.settings()) {
            if (s.owner() != p.source() || s.file().equals(ownFile)) continue; // cluster keys and own keys: checked as written
            if (OperatorKeys.FORBIDDEN.containsKey(s.key()) || KnownOptions.isPassThrough(s.key()) || knownFor(known, s.key(), version)) continue;
            if (known.isKnown(s.key())) reportOtherVersion(known, s, version, context);
        }
    }

    // ---- FO403

    private String currentName(String key) {
        return known.map(k -> k.currentName(key)).orElseGet(() -> FlinkOptions.aliases().getOrDefault(key, key));
    }

    private void checkAliases(LocatedConfiguration settings, String ownFile, RuleContext context) {
        Map<String, List<LocatedSetting>> byOption = new LinkedHashMap<>();
        for (LocatedSetting s : settings.settings()) {
            byOption.computeIfAbsent(currentName(s.key()), k -> new ArrayList<>()).add(s);
        }
        byOption.forEach((current, group) -> {
            if (group.size() < 2) return;
            LocatedSetting reference = group.stream().filter(s -> s.key().equals(current)).findFirst().orElse(group.get(0));
            for (LocatedSetting old : group) {
                if (old == reference || old.value().trim().equals(reference.value().trim())) continue;
                Location oldAt = old.keyLocation();
                Location refAt = reference.keyLocation();
                String relation = reference.key().equals(current)
                        ? "`" + old.key() + "` is an old name of `" + current + "`"
                        : "`" + old.key() + "` and `" + reference.key() + "` are old names of `" + current + "`";
                String hint = !old.file().equals(ownFile) && old.owner().spec() instanceof DeploymentSpec
                        ? "Keep only `" + current + "`: remove `" + old.key() + "` from " + old.file() + ", or set it to null in the Deployment."
                        : "Remove `" + old.key() + "` and keep only `" + current + "`.";
                context.diagnostics().report(Code.CONFLICTING_KEY_ALIASES, oldAt, old.pointer(),
                        relation + ", and they are set to different values (here and at " + refAt
                                + "); which one applies depends on the Flink version.", hint);
            }
        });
    }
}
