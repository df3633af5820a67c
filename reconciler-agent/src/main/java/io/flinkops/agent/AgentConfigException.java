package io.flinkops.agent;

/** The agent's configuration is wrong; the message says which setting and how to fix it. Exit code {@link ExitCode#CONFIG}. */
public final class AgentConfigException extends Exception {
    public AgentConfigException(String message) {
        super(message);
    }

    public AgentConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
