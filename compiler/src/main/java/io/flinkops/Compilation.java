package io.flinkops;

import io.flinkops.diag.Diagnostics;
import io.flinkops.render.RenderOutput;
import io.flinkops.resolve.ResolvedRepo;

import java.util.Optional;

/**
 * The result of compiling a config repo: the resolved model, the rendered objects (present only when the
 * repo has no errors) and every diagnostic found on the way.
 */
public record Compilation(ResolvedRepo repo, Optional<RenderOutput> output, Diagnostics diagnostics) {
    public boolean hasErrors() {
        return diagnostics.hasErrors();
    }
}
