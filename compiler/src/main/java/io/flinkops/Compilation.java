package io.flinkops;

import io.flinkops.diag.Diagnostics;
import io.flinkops.resolve.ResolvedRepo;

/** The result of compiling a config repo: the resolved model and every diagnostic found on the way. */
public record Compilation(ResolvedRepo repo, Diagnostics diagnostics) {
    public boolean hasErrors() {
        return diagnostics.hasErrors();
    }
}
