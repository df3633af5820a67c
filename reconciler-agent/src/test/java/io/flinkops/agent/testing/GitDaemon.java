package io.flinkops.agent.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A real {@code git daemon} on 127.0.0.1 serving (and accepting pushes to) the repositories under a base path. */
public final class GitDaemon implements AutoCloseable {
    private final Process process;
    public final int port;

    public GitDaemon(Path basePath) throws IOException, InterruptedException {
        this.port = freePort();
        String base = basePath.toAbsolutePath().toString();
        process = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                "--listen=127.0.0.1", "--port=" + port, "--base-path=" + base, base)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
