package io.flinkops.agent.kube;

import java.util.List;

/**
 * What the prune step did (or, in a dry run, would do).
 *
 * @param deleted   managed objects deleted because they left the desired set
 * @param suspended running stateful FlinkDeployments suspended with a savepoint before deletion
 * @param withheld  deletions the safety rules held back (empty desired set, too large a share), with the reason
 * @param paused    managed objects kept because their Deployment or SessionCluster is paused in the repo
 *                  ({@code flinkops.io/reconcile: disabled}), with the reason
 * @param dryRun    nothing was deleted or suspended: every write carried {@code dryRun=All}
 */
public record PruneResult(List<String> deleted, List<String> suspended, List<String> withheld, List<String> paused, boolean dryRun) {
    public PruneResult {
        deleted = List.copyOf(deleted);
        suspended = List.copyOf(suspended);
        withheld = List.copyOf(withheld);
        paused = List.copyOf(paused);
    }

    /** A result with nothing paused. */
    public PruneResult(List<String> deleted, List<String> suspended, List<String> withheld) {
        this(deleted, suspended, withheld, List.of(), false);
    }
}
