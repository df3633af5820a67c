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
    /** The agent's own Git repository (its work directory) cannot be read or written. */
    WORK_DIR_UNUSABLE(RETRY_NEXT_CYCLE),
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
    /** Another writer held the agent's local status branch. */
    STATUS_REF_LOCKED(RETRY_SOON),
    /** The status branch kept moving while the agent pushed. */
    STATUS_PUSH_REJECTED(RETRY_SOON),
    /** The Git server refused the push of the status branch (branch protection, permissions). */
    STATUS_PUSH_FORBIDDEN(NEEDS_HUMAN),
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
