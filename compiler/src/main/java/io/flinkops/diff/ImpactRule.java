package io.flinkops.diff;

import io.flinkops.diag.Code;

import java.util.Set;

/**
 * One family of impact rules (state transitions, upgrade modes, state storage…), like the validation
 * {@link io.flinkops.validate.Rule}s: it looks at one Deployment or SessionCluster in both revisions and adds to its
 * {@link Impact}. Rules run in the order of {@link ImpactAnalysis#RULES}; session clusters are analysed before the
 * deployments, so a session job's rules can see whether its cluster restarts. Rules are stateless and never throw
 * on bad input.
 */
public interface ImpactRule {

    /** The diagnostic codes this rule reports (changes the operator would refuse). */
    default Set<Code> codes() {
        return Set.of();
    }

    void apply(SubjectPair pair, ImpactContext context, Impact impact);
}
