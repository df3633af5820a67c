package io.flinkops.diff.rules;

import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.SubjectSide;
import io.flinkops.diff.Wording;
import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.model.Artifact;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkVersions;
import io.flinkops.plan.JobModes;
import io.flinkops.plan.ResourcePlan;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes after which Flink may not read the state the job restores, beyond key groups and Flink majors
 * ({@link RestoreRule}); from Flink's documentation on state compatibility ({@code possible} each):
 * <ul>
 *   <li>the state backend changes while the job restores a checkpoint (a last-state upgrade) or a savepoint in the
 *       native format: both are written in the backend's own format, and only canonical savepoints can be read by
 *       another backend;</li>
 *   <li>the SQL script of a stateful job changes: the planner derives the operators and their state from the query,
 *       and Flink does not promise that the state of one query fits another;</li>
 *   <li>a SQL job moves to another Flink minor version: the plan the planner generates, and so its state, may
 *       differ between versions (Flink promises state compatibility for SQL only through compiled plans).</li>
 * </ul>
 */
public final class StateCompatibilityRule implements ImpactRule {
    private static final String DEFAULT_BACKEND = "hashmap";

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME || !impact.restoresState()) return;
        backend(pair, impact);
        sql(pair, impact);
    }

    private static void backend(SubjectPair pair, Impact impact) {
        String base = backendOf(pair.base());
        String head = backendOf(pair.head());
        if (base.equals(head)) return;
        boolean checkpoint = JobModes.LAST_STATE.equals(impact.upgradeMode());
        boolean nativeSavepoint = "NATIVE".equalsIgnoreCase(pair.head().config().get(FlinkOptions.OPERATOR_SAVEPOINT_FORMAT).orElse("CANONICAL"));
        if (!checkpoint && !nativeSavepoint) return;
        impact.risk(StateRisk.POSSIBLE);
        String at = pair.head().locateConfig(FlinkOptions.STATE_BACKEND).or(() -> pair.base().locateConfig(FlinkOptions.STATE_BACKEND))
                .map(Wording::at).orElse("?");
        impact.reason("The state backend changes from `" + base + "` to `" + head + "` (" + at + "), but the job restores "
                + (checkpoint ? "its latest checkpoint (upgrade mode `last-state`)" : "a savepoint in the native format (`"
                + FlinkOptions.OPERATOR_SAVEPOINT_FORMAT.current() + "`)")
                + ", which only the backend that wrote it can read: switch backends with a savepoint upgrade in the canonical format.");
    }

    private static void sql(SubjectPair pair, Impact impact) {
        Optional<String> base = script(pair.base());
        Optional<String> head = script(pair.head());
        if (base.isEmpty() || head.isEmpty()) return;
        String at = pair.head().locate(DeploymentSpec.ARTIFACT.child("sqlScript")).map(Wording::at).orElse("?");
        if (!base.equals(head)) {
            impact.risk(StateRisk.POSSIBLE);
            impact.reason("The SQL script changes (" + at + ") and the job restores its state: Flink derives the job's operators and their state "
                    + "from the query, and does not promise that the state of the old query fits the new one; test the upgrade on a copy of the state.");
        }
        String bv = pair.base().plan().map(ResourcePlan::flinkVersion).orElse(null);
        String hv = pair.head().plan().map(ResourcePlan::flinkVersion).orElse(null);
        if (bv != null && hv != null && !Objects.equals(bv, hv) && FlinkVersions.major(bv).equals(FlinkVersions.major(hv))) {
            impact.risk(StateRisk.POSSIBLE);
            String versionAt = Causes.changedOrHead(pair, List.of(DeploymentSpec.FLINK_VERSION)).map(l -> " (" + Wording.at(l) + ")").orElse("");
            impact.reason("The SQL job moves from Flink " + bv + " to " + hv + versionAt + " and restores its state: the planner of another "
                    + "Flink version may generate a different job from the same query, and Flink promises state compatibility across versions for SQL "
                    + "only through compiled plans.");
        }
    }

    /** The effective state backend, by Flink's names ({@code filesystem} and {@code jobmanager} are the old names of {@code hashmap}). */
    private static String backendOf(SubjectSide side) {
        String v = side.config().get(FlinkOptions.STATE_BACKEND).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse(DEFAULT_BACKEND);
        return switch (v) {
            case "filesystem", "jobmanager" -> DEFAULT_BACKEND;
            default -> v;
        };
    }

    private static Optional<String> script(SubjectSide side) {
        return side.deploymentSpec().map(d -> d.templateSpec().artifact())
                .filter(a -> "SQLSCRIPT".equals(a.kind()))
                .map(Artifact::sqlScript);
    }
}
