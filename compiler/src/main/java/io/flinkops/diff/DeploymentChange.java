package io.flinkops.diff;

import io.flinkops.diff.live.LiveView;

import java.util.List;
import java.util.Objects;

/**
 * The impact of a change on one Deployment or SessionCluster: the {@code changes[]} entry of PRODUCT.md's JSON
 * format. A SessionCluster has no job, so its {@code upgradeMode} is null.
 *
 * @param change      added / removed / changed / unchanged, by the rendered objects (ignoring the source commit)
 * @param restart     whether the job (or session cluster) that runs now is stopped and started again by this change
 * @param upgradeMode the operator's upgrade mode for this change: the head object's, the base object's for a
 *                    removal, the suspend mode for a resumed job; null for a SessionCluster
 * @param reasons     one sentence each, naming the field and the file:line that caused it
 * @param live        what runs now as the status branch says, null when the live state is not known or the status
 *                    branch has no file for it (a new deployment, a SessionCluster)
 */
public record DeploymentChange(Subject subject, ChangeKind change, boolean restart, String upgradeMode, StateRisk stateRisk,
                               List<String> reasons, LiveView live) {

    public DeploymentChange {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(change);
        Objects.requireNonNull(stateRisk);
        reasons = List.copyOf(reasons);
    }

    public String namespace() {
        return subject.namespace();
    }

    /** The Deployment's name, or the SessionCluster's. */
    public String deployment() {
        return subject.name();
    }

    public boolean isSessionCluster() {
        return subject.isSessionCluster();
    }
}
