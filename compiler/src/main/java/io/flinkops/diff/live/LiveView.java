package io.flinkops.diff.live;

import java.util.Objects;

/**
 * The running job as one change meets it: the agent's observation, whether it disagrees with the base revision (the
 * job FAILED, or was suspended, cancelled or started outside Git), and whether the change discards the state the job
 * holds now.
 *
 * @param job               the agent's last observation
 * @param ofBaseRevision    the agent had applied the base revision when it observed the job (else the observation
 *                          is of an older or newer commit, or the file does not say)
 * @param baseCluster       the cluster the base revision places the job on, when it is not the one whose agent wrote
 *                          the status file; null when they agree or either is unknown
 * @param disagreesWithRepo the observed state is not what the base revision asks for
 * @param discardsState     the change throws away state the job holds now
 * @param discardedSince    the savepoint the job goes back to, so the state newer than it is discarded; null when
 *                          {@code discardsState} and no savepoint is known (all state is discarded) or when nothing
 *                          is discarded
 */
public record LiveView(LiveJob job, boolean ofBaseRevision, String baseCluster, boolean disagreesWithRepo, boolean discardsState, LiveJob.SavepointSeen discardedSince) {

    public LiveView {
        Objects.requireNonNull(job);
    }
}
