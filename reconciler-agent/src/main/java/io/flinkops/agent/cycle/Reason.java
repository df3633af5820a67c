package io.flinkops.agent.cycle;

import static io.flinkops.agent.cycle.Recovery.NEEDS_HUMAN;
import static io.flinkops.agent.cycle.Recovery.RETRY_NEXT_CYCLE;
import static io.flinkops.agent.cycle.Recovery.RETRY_SOON;

/**
 * Why a step failed or met a problem: a stable code for the logs, the metrics and the agent status, so that alerts
 * and people can tell failures apart without parsing messages. Each reason belongs to the one {@link Recovery} that
 * makes it go away. A reason never changes meaning once released.
 */
public enum Reason {
    /** The Git remote did not answer, or a transfer broke off (network, DNS, server down). */
    GIT_UNREACHABLE(RETRY_SOON),
    /**
     * The Git remote accepted the connection but did not answer within the Git timeout ({@code --git-timeout}): a hung
     * server, a proxy or a firewall that swallows the traffic.
     */
    GIT_TIMEOUT(RETRY_SOON),
    /** The Git server refused the agent's token or ssh key. */
    GIT_AUTH_FAILED(NEEDS_HUMAN),
    /** The ssh host key of the Git server is not in the agent's known_hosts. */
    GIT_HOST_KEY_UNTRUSTED(NEEDS_HUMAN),
    /** There is no Git repository at the agent's repository URL. */
    GIT_REPO_NOT_FOUND(NEEDS_HUMAN),
    /** The config branch does not exist on the remote. */
    BRANCH_NOT_FOUND(NEEDS_HUMAN),
    /** The fetched commit cannot be read as a config repo (the agent's path setting, say). */
    CONFIG_UNREADABLE(NEEDS_HUMAN),
    /** The fetched commit has compile errors: nothing is applied or pruned. */
    CONFIG_INVALID(NEEDS_HUMAN),
    /** The fetched commit took longer than the compile timeout to compile: nothing is applied or pruned. */
    COMPILE_TIMEOUT(NEEDS_HUMAN),
    /**
     * The agent's own Git repository (its work directory) cannot be read or written, even after the agent re-created
     * it: a full, read-only or failing volume. Local damage is never reported as a network failure.
     */
    WORK_DIR_UNUSABLE(RETRY_NEXT_CYCLE),
    /**
     * The agent found its own Git repository damaged (stale lock files, an unreadable HEAD or config, corrupt objects, a
     * ref that did not move: what a kill -9 or a full disk leaves) and repaired it, or deleted and re-created it from
     * the remote: it is a cache. Logged as an event when the repair let the operation go on; a step failure with this
     * reason is retried at once on the repaired repository.
     */
    WORK_DIR_REPAIRED(RETRY_SOON),
    /** The Kubernetes API server did not answer, or is briefly unavailable (5xx, 408, 429). */
    API_UNAVAILABLE(RETRY_SOON),
    /** A conflicting write to the same object (HTTP 409). */
    API_CONFLICT(RETRY_SOON),
    /** The agent's service account may not do this (HTTP 401/403). */
    API_FORBIDDEN(NEEDS_HUMAN),
    /** The API server rejected an object (HTTP 400/404/422: invalid, admission webhook, missing namespace). */
    API_REJECTED(NEEDS_HUMAN),
    /** Any other answer of the API server. */
    API_ERROR(RETRY_NEXT_CYCLE),
    /** The agent's own safety rules refused an object (namespace or kind not allowed, not its own). */
    OBJECT_REFUSED(NEEDS_HUMAN),
    /** The prune safety rules held deletions back (invalid commit, empty desired set, too large a share). */
    PRUNE_WITHHELD(NEEDS_HUMAN),
    /**
     * A FlinkSessionJob was not applied because its session cluster is not ready: the cluster was applied in the same
     * cycle, or the operator does not report its JobManager {@code READY}. The job is applied in a later cycle, and is
     * not pruned meanwhile.
     */
    WAITING_FOR_SESSION_CLUSTER(RETRY_NEXT_CYCLE),
    /**
     * Information: an object changed outside the repo (a field the agent sets had another value live) was put back to
     * the repo's content. The message names the object and the fields.
     */
    DRIFT_CORRECTED(Recovery.NONE),
    /**
     * Information: a Deployment or SessionCluster carries {@code flinkops.io/reconcile: disabled} in the repo, so its
     * objects were neither applied nor pruned and what runs was left as it is.
     */
    RECONCILE_DISABLED(Recovery.NONE),
    /**
     * Information: the agent's cluster is suspended in flinkops.yaml ({@code spec.clusters[].suspend: true}): apply and
     * prune are skipped; observe and record still run.
     */
    CLUSTER_SUSPENDED(Recovery.NONE),
    /**
     * Another writer held the agent's local status branch. No longer reported: the agent is the only writer of its
     * work directory, removes stale locks and repairs a ref that cannot be moved ({@link #WORK_DIR_REPAIRED}). Kept so
     * that the name never means anything else.
     */
    STATUS_REF_LOCKED(RETRY_SOON),
    /** The status branch kept moving while the agent pushed (a genuine race with another writer). */
    STATUS_PUSH_REJECTED(RETRY_SOON),
    /**
     * The Git server refused the push of the status branch: a protected branch, a pre-receive hook, read-only
     * credentials, a server that does not accept pushes. Only a person can grant it.
     */
    STATUS_PUSH_FORBIDDEN(NEEDS_HUMAN),
    /**
     * The cycle ran past its deadline ({@code --cycle-timeout}): the steps left were not run (record still runs, so
     * the status branch says so), and the next cycle starts over.
     */
    CYCLE_TIMEOUT(RETRY_NEXT_CYCLE),
    /** A bug in the agent: an exception no step expected. */
    UNEXPECTED(RETRY_NEXT_CYCLE);

    private final Recovery recovery;

    Reason(Recovery recovery) {
        this.recovery = recovery;
    }

    public Recovery recovery() {
        return recovery;
    }
}
