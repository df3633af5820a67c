package io.flinkops.diff.rules;

import io.flinkops.diag.Location;
import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.Wording;
import io.flinkops.flinkconfig.FlinkConfiguration;
import io.flinkops.flinkconfig.FlinkOption;
import io.flinkops.flinkconfig.FlinkOptions;

import java.util.Optional;

/**
 * Where a stateful job keeps its state. Removing the savepoint directory leaves the operator unable to take
 * savepoints (for Flink version upgrades, suspends, too old checkpoints); removing the checkpoint directory leaves
 * nothing durable to restore from. And the operator takes an upgrade's or suspend's savepoint with the configuration
 * the job runs with (its observed configuration: the base revision's), so a savepoint directory added in the same
 * change comes too late.
 */
public final class StateStorageRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME) return;
        Optional<JobView> bj = pair.baseJob();
        Optional<JobView> hj = pair.headJob();
        if (bj.isEmpty() || hj.isEmpty()) return;
        boolean stateful = bj.get().configuredStateful() || hj.get().configuredStateful();
        FlinkConfiguration base = pair.base().config();
        FlinkConfiguration head = pair.head().config();

        if (stateful && base.isSet(FlinkOptions.SAVEPOINT_DIR) && !head.isSet(FlinkOptions.SAVEPOINT_DIR)) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason(removed(pair, FlinkOptions.SAVEPOINT_DIR)
                    + ": the operator can no longer take savepoints of this job, which it needs to upgrade its Flink version, to suspend it, and when its last checkpoint is too old for a last-state upgrade.");
        }
        if (stateful && base.isSet(FlinkOptions.CHECKPOINT_DIR) && !head.isSet(FlinkOptions.CHECKPOINT_DIR)) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason(removed(pair, FlinkOptions.CHECKPOINT_DIR)
                    + ": the job's checkpoints are no longer written to durable storage, so a restart has no checkpoint to restore from.");
        }
        if (impact.takesSavepoint() && !base.isSet(FlinkOptions.SAVEPOINT_DIR)) {
            impact.risk(StateRisk.POSSIBLE);
            String added = pair.head().locateConfig(FlinkOptions.SAVEPOINT_DIR).map(l -> ", only set by this change at " + Wording.at(l)).orElse("");
            impact.reason("The operator takes this savepoint with the configuration the job runs with now, which has no `"
                    + FlinkOptions.SAVEPOINT_DIR.current() + "`" + added
                    + ", so the savepoint fails and the job stays as it is: set the directory in an earlier commit.");
        }
    }

    /** "`execution.checkpointing.savepoint-dir` is removed by `null` at f:l (was …)" or "is no longer set (was set at f:l)". */
    private static String removed(SubjectPair pair, FlinkOption option) {
        String key = pair.base().config().keyOf(option).orElse(option.current());
        Optional<String> input = pair.inputs().stream()
                .filter(c -> c.owner() == null && option.names().stream().anyMatch(n -> c.field().equals("flinkConfiguration." + n)))
                .map(c -> {
                    String s = c.sentence();
                    return s.substring(0, s.length() - 1);
                })
                .findFirst();
        if (input.isPresent()) return input.get();
        Optional<Location> at = pair.base().locateConfig(option);
        return "`" + key + "` is no longer set" + at.map(l -> " (it was set at " + Wording.at(l) + " in the base revision)").orElse("");
    }
}
