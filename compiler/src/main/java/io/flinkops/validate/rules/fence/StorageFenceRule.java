package io.flinkops.validate.rules.fence;

import io.flinkops.diag.Code;
import io.flinkops.diag.Location;
import io.flinkops.diag.Phrases;
import io.flinkops.flinkconfig.FlinkOption;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedSetting;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.Savepoint;
import io.flinkops.model.SavepointSpec;
import io.flinkops.policy.Fence;
import io.flinkops.policy.Fences;
import io.flinkops.policy.StoragePath;
import io.flinkops.validate.Rule;
import io.flinkops.validate.RuleContext;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FO212: the state of every Deployment and SessionCluster stays below the storage prefixes of its namespace's fence:
 * where it writes checkpoints, savepoints, its changelog and HA metadata, and what it restores from. Judged on the
 * effective configuration with placeholders filled in, and reported once per setting and namespace where it is written
 * (a default shared by many deployments is one finding). The location of a registered Savepoint is state a redeploy
 * restores from, so it is fenced too: a team must not start its job from another team's savepoint.
 */
public final class StorageFenceRule implements Rule {
    private record StateOption(FlinkOption option, String what) {
    }

    private static final List<StateOption> STATE_OPTIONS = List.of(
            new StateOption(FlinkOptions.CHECKPOINT_DIR, "writes its checkpoints to"),
            new StateOption(FlinkOptions.SAVEPOINT_DIR, "writes its savepoints to"),
            new StateOption(FlinkOptions.CHANGELOG_BASE_PATH, "writes its state changelog to"),
            new StateOption(FlinkOptions.HA_STORAGE_DIR, "writes its high-availability metadata to"),
            new StateOption(FlinkOptions.RESTORE_PATH, "restores its state from"));

    @Override
    public Set<Code> codes() {
        return Set.of(Code.STORAGE_OUTSIDE_FENCE);
    }

    private record Reported(Location at, String key, String namespace) {
    }

    @Override
    public void check(RepoPlan plan, RuleContext context) {
        if (plan.resolved().repository().isEmpty() || !plan.resolved().repository().get().isTyped()) return;
        Fences fences = Fences.of(plan.resolved().settings());
        Set<Reported> reported = new HashSet<>();
        for (ResourcePlan p : plan.plans()) {
            Fence fence = fences.of(p.namespace());
            if (fence.storagePrefixes().isEmpty()) continue;
            for (StateOption state : STATE_OPTIONS) {
                Optional<LocatedSetting> setting = p.configuration().setting(state.option());
                if (setting.isEmpty()) continue;
                LocatedSetting s = setting.get();
                String value = p.emittedConfiguration().getOrDefault(s.key(), s.value()).trim();
                if (value.isEmpty() || fence.allowsStorage(value)) continue;
                if (!reported.add(new Reported(s.location(), s.key(), p.namespace()))) continue;
                List<String> prefixes = fence.storagePrefixes().get();
                // Say where the path really is when that is not what is written: placeholders filled in, `..` resolved.
                String lands = StoragePath.parse(value).map(StoragePath::toString).orElse(value);
                String where = lands.equals(s.value().trim()) || lands.equals(s.value().trim().replaceAll("/+$", ""))
                        ? "`" + s.value().trim() + "`" : "`" + s.value().trim() + "` (that is, `" + lands + "`)";
                context.diagnostics().report(Code.STORAGE_OUTSIDE_FENCE, s.location(), s.pointer(),
                        p.describe() + " of namespace `" + p.namespace() + "` " + state.what() + " " + where + " (`" + s.key()
                                + "`), outside the namespace's storage: `" + fence.storagePrefixesField() + "` of flinkops.yaml allows "
                                + (prefixes.isEmpty() ? "none" : Phrases.quoted(prefixes)) + ".",
                        value.contains("${") ? "Write the path without a `${NAME}` reference (a reference could name any location), below one of the prefixes."
                                : "Put the path below one of namespace `" + p.namespace() + "`'s prefixes, or ask the platform team to extend its fence.");
            }
            for (Savepoint s : p.operations().savepoints()) {
                if (s.location().isEmpty() || fence.allowsStorage(s.location().get())) continue;
                List<String> prefixes = fence.storagePrefixes().get();
                context.report(Code.STORAGE_OUTSIDE_FENCE, s.source(), SavepointSpec.SAVEPOINT_LOCATION,
                        "Savepoint `" + s.name() + "` of " + p.describe() + " is at `" + s.location().get()
                                + "`, outside the storage of namespace `" + p.namespace() + "`: `" + fence.storagePrefixesField()
                                + "` of flinkops.yaml allows " + (prefixes.isEmpty() ? "none" : Phrases.quoted(prefixes))
                                + ", and a redeploy from it would start the job from state the namespace does not own.",
                        "Copy the savepoint below one of namespace `" + p.namespace() + "`'s prefixes and register that location, or ask the platform team to extend its fence.");
            }
        }
    }
}
