package io.flinkops;

import io.flinkops.diag.Diagnostics;
import io.flinkops.load.Scope;
import io.flinkops.render.RenderOutput;
import io.flinkops.resolve.ResolvedRepo;

import java.util.Optional;

/**
 * The result of compiling a config repo: the resolved model, the rendered objects (present only when the
 * repo has no errors, and only for a compilation of everything) and every diagnostic found on the way.
 *
 * @param scope what was checked: everything, or (pre-commit) only the namespaces some changes can affect; then
 *              {@code repo} holds only those namespaces and {@code output} is empty
 */
public record Compilation(ResolvedRepo repo, Optional<RenderOutput> output, Diagnostics diagnostics, Scope scope) {

    public Compilation(ResolvedRepo repo, Optional<RenderOutput> output, Diagnostics diagnostics) {
        this(repo, output, diagnostics, Scope.EVERYTHING);
    }

    public boolean hasErrors() {
        return diagnostics.hasErrors();
    }
}
