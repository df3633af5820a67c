package io.flinkops.policy;

import java.util.List;

/**
 * The files of a namespace folder that only its owners may change (the CODEOWNERS fragment gives them to the
 * owners alone): its members and defaults, and the fixed places of its DeploymentTargets and SessionClusters. Targets
 * and session clusters must live there whenever the namespace has editors, since CODEOWNERS matches paths, not
 * contents: an editor could otherwise add a target in a new file of their own (FO213).
 */
public final class OwnerFiles {
    /** Files and folders relative to {@code namespaces/<ns>/}; a trailing {@code /} means everything below. */
    public static final List<String> PATHS = List.of("namespace.yaml", "defaults.yaml", "targets.yaml", "targets/",
            "session-clusters.yaml", "session-clusters/");
    /** Where DeploymentTargets and SessionClusters go, for messages. */
    public static final String TARGET_PLACES = "`targets.yaml` or the folder `targets/`";
    public static final String SESSION_CLUSTER_PLACES = "`session-clusters.yaml` or the folder `session-clusters/`";

    private OwnerFiles() {
    }

    /** Whether {@code file} (repo-relative) is owner-only in the folder of {@code namespace}. */
    public static boolean isOwnerOnly(String file, String namespace) {
        String folder = "namespaces/" + namespace + "/";
        if (!file.startsWith(folder)) return false;
        String rel = file.substring(folder.length());
        return PATHS.stream().anyMatch(p -> p.endsWith("/") ? rel.startsWith(p) : rel.equals(p));
    }
}
