package io.flinkops.diff.rules;

import io.flinkops.diag.Location;
import io.flinkops.diff.FieldChange;
import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.JobView;
import io.flinkops.diff.StateRisk;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.Wording;
import io.flinkops.model.DeploymentSpec;

import java.util.List;
import java.util.Optional;

/**
 * The upgrade mode the strategies give a running job (docs/render-mapping.md, "State and upgrade mode"). Switching
 * a stateful job to STATELESS upgrades or to restore NONE is {@code loss}: the operator records the new mode
 * without restarting ({@code upgradeMode} is an IGNORE field), and the next upgrade — this one, if the change has
 * one — starts the job from empty state.
 */
public final class UpgradeModeRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() != SubjectPair.Transition.SAME) return;
        Optional<JobView> bj = pair.baseJob();
        Optional<JobView> hj = pair.headJob();
        if (bj.isEmpty() || hj.isEmpty()) return;
        JobView b = bj.get();
        JobView h = hj.get();
        if (b.configuredMode().equals(h.configuredMode())) return;
        String change = "The upgrade mode changes from `" + b.configuredMode() + "` to `" + h.configuredMode() + "` (" + cause(pair) + ")";
        if (b.configuredStateful() && !h.configuredStateful()) {
            impact.risk(StateRisk.LOSS);
            String when = impact.restart() ? "this upgrade starts the job from empty state"
                    : h.running() ? "the operator does not restart the job for it now, but its next upgrade starts it from empty state"
                    : "when the job runs again it starts from empty state";
            impact.reason(change + ": " + when + ".");
        } else if (!b.configuredStateful()) {
            impact.reason(change + ": from now on the job's state is kept across upgrades.");
        } else {
            impact.reason(change + ": upgrades keep the job's state either way.");
        }
    }

    /** The strategy fields that changed, else where the head's strategies are written. */
    private static String cause(SubjectPair pair) {
        List<FieldChange> mode = pair.inputs(FieldChange.Category.MODE).stream()
                .filter(c -> !c.field().endsWith("allowNonRestoredState")).toList();
        if (!mode.isEmpty()) return Wording.causes(mode, 2);
        Optional<Location> at = pair.head().locate(DeploymentSpec.UPGRADE_STRATEGY_KIND).or(() -> pair.head().locate(DeploymentSpec.RESTORE_STRATEGY_KIND));
        return at.map(l -> "`upgradeStrategy.kind` at " + Wording.at(l)).orElse("its strategies");
    }
}
