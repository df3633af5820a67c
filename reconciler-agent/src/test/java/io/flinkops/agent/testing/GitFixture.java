package io.flinkops.agent.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A real bare remote with the examples config repo in a subfolder ({@code config/}) of branch {@code main}, and a
 * "human" clone that pushes to it.
 */
public final class GitFixture implements AutoCloseable {
    public static final Path EXAMPLES = Path.of("..", "examples", "repo");

    public final Path root;
    public final Path bare;
    public final Path human;
    private final Git humanGit;

    public GitFixture(Path root) throws Exception {
        this.root = root;
        this.bare = root.resolve("remote.git");
        this.human = root.resolve("human");
        Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        humanGit = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(human.toFile()).call();
        copyTree(EXAMPLES, human.resolve("config"));
        commitAndPush("examples config repo");
    }

    public String fileUrl() {
        return bare.toUri().toString();
    }

    public Git human() {
        return humanGit;
    }

    public String commitAndPush(String message) throws Exception {
        humanGit.add().addFilepattern(".").call();
        humanGit.add().addFilepattern(".").setUpdate(true).call();
        var c = humanGit.commit().setMessage(message).setAuthor(new PersonIdent("Human", "human@example.com"))
                .setCommitter(new PersonIdent("Human", "human@example.com")).call();
        for (var r : humanGit.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call()) {
            RemoteRefUpdate.Status s = r.getRemoteUpdate("refs/heads/main").getStatus();
            if (s != RemoteRefUpdate.Status.OK && s != RemoteRefUpdate.Status.UP_TO_DATE) throw new IllegalStateException("push " + s);
        }
        return c.name();
    }

    public void write(String path, String content) throws IOException {
        Path p = human.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    public String read(String path) throws IOException {
        return Files.readString(human.resolve(path));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            s.forEach(p -> {
                try {
                    Path t = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(t);
                    else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public void close() {
        humanGit.close();
    }
}
