package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.Kind;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.rules.FlinkConfigs.Block;
import io.flinkops.validate.rules.FlinkConfigs.Setting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flink configuration keys (FO401–FO403): keys the operator owns, keys Flink does not know, and options
 * set under their current and a deprecated name with different values.
 */
public final class ConfigKeyRules implements Rule {

    /** The keys the operator sets itself and rejects in a resource (DefaultValidator), with what it sets them to. */
    static final Map<String, String[]> FORBIDDEN = Map.of(
            "kubernetes.namespace", new String[]{
                    "to the Kubernetes namespace of the FlinkDeployment",
                    "Remove the key; the Kubernetes namespace comes from the DeploymentTarget's `kubernetes.namespace`."},
            "kubernetes.cluster-id", new String[]{
                    "to the name of the FlinkDeployment",
                    "Remove the key; the cluster id is the name of the Deployment or SessionCluster."},
            "high-availability.cluster-id", new String[]{
                    "to the cluster id, so that the HA data of each deployment stays apart",
                    "Remove the key; the operator derives it from the cluster id."});

    /**
     * Key families that no option definition in Flink's jars lists, yet are read (FO402 does not warn):
     * <ul>
     * <li>{@code kubernetes.operator.}, {@code job.autoscaler.}: the Flink Kubernetes Operator's own options
     *     (its jar, not Flink's), read per resource from {@code flinkConfiguration};</li>
     * <li>{@code s3.}, {@code s3a.}, {@code fs.s3a.}, {@code presto.s3.}, {@code gs.}, {@code fs.gs.},
     *     {@code fs.azure.}, {@code fs.oss.}: the filesystem plugins copy every key with their prefixes into
     *     their Hadoop/Presto configuration;</li>
     * <li>{@code flink.hadoop.}: copied into the Hadoop configuration;</li>
     * <li>{@code containerized.master.env.}, {@code containerized.taskmanager.env.}: environment variables
     *     of the JobManager and TaskManager processes (the rest of the key is the variable's name);</li>
     * <li>{@code pipeline.global-job-parameters.}: the map option written one entry per key.</li>
     * </ul>
     * Reporter and external-resource families ({@code metrics.reporter.<name>.*}, {@code traces.reporter.<name>.*},
     * {@code external-resource.<name>.*}) are in the catalogue itself as placeholder keys.
     */
    static final List<String> PASS_THROUGH_PREFIXES = List.of(
            "kubernetes.operator.", "job.autoscaler.",
            "s3.", "s3a.", "fs.s3a.", "presto.s3.", "gs.", "fs.gs.", "fs.azure.", "fs.oss.",
            "flink.hadoop.",
            "containerized.master.env.", "containerized.taskmanager.env.",
            "pipeline.global-job-parameters.");

    private final KnownFlinkOptions known;

    public ConfigKeyRules() {
        this(FlinkOptions.catalogue());
    }

    /** @param known the known keys; null when no catalogue is available (FO402 is then skipped) */
    public ConfigKeyRules(KnownFlinkOptions known) {
        this.known = known;
    }

    @Override
    public Set<Code> codes() {
        return Set.of(Code.FORBIDDEN_CONFIG_KEY, Code.UNKNOWN_CONFIG_KEY, Code.CONFLICTING_KEY_ALIASES);
    }

