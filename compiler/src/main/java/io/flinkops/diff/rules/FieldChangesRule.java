package io.flinkops.diff.rules;

import io.flinkops.diff.ChangeKind;
import io.flinkops.diff.FieldChange;
import io.flinkops.diff.Impact;
import io.flinkops.diff.ImpactContext;
import io.flinkops.diff.ImpactRule;
import io.flinkops.diff.SubjectPair;

/**
 * Lists every changed input (effective spec, target, flinkops.yaml, Namespace, logging profile) with the
 * file:line that set it, after the consequences; a change to a defaults file so appears in every deployment it
 * reaches. Inputs that render the same objects are said to change nothing.
 */
public final class FieldChangesRule implements ImpactRule {

    @Override
    public void apply(SubjectPair pair, ImpactContext context, Impact impact) {
        if (pair.transition() == SubjectPair.Transition.ADDED || pair.transition() == SubjectPair.Transition.REMOVED) {
            // Only the state change that created or removed it is worth naming, and the lifecycle reason did.
            return;
        }
        for (FieldChange c : pair.inputs()) {
            if (c.category() == FieldChange.Category.STATE && pair.transition() == SubjectPair.Transition.SAME) continue; // named by JobStateRule
            String sentence = c.sentence();
            String stem = sentence.substring(0, sentence.length() - 1);
            if (impact.reasons().stream().anyMatch(r -> r.startsWith(stem))) continue; // a consequence already says it
            impact.reason(sentence);
        }
        if (impact.change() == ChangeKind.UNCHANGED && !pair.inputs().isEmpty()) {
            impact.reason("These changes render the same objects, so nothing changes in the cluster.");
        }
    }
}
