package io.flinkops.agent.cycle;

import io.flinkops.status.DeploymentStatus;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the observe step saw.
 *
 * @param against  the desired state observed (this commit's, or the last valid one while the commit is invalid)
 * @param statuses the live status of each deployment, keyed {@code "<namespace>/<deployment>"}, each with its source
 *                 commit
 */
public record Observation(DesiredState against, Map<String, DeploymentStatus> statuses) {
    public Observation {
        statuses = Collections.unmodifiableMap(new TreeMap<>(statuses)); // sorted: deterministic for every reader
    }
}
