package io.flinkops.agent.git;

import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the agent authenticates to the config repo: an https token (user name + token), or an ssh private key with a
 * known_hosts file, or nothing (file://, git://). Secret values come from mounted files or environment variables and
 * are never logged or recorded: every message that leaves the git package goes through {@link #redact(String)}.
 */
public final class GitCredentials {
    public static final String ENV_TOKEN = "FLINKOPS_GIT_TOKEN";
    public static final String ENV_TOKEN_FILE = "FLINKOPS_GIT_TOKEN_FILE";
    public static final String ENV_USERNAME = "FLINKOPS_GIT_USERNAME";
    public static final String ENV_SSH_KEY_FILE = "FLINKOPS_GIT_SSH_KEY_FILE";
    public static final String ENV_KNOWN_HOSTS_FILE = "FLINKOPS_GIT_KNOWN_HOSTS_FILE";

    private static final Pattern URL_USERINFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private final String username;
    private final String token;
    private final Path sshKeyFile;
    private final Path knownHostsFile;

    private GitCredentials(String username, String token, Path sshKeyFile, Path knownHostsFile) {
        this.username = username;
        this.token = token;
        this.sshKeyFile = sshKeyFile;
        this.knownHostsFile = knownHostsFile;
    }

    public static GitCredentials none() {
        return new GitCredentials(null, null, null, null);
    }

    public static GitCredentials token(String username, String token) {
        return new GitCredentials(username, token, null, null);
    }

    public static GitCredentials sshKey(Path keyFile, Path knownHostsFile) {
        return new GitCredentials(null, null, keyFile, knownHostsFile);
    }

    /**
     * From the environment: {@code FLINKOPS_GIT_TOKEN} or {@code FLINKOPS_GIT_TOKEN_FILE} (a mounted Secret),
     * {@code FLINKOPS_GIT_USERNAME} (default {@code x-access-token}), {@code FLINKOPS_GIT_SSH_KEY_FILE},
     * {@code FLINKOPS_GIT_KNOWN_HOSTS_FILE}.
     */
    public static GitCredentials fromEnvironment(Map<String, String> env) throws IOException {
        String token = env.get(ENV_TOKEN);
        if ((token == null || token.isBlank()) && env.get(ENV_TOKEN_FILE) != null) {
            token = Files.readString(Path.of(env.get(ENV_TOKEN_FILE)), StandardCharsets.UTF_8).strip();
        }
        String user = env.getOrDefault(ENV_USERNAME, "x-access-token");
        Path key = env.get(ENV_SSH_KEY_FILE) == null ? null : Path.of(env.get(ENV_SSH_KEY_FILE));
        Path known = env.get(ENV_KNOWN_HOSTS_FILE) == null ? null : Path.of(env.get(ENV_KNOWN_HOSTS_FILE));
        return new GitCredentials(token == null || token.isBlank() ? null : user, token == null || token.isBlank() ? null : token, key, known);
    }

    /** Sets up {@code command} to authenticate with these credentials. */
    public <C extends TransportCommand<C, ?>> C configure(C command) {
        if (token != null) command.setCredentialsProvider(provider());
        if (sshKeyFile != null) {
            SshdSessionFactory factory = sshFactory();
            command.setTransportConfigCallback(t -> {
                if (t instanceof SshTransport ssh) ssh.setSshSessionFactory(factory);
            });
        }
        return command;
    }

    CredentialsProvider provider() {
        return new UsernamePasswordCredentialsProvider(username, token);
    }

    private SshdSessionFactory sshFactory() {
        Path home = sshKeyFile.toAbsolutePath().getParent();
        SshdSessionFactoryBuilder b = new SshdSessionFactoryBuilder()
                .setPreferredAuthentications("publickey")
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.toFile())
                .setDefaultIdentities(dir -> List.of(sshKeyFile.toAbsolutePath()));
        if (knownHostsFile != null) b.setDefaultKnownHostsFiles(dir -> List.of(knownHostsFile.toAbsolutePath()));
        return b.build(new JGitKeyCache());
    }

    /** {@code message} with URL user info and every secret value of these credentials replaced by {@code ***}. */
    public String redact(String message) {
        if (message == null) return null;
        String out = URL_USERINFO.matcher(message).replaceAll("$1***@");
        List<String> secrets = new ArrayList<>();
        if (token != null && !token.isEmpty()) secrets.add(token);
        for (String s : secrets) out = out.replace(s, "***");
        return out;
    }

    @Override
    public String toString() {
        return token != null ? "token for " + username : sshKeyFile != null ? "ssh key " + sshKeyFile : "no credentials";
    }
}
