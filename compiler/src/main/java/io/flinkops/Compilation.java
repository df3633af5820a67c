package io.flinkops;

import io.flinkops.diag.Diagnostics;
import io.flinkops.load.Scope;
import io.flinkops.plan.RepoPlan;
import io.flinkops.render.RenderOutput;
import io.flinkops.resolve.ResolvedRepo;

import java.util.Optional;

/**
 * The result of compiling a config repo: the plan (and the resolved model under it), the rendered objects (present
 * only when the repo has no errors, and only for a compilation of everything) and every diagnostic found on the way.
 *
 * @param scope what was checked: everything, or (pre-commit) only the namespaces some changes can affect; then
 *              {@code plan} holds only those namespaces and {@code output} is empty
 */
public record Compilation(RepoPlan plan, Optional<RenderOutput> output, Diagnostics diagnostics, Scope scope) {

    public Compilation(RepoPlan plan, Optional<RenderOutput> output, Diagnostics diagnostics) {
        this(plan, output, diagnostics, Scope.EVERYTHING);
    }

    /** The resolved repo the plan was made from. */
    public ResolvedRepo repo() {
        return plan.resolved();
    }

    public boolean hasErrors() {
        return diagnostics.hasErrors();
    }
}
