package io.flinkops.agent.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real {@code git daemon} on 127.0.0.1 serving the repositories under a base path, and accepting pushes to them
 * unless told not to. Pushes run the repositories' hooks (git's own receive-pack), which JGit's in-process
 * {@code file://} transport does not.
 */
public final class GitDaemon implements AutoCloseable {
    private final Process process;
    public final int port;

    public GitDaemon(Path basePath) throws IOException, InterruptedException {
        this(basePath, true);
    }

    /** @param acceptPushes false: a read-only daemon (receive-pack not enabled), as a server that grants read only */
    public GitDaemon(Path basePath, boolean acceptPushes) throws IOException, InterruptedException {
        this.port = freePort();
        String base = basePath.toAbsolutePath().toString();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("git", "daemon", "--reuseaddr", "--export-all",
                "--listen=127.0.0.1", "--port=" + port, "--base-path=" + base, base));
        if (acceptPushes) cmd.add(4, "--enable=receive-pack");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) throw new IOException("git daemon exited with " + process.exitValue());
                if (Instant.now().isAfter(deadline)) {
                    close();
                    throw new IOException("git daemon did not start on port " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    public String url(String repo) {
        return "git://127.0.0.1:" + port + "/" + repo;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
