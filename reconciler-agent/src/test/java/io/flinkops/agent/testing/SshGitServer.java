package io.flinkops.agent.testing;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;

/**
 * A real SSH server (Apache MINA sshd) on 127.0.0.1 that serves git-upload-pack / git-receive-pack for the
 * repositories under a base path with JGit, accepting one client public key. Writes the client's private key and
 * a known_hosts file for the agent.
 */
public final class SshGitServer implements AutoCloseable {
    private final SshServer server;
    public final Path privateKey;
    public final Path knownHosts;
    public final int port;

    public SshGitServer(Path basePath, Path keyDir) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair host = gen.generateKeyPair();
        KeyPair client = gen.generateKeyPair();
        PublicKey allowed = client.getPublic();

        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(host));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(allowed, key));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new GitCommand(basePath, command));
        server.start();
        port = server.getPort();

        Files.createDirectories(keyDir);
        privateKey = keyDir.resolve("id_rsa");
        try (OutputStream out = Files.newOutputStream(privateKey)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "agent", null, out);
        }
        knownHosts = keyDir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(host.getPublic()) + "\n");
    }

    public String url(String repo) {
        return "ssh://git@127.0.0.1:" + port + "/" + repo;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    private static final class GitCommand implements Command {
        private final Path base;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private Thread thread;

        GitCommand(Path base, String command) {
            this.base = base;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            thread = new Thread(this::serve, "ssh-git");
            thread.start();
        }

        private void serve() {
            int code = 0;
            try {
                List<String> parts = List.of(command.split(" ", 2));
                String path = parts.get(1).replace("'", "").replaceFirst("^/", "");
                try (Repository repo = new FileRepositoryBuilder().setGitDir(base.resolve(path).toFile()).setMustExist(true).build()) {
                    switch (parts.get(0)) {
                        case "git-upload-pack" -> new UploadPack(repo).upload(in, out, err);
                        case "git-receive-pack" -> new ReceivePack(repo).receive(in, out, err);
                        default -> code = 127;
                    }
                }
            } catch (Exception e) {
                code = 1;
            } finally {
                try {
                    out.flush();
                    err.flush();
                } catch (IOException ignored) {
                    // the client went away
                }
                exit.onExit(code);
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (thread != null) thread.interrupt();
        }
    }
}
