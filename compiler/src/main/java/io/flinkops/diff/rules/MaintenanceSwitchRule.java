package io.flinkops.diff.rules;

import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.SubjectPair;
import io.flinkops.diff.SubjectSide;
import io.flinkops.diff.Wording;
import io.flinkops.plan.Reconcile;
import io.flinkops.plan.ResourcePlan;

/**
 * The maintenance switch ({@link Reconcile}): a change that disables a deployment, or that changes one that is disabled,
 * does not reach the cluster through the agent (or Flux) until the switch is removed. The consequences the other rules
 * name are what happens then; this rule says when.
 */
public final class MaintenanceSwitchRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        boolean added = pair.transition() == SubjectPair.Transition.ADDED;
        if (pair.transition() != SubjectPair.Transition.SAME && !added) return;
        Reconcile head = reconcile(pair.head());
        boolean wasDisabled = !added && reconcile(pair.base()).disabled();
        String what = pair.subject().kind().label();
        String at = head.written().map(n -> " (" + Wording.at(n.location()) + ")").orElse("");
        if (head.disabled() && added) {
            impact.reason("`" + Reconcile.ANNOTATION + "` is `disabled`" + at + ": the agent (and Flux) create this " + what
                    + " only when it is enabled.");
        } else if (head.disabled() && !wasDisabled) {
            impact.reason("`" + Reconcile.ANNOTATION + "` is `disabled`" + at + ": the agent (and Flux) stop applying and pruning this " + what
                    + " and leave what runs alone" + (specChanges(pair) ? "; the other changes here take effect when it is enabled again." : "."));
        } else if (head.disabled() && specChanges(pair)) {
            impact.reason("`" + Reconcile.ANNOTATION + "` is `disabled`" + at + ": the agent (and Flux) apply these changes only when it is enabled again.");
        } else if (wasDisabled && !head.disabled()) {
            impact.reason("`" + Reconcile.ANNOTATION + "` no longer disables this " + what
                    + ": the agent applies it again, with every change made while it was disabled.");
        }
    }

    /** Changes of the spec, the job state or a day-2 operation (the switch itself only changes annotations). */
    private static boolean specChanges(SubjectPair pair) {
        return pair.delta().map(d -> !d.upgradeFields().isEmpty() || !d.ignoredFields().isEmpty() || d.stateChanged() || d.operationsChanged()).orElse(false);
    }

    private static Reconcile reconcile(SubjectSide side) {
        return side.plan().map(ResourcePlan::reconcile).orElse(Reconcile.DEFAULT);
    }
}
