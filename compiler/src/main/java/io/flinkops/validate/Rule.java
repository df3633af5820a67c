package io.flinkops.validate;

import io.flinkops.diag.Code;
import io.flinkops.resolve.ResolvedRepo;

import java.util.Set;

/** A semantic rule over the resolved repo. Rules never throw on bad input; they report and go on. */
public interface Rule {

    /** The codes this rule reports; every code belongs to exactly one rule or stage. */
    Set<Code> codes();

    void check(ResolvedRepo repo, RuleContext context);
}
