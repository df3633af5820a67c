package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.flinkconfig.ConfigBlock;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.flinkconfig.VvpSettings;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.Optional;
import java.util.Set;

/**
 * FO411–FO413: Ververica Platform settings that Apache Flink does not understand ({@link VvpSettings}), never passed
 * through silently. VVP's own high availability is rendered as Flink's Kubernetes high availability (FO411, a warning),
 * unless that cannot start for lack of a storage directory (FO412); VVP's {@code wiaz://} file system is an error
 * wherever a configuration value uses it (FO413).
 */
public final class VvpSettingRules implements Rule {

    @Override
    public Set<Code> codes() {
        return Set.of(Code.VVP_HIGH_AVAILABILITY, Code.VVP_HIGH_AVAILABILITY_WITHOUT_STORAGE, Code.VVP_ONLY_FILE_SYSTEM);
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        plan.clusters().forEach(p -> checkHighAvailability(p, context));
        for (ConfigBlock block : ConfigBlock.of(plan.resolved())) {
            for (LocatedSetting s : block.configuration().settings()) {
                if (!VvpSettings.VVP_FILE_SYSTEM.matcher(s.value()).find()) continue;
                context.diagnostics().report(Code.VVP_ONLY_FILE_SYSTEM, s.location(), s.pointer(),
                        "`" + s.key() + "` uses `wiaz://`, Ververica Platform's own file system for Azure Blob Storage with workload "
                                + "identity, which Apache Flink does not have: Flink fails as soon as it uses the path.",
                        "Use `abfss://<container>@<account>.dfs.core.windows.net/<path>` with Flink's Azure file system plugin "
                                + "(flink-azure-fs-hadoop) and workload identity set up in `fs.azure.*` keys.");
            }
        }
    }

    private static void checkHighAvailability(ResourcePlan p, RuleContext context) {
        Optional<LocatedSetting> vvp = FlinkOptions.HA_TYPE.names().stream()
                .map(k -> p.configuration().get(k)).flatMap(Optional::stream)
                .filter(s -> VvpSettings.isVvpHa(s.value())).findFirst();
        if (vvp.isEmpty()) return;
        LocatedSetting s = vvp.get();
        String written = "`" + s.key() + ": " + s.value().trim() + "`";
        String flink = VvpSettings.describeKubernetesHa(p.flinkVersion());
        if (p.configuration().values().isSet(FlinkOptions.HA_STORAGE_DIR)) {
            context.diagnostics().report(Code.VVP_HIGH_AVAILABILITY, s.keyLocation(), s.pointer(),
                    written + " is Ververica Platform's own high availability, which Apache Flink does not have; flinkops renders "
                            + "Flink's Kubernetes high availability instead (" + flink + " for Flink " + p.flinkVersion() + ").",
                    "Write " + flink + " to say so in the repo.");
        } else {
            context.diagnostics().report(Code.VVP_HIGH_AVAILABILITY_WITHOUT_STORAGE, s.keyLocation(), s.pointer(),
                    written + " is Ververica Platform's own high availability, which kept its metadata in VVP's Universal Blob "
                            + "Storage. Its Apache Flink counterpart, Kubernetes high availability, needs `"
                            + FlinkOptions.HA_STORAGE_DIR.current() + "`, which " + p.describe() + " does not set, so its JobManager would not start.",
                    "Write " + flink + " and set `" + FlinkOptions.HA_STORAGE_DIR.current()
                            + "` (e.g. `s3://<bucket>/{{ namespace }}/{{ deploymentName }}/ha`), or remove the key to run without high availability.");
        }
    }
}
