package io.flinkops.agent;

/** The agent's exit codes, in one place (docs/agent.md, "Configuration"). */
public enum ExitCode {
    /** {@code --once}: the cycle succeeded. */
    OK(0),
    /**
     * {@code --once}: the cycle did not succeed. Looping: the agent stopped (it lost the Lease). Either: the agent could
     * not start (its work directory, the Kubernetes client, the HTTP port).
     */
    FAILED(1),
    /** The agent's configuration is wrong: a missing or invalid option, an unreadable config or credentials file. */
    CONFIG(2),
    /** A bug in the agent (EX_SOFTWARE, as the CLI's). */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
