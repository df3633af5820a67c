package io.flinkops.diff.rules;

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
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.model.FlinkVersions;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the state a job restores in this change fits the new job ({@code possible} each):
 * <ul>
 *   <li>{@code allowNonRestoredState: true}: Flink silently drops the state of operators that are gone;</li>
 *   <li>parallelism above the max parallelism: the key groups of keyed state are fixed at the job's first start
 *       ({@code pipeline.max-parallelism}, or when unset Flink's derivation
 *       {@code min(max(roundUpToPowerOfTwo(1.5 × p), 128), 32768)} from the parallelism then), so a job cannot be
 *       restored with more subtasks than that, nor with a different max parallelism;</li>
 *   <li>a Flink 1 → 2 upgrade: Flink 2 does not promise to read Flink 1 state (Kryo upgrade, removed APIs);</li>
 *   <li>a Flink version downgrade: Flink reads the state of older versions, not of newer ones.</li>
 * </ul>
 */
public final class RestoreRule implements ImpactRule {
    static final String MAX_PARALLELISM = FlinkOptions.MAX_PARALLELISM.current();
    static final int DEFAULT_LOWER_BOUND = 128;
    private static final List<FieldPath> PARALLELISM_FIELDS = List.of(DeploymentSpec.PARALLELISM, DeploymentSpec.TEMPLATE.numberOfTaskManagers(),
            DeploymentSpec.TEMPLATE.configKey(FlinkOptions.TASK_SLOTS.current()), DeploymentSpec.TEMPLATE.configKey(FlinkOptions.DEFAULT_PARALLELISM.current()));

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME) return;
        Optional<JobView> bj = pair.baseJob();
        Optional<JobView> hj = pair.headJob();
        if (bj.isEmpty() || hj.isEmpty()) return;
        JobView b = bj.get();
        JobView h = hj.get();

        if (h.allowNonRestoredState() && (impact.restoresState() || !b.allowNonRestoredState())) {
            impact.risk(StateRisk.POSSIBLE);
            String at = pair.head().locate(DeploymentSpec.ALLOW_NON_RESTORED_STATE).map(Wording::at).orElse("?");
            impact.reason("`restoreStrategy.allowNonRestoredState` is `true` (" + at + "): when the job restores its state"
                    + (impact.restoresState() ? "" : " (from its next upgrade on)")
                    + ", Flink silently drops the state of operators that are no longer in the job.");
        }
        if (!impact.restoresState()) return;

        Optional<Integer> baseMax = integer(pair.base().config(), FlinkOptions.MAX_PARALLELISM);
        Optional<Integer> headMax = integer(pair.head().config(), FlinkOptions.MAX_PARALLELISM);
        String maxAt = pair.head().locateConfig(FlinkOptions.MAX_PARALLELISM).map(Wording::at).orElse("?");
        String parallelismAt = Causes.changedOrHead(pair, PARALLELISM_FIELDS).map(Wording::at).orElse("?");
        if (!baseMax.equals(headMax) && headMax.isPresent()) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason("`" + MAX_PARALLELISM + "` " + (baseMax.isPresent() ? "changes from `" + baseMax.get() + "` to `" + headMax.get() + "`"
                    : "is set to `" + headMax.get() + "`") + " (" + maxAt + "), but the key groups of the job's state were fixed at its first start"
                    + (baseMax.isPresent() ? "" : " (with the max parallelism Flink derived then, at least " + DEFAULT_LOWER_BOUND + ")")
                    + ", and Flink cannot restore keyed state with a different max parallelism.");
        } else if (!baseMax.equals(headMax)) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason("`" + MAX_PARALLELISM + "` is no longer set (was `" + baseMax.get() + "`), so Flink derives a max parallelism from the job's parallelism, and it cannot restore keyed state whose key groups were fixed with a different one.");
        }
        if (headMax.isPresent() && h.parallelism() > headMax.get()) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason("The job runs with parallelism " + h.parallelism() + " (" + parallelismAt + "), above `" + MAX_PARALLELISM + "` "
                    + headMax.get() + " (" + maxAt + "): Flink cannot run more subtasks than key groups, so the job fails to start.");
        } else if (headMax.isEmpty() && baseMax.isEmpty() && h.parallelism() > DEFAULT_LOWER_BOUND && h.parallelism() > b.parallelism()) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason("Parallelism rises from " + b.parallelism() + " to " + h.parallelism() + " (" + parallelismAt + ") above " + DEFAULT_LOWER_BOUND
                    + " without `" + MAX_PARALLELISM + "`: Flink fixed the job's max parallelism at its first start (" + DEFAULT_LOWER_BOUND
                    + " for a parallelism up to 85, else 1.5 × parallelism rounded up to a power of two), and if that is below "
                    + h.parallelism() + " the state cannot be restored.");
        }
        if (b.flinkVersion() != null && h.flinkVersion() != null && older(h.flinkVersion(), b.flinkVersion())) {
            impact.risk(StateRisk.POSSIBLE);
            String at = Causes.changedOrHead(pair, List.of(DeploymentSpec.FLINK_VERSION)).map(Wording::at).orElse("?");
            impact.reason("`flinkVersion` goes back from " + Wording.code(FlinkVersions.fromEnumName(b.flinkVersion())) + " to " + Wording.code(FlinkVersions.fromEnumName(h.flinkVersion()))
                    + " (" + at + "): Flink restores savepoints and checkpoints of older versions, not of newer ones, so the job may not start from its state.");
        } else if (b.flinkVersion() != null && h.flinkVersion() != null && !Objects.equals(major(b.flinkVersion()), major(h.flinkVersion()))) {
            impact.risk(StateRisk.POSSIBLE);
            String at = Causes.changedOrHead(pair, List.of(DeploymentSpec.FLINK_VERSION)).map(Wording::at).orElse("?");
            impact.reason("`flinkVersion` changes from " + Wording.code(FlinkVersions.fromEnumName(b.flinkVersion())) + " to " + Wording.code(FlinkVersions.fromEnumName(h.flinkVersion()))
                    + " (" + at + "): Flink " + major(h.flinkVersion()) + " does not promise to restore state written by Flink " + major(b.flinkVersion())
                    + " (it upgraded Kryo and removed APIs), so check the job's state compatibility first.");
        }
    }

    private static Optional<Integer> integer(FlinkConfiguration config, FlinkOption option) {
        return config.integer(option);
    }

    /** {@code a} is an older Flink version than {@code b} ({@code v1_19} &lt; {@code v1_20} &lt; {@code v2_0}). */
    static boolean older(String a, String b) {
        return FlinkVersions.compare(FlinkVersions.fromEnumName(a), FlinkVersions.fromEnumName(b)) < 0;
    }

    /** {@code v1_20} → {@code 1}. */
    private static String major(String enumName) {
        return FlinkVersions.major(FlinkVersions.fromEnumName(enumName));
    }
}
