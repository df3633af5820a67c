package io.flinkops.validate;

import io.flinkops.diag.Code;
import io.flinkops.plan.RepoPlan;

import java.util.Set;

/**
 * A semantic rule over the plan (and the resolved repo under it). Rules never throw on bad input; they report and go
 * on. Every check is a rule, so all problems are reported in one run.
 */
public interface Rule {

    /** The codes this rule reports; every code belongs to exactly one rule or stage. */
    Set<Code> codes();

    void check(RepoPlan plan, RuleContext context);

    /**
     * True for a rule that compares resources of different namespaces (FO203). A check of some namespaces
     * (pre-commit) runs such a rule over them and every other namespace they could conflict with; every other
     * rule sees only the checked namespaces, so it must judge each namespace on its own (plus the repo-wide files).
     */
    default boolean spansNamespaces() {
        return false;
    }
}
