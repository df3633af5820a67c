package io.flinkops.render.rbac;

import io.flinkops.resolve.ResolvedRepo;

/** A CODEOWNERS fragment for the config repo from the namespaces' owners and editors. */
public final class Codeowners {
    private Codeowners() {
    }

    public static String render(ResolvedRepo repo) {
        return "";
    }
}
