package io.flinkops.agent.kube;

import java.util.List;

/**
 * What the prune step did.
 *
 * @param deleted   managed objects deleted because they left the desired set
 * @param suspended running stateful FlinkDeployments suspended with a savepoint before deletion
 * @param withheld  deletions the safety rules held back (empty desired set, too large a share), with the reason
 */
public record PruneResult(List<String> deleted, List<String> suspended, List<String> withheld) {
}
