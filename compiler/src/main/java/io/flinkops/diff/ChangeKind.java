package io.flinkops.diff;

import java.util.Locale;

/** How the rendered objects of a Deployment or SessionCluster differ between the two revisions. */
public enum ChangeKind {
    ADDED,
    REMOVED,
    CHANGED,
    UNCHANGED;

    /** The value in the JSON format. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
