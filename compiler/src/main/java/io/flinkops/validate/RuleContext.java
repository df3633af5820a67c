package io.flinkops.validate;

import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.model.FieldPath;
import io.flinkops.resolve.KnockOns;
import io.flinkops.resolve.Resolved;

import java.util.List;

/** What a rule reports through. Locations come from the resolved tree, so defaulted values point at their defaults file. */
public record RuleContext(Diagnostics diagnostics, KnockOns knockOns) {

    public RuleContext(Diagnostics diagnostics) {
        this(diagnostics, KnockOns.NONE);
    }

    /**
     * True when a value at one of {@code inputs} of {@code resource} failed its schema and was dropped: a rule that
     * combines values skips its finding then, since the mistake is already reported and the combination is not what
     * the author meant.
     */
    public boolean anyDropped(Resolved<?> resource, FieldPath... inputs) {
        return knockOns.anyDropped(resource.document(), List.of(inputs));
    }

    /** Reports a problem with the value at {@code path} of {@code resource}. */
    public void report(Code code, Resolved<?> resource, FieldPath path, String message, String hint) {
        diagnostics.report(code, resource.locate(path), path, message, hint);
    }

    /**
     * Reports a value missing from the effective spec. It is located at the nearest parent the resource's own
     * file writes (not at a defaults file, which the merged tree would name), with the pointer of the missing field.
     */
    public void reportMissing(Code code, Resolved<?> resource, FieldPath path, String message, String hint) {
        diagnostics.report(code, resource.document().locate(path), path, message, hint);
    }

    /** Reports a problem with the key at {@code path} (an unwanted or unknown key). */
    public void reportKey(Code code, Resolved<?> resource, FieldPath path, String message, String hint) {
        diagnostics.report(code, resource.locateKey(path), path, message, hint);
    }
}