    @Override
    public void check(ResolvedRepo repo, RuleContext context) {
        for (Block block : FlinkConfigs.writtenBlocks(repo)) {
            String version = flinkVersion(repo, block);
            for (Setting s : block.settings()) {
                String[] why = FORBIDDEN.get(s.key());
                if (why != null) {
                    context.diagnostics().report(Code.FORBIDDEN_CONFIG_KEY, s.keyLocation(), s.pointer(),
                            "`" + s.key() + "` must not be set: the operator sets it itself (" + why[0]
                                    + ") and rejects resources that set it (\"Forbidden Flink config key: " + s.key() + "\").",
                            why[1]);
                } else if (known != null) {
                    checkKnown(s, version, context);
                }
            }
        }
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            for (Resolved<DeploymentSpec> d : ns.deployments().values()) {
                if (!d.isTyped()) continue;
                Map<String, Setting> settings = FlinkConfigs.effectiveSettings(repo, d);
                checkAliases(settings, d.document().file(), context);
                if (known != null) checkInheritedForVersion(repo, d, settings, context);
            }
            for (Resolved<SessionClusterSpec> c : ns.sessionClusters().values()) {
                if (c.isTyped()) checkAliases(FlinkConfigs.sessionClusterSettings(c), c.document().file(), context);
            }
        }
    }

    // ---- FO402

    static boolean isPassThrough(String key) {
        for (String prefix : PASS_THROUGH_PREFIXES) {
            if (key.startsWith(prefix) && key.length() > prefix.length()) return true;
        }
        return false;
    }

    private boolean knownFor(String key, String version) {
        if (version == null) return known.isKnown(key);
        try {
            return known.isKnown(key, version);
        } catch (IllegalArgumentException e) {
            return known.isKnown(key); // not a version (FO602 reports it)
        }
    }

    private void checkKnown(Setting s, String version, RuleContext context) {
        String key = s.key();
        if (isPassThrough(key) || knownFor(key, version)) return;
        if (known.isKnown(key)) {
            reportOtherVersion(s, version, context);
            return;
        }
        String hint = known.suggestions(key, 1).stream().findFirst()
                .map(c -> "Did you mean `" + c + "`?")
                .orElse("Check the key against the Flink configuration reference.");
        context.diagnostics().report(Code.UNKNOWN_CONFIG_KEY, s.keyLocation(), s.pointer(),
                "Unknown Flink configuration key `" + key + "`; Flink ignores keys it does not know.", hint);
    }

    private void reportOtherVersion(Setting s, String version, RuleContext context) {
        String key = s.key();
        Optional<String> instead = known.suggestions(key, 5).stream().filter(c -> knownFor(c, version)).findFirst();
        context.diagnostics().report(Code.UNKNOWN_CONFIG_KEY, s.keyLocation(), s.pointer(),
                "`" + key + "` is not a configuration key of Flink " + version + " (only of other Flink versions); Flink " + version + " ignores it.",
                instead.map(c -> "Did you mean `" + c + "`?").orElse("Use the key that Flink " + version + " knows for this setting, or remove it."));
    }

    /**
     * Keys a Deployment inherits from a defaults file are checked there against every Flink version; here
     * they are checked against the Deployment's own version and reported at the defaults file.
     */
    private void checkInheritedForVersion(ResolvedRepo repo, Resolved<DeploymentSpec> d, Map<String, Setting> settings, RuleContext context) {
        String version = deploymentVersion(repo, d);
        if (version == null) return;
        for (Setting s : settings.values()) {
            if (s.owner() != d || s.file().equals(d.document().file())) continue; // cluster keys and own keys: checked as written
            if (FORBIDDEN.containsKey(s.key()) || isPassThrough(s.key()) || knownFor(s.key(), version)) continue;
            if (known.isKnown(s.key())) reportOtherVersion(s, version, context);
        }
    }

    /** The Flink version a configuration block is read by; null for defaults files (any version). */
    private static String flinkVersion(ResolvedRepo repo, Block block) {
        if (block.owner().spec() instanceof SessionClusterSpec c) return c.flinkVersion();
        if (block.document().kind() == Kind.DEPLOYMENT) {
            ResolvedNamespace ns = repo.namespaces().get(block.namespace());
            Resolved<DeploymentSpec> d = ns == null ? null : ns.deployments().get(block.document().name());
            return d == null || d.document() != block.document() || !d.isTyped() ? null : deploymentVersion(repo, d);
        }
        return null;
    }

    /** A Deployment's Flink version: its artifact's, in session mode its SessionCluster's. */
    private static String deploymentVersion(ResolvedRepo repo, Resolved<DeploymentSpec> d) {
        Optional<Resolved<SessionClusterSpec>> cluster = FlinkConfigs.sessionCluster(repo, d);
        if (cluster.isPresent()) return cluster.get().spec().flinkVersion();
        var artifact = d.spec().templateSpec().artifact();
        return artifact == null ? null : artifact.flinkVersion();
    }

    // ---- FO403

    private String currentName(String key) {
        Optional<String> canonical = known == null ? Optional.empty() : known.canonicalKeyOf(key);
        return canonical.orElseGet(() -> KnownFlinkOptions.modelAliases().getOrDefault(key, key));
    }

    private void checkAliases(Map<String, Setting> settings, String ownFile, RuleContext context) {
        Map<String, List<Setting>> byOption = new LinkedHashMap<>();
        for (Setting s : settings.values()) {
            byOption.computeIfAbsent(currentName(s.key()), k -> new ArrayList<>()).add(s);
        }
        byOption.forEach((current, group) -> {
            if (group.size() < 2) return;
            Setting reference = group.stream().filter(s -> s.key().equals(current)).findFirst().orElse(group.get(0));
            for (Setting old : group) {
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
