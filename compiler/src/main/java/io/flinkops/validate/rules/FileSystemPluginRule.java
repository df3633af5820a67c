package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.FlinkOption;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.model.FlinkImage;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.pods.PodTemplates;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FO610: a state directory on a blob store (s3, gs, Azure, oss) with flinkops' default image and no file system plugin
 * enabled. Ververica Platform's images have these file systems built in, so VVP documents never enable them, and a VVP
 * document without image fields gets flinkops' default, Apache Flink's image, which ships them as optional plugins,
 * enabled with the {@code ENABLE_BUILT_IN_PLUGINS} environment variable; without one the job fails at its first
 * checkpoint ("Could not find a file system implementation for scheme"). Only the default image: an image someone
 * chose may have the plugin baked in. A warning: the plugin can also be mounted.
 */
public final class FileSystemPluginRule implements Rule {
    static final String ENV = "ENABLE_BUILT_IN_PLUGINS";
    /**
     * A file system plugin of Apache Flink's image.
     *
     * @param serves what an enabled plugin's jar name contains when it serves the scheme ({@code s3-fs}: either S3 plugin)
     * @param jar    the plugin to suggest, as its jar is named without the version ({@code s3-fs-presto})
     */
    private record Plugin(String serves, String jar) {
    }

    private static final Plugin AZURE = new Plugin("azure-fs", "azure-fs-hadoop");
    /** URI scheme → the plugin that serves it. */
    private static final Map<String, Plugin> PLUGINS = Map.of("s3", new Plugin("s3-fs", "s3-fs-presto"),
            "s3a", new Plugin("s3-fs-hadoop", "s3-fs-hadoop"), "s3p", new Plugin("s3-fs-presto", "s3-fs-presto"),
            "gs", new Plugin("gs-fs", "gs-fs-hadoop"), "wasb", AZURE, "wasbs", AZURE, "abfs", AZURE, "abfss", AZURE,
            "oss", new Plugin("oss-fs", "oss-fs-hadoop"));
    private static final Pattern PATCH_VERSION = Pattern.compile("^\\d+\\.\\d+\\.\\d+");
    private static final List<FlinkOption> DIRECTORIES = List.of(FlinkOptions.CHECKPOINT_DIR, FlinkOptions.SAVEPOINT_DIR, FlinkOptions.HA_STORAGE_DIR);

    @Override
    public Set<Code> codes() {
        return Set.of(Code.FILE_SYSTEM_PLUGIN_NOT_ENABLED);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        for (ResourcePlan p : plan.plans()) {
            if (p.kind() == ResourcePlan.Kind.SESSION_JOB) continue; // its cluster's pods write its state
            ClusterPlan cluster = p.cluster().orElse(null);
            if (cluster == null || p.flinkVersion() == null || !cluster.image().equals(FlinkImage.builtInDefault(p.flinkVersion()))) continue;
            String enabled = PodTemplates.mainContainerEnv(cluster.kubernetes()).getOrDefault(ENV, "");
            for (FlinkOption option : DIRECTORIES) {
                Optional<LocatedSetting> s = p.configuration().setting(option);
                if (s.isEmpty()) continue;
                String scheme = scheme(s.get().value());
                Plugin plugin = PLUGINS.get(scheme);
                if (plugin == null || enabled.contains(plugin.serves())) continue;
                String jar = jarName(plugin, cluster.image().tag());
                context.diagnostics().report(Code.FILE_SYSTEM_PLUGIN_NOT_ENABLED, s.get().location(), s.get().pointer(),
                        p.describe() + " keeps its state on `" + scheme + "://` (`" + s.get().key() + "`) and runs flinkops' default image, Apache Flink's `"
                                + cluster.image().reference() + "`, which has that file system only as a plugin, and none is enabled, so the job fails at its "
                                + "first checkpoint. (Ververica Platform's images have it built in.)",
                        "Enable the plugin in the pods: env var `" + ENV + "` with the value `" + jar + "` in `kubernetes.pods.envVars` "
                                + "(`;`-separated for several; the name carries the image's exact Flink version, so pin the image's tag), or set an image "
                                + "that has the plugin in `/opt/flink/plugins` (`defaultImages` in flinkops.yaml, or the image fields).");
                break; // one finding per resource: the fix is the same for every directory
            }
        }
    }

    /** The plugin's jar in the image's {@code opt/}: {@code flink-s3-fs-presto-1.20.3.jar}, the exact version taken from the tag. */
    private static String jarName(Plugin plugin, String tag) {
        Matcher m = tag == null ? null : PATCH_VERSION.matcher(tag);
        String version = m != null && m.find() ? m.group() : "<Flink version, e.g. 1.20.3>";
        return "flink-" + plugin.jar() + "-" + version + ".jar";
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf("://");
        return colon <= 0 ? "" : uri.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    }
}
