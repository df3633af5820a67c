package io.flinkops.validate.rules;

import io.flinkops.diag.Code;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;
import io.flinkops.validate.rules.FlinkConfigs.Block;
import io.flinkops.validate.rules.FlinkConfigs.Setting;

import java.util.Map;
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

    @Override
    public Set<Code> codes() {
        return Set.of(Code.FORBIDDEN_CONFIG_KEY);
    }

    @Override
    public void check(ResolvedRepo repo, RuleContext context) {
        for (Block block : FlinkConfigs.writtenBlocks(repo)) {
            for (Setting s : block.settings()) {
                String[] why = FORBIDDEN.get(s.key());
                if (why != null) {
                    context.diagnostics().report(Code.FORBIDDEN_CONFIG_KEY, s.keyLocation(), s.pointer(),
                            "`" + s.key() + "` must not be set: the operator sets it itself (" + why[0] + ") and rejects resources that set it (\"Forbidden Flink config key: " + s.key() + "\").",
                            why[1]);
                }
            }
        }
    }
}
