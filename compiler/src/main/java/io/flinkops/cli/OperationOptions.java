package io.flinkops.cli;

import io.flinkops.diag.render.DiagnosticRenderer;
import io.flinkops.diff.UnifiedDiff;
import io.flinkops.operations.DayTwoRequest;
import io.flinkops.operations.EditCommit;
import io.flinkops.operations.OperationEditor;
import io.flinkops.operations.OperationRefused;
import io.flinkops.operations.RepoEdit;
import io.flinkops.source.ConfigRoot;
import io.flinkops.source.SourceException;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import io.flinkops.status.StatusBranch;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * What {@code savepoint}, {@code restart} and {@code redeploy} share: where the edit goes (the working tree, or a
 * commit on a new branch), and how it is shown. The edit itself is the library's ({@link OperationEditor}).
 */
final class OperationOptions {
    private static final DateTimeFormatter BRANCH_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why: kept with the operation and used as the commit message.")
    String reason;

    @Option(names = "--commit", description = "Commit the edit on a new branch (from HEAD) instead of writing it to the working tree; "
            + "the working tree and the current branch are left alone.")
    boolean commit;

    @Option(names = "--branch", paramLabel = "BRANCH", description = "With --commit: the new branch (default: flinkops/<operation>/<namespace>/<name>/<time>).")
    String branch;

    @Option(names = "--dry-run", description = "Show the edit and check it, but write nothing.")
    boolean dryRun;

    /** For tests: the time the operation is asked for. */
    @Option(names = "--now", hidden = true)
    String now;

    Optional<String> reason() {
        return Optional.ofNullable(reason).filter(r -> !r.isBlank());
    }

    /** Builds the request for NAMESPACE and NAME. */
    interface RequestFor {
        DayTwoRequest of(String namespace, String name);
    }

    /** Splits {@code target} (NAMESPACE/{@code what}), then {@link #run(Path, DayTwoRequest, boolean, PrintWriter, PrintWriter)}. */
    int run(String target, String what, Path dir, RequestFor request, boolean needsStatus, picocli.CommandLine.Model.CommandSpec spec) {
        String[] t = target(target, what);
        return run(dir, request.of(t[0], t[1]), needsStatus, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** NAMESPACE/NAME, split. */
    static String[] target(String target, String what) {
        int slash = target.indexOf('/');
        if (slash <= 0 || slash == target.length() - 1 || target.indexOf('/', slash + 1) >= 0) {
            throw new UsageException("expected NAMESPACE/" + what + ", got `" + target + "`");
        }
        return new String[]{target.substring(0, slash), target.substring(slash + 1)};
    }

    /**
     * Computes, shows, checks and writes (or commits) the edit for {@code request}.
     *
     * @param status the status branch, when the request needs it
     */
    int run(Path dir, DayTwoRequest request, boolean needsStatus, PrintWriter out, PrintWriter err) {
        dir = ConfigRoot.of(dir);
        if (branch != null && !commit) throw new UsageException("--branch goes with --commit");
        Instant at = now == null ? Instant.now() : Instant.parse(now);
        SourceTree tree = open(dir);
        Optional<StatusBranch> status = needsStatus ? readStatus(dir) : Optional.empty();
        OperationEditor.Result result;
        try {
            result = new OperationEditor().edit(tree, request, at, status);
        } catch (OperationRefused e) {
            throw new UsageException(e.getMessage());
        }
        RepoEdit edit = result.edit();
        for (RepoEdit.FileChange c : edit.changes()) {
            out.print(UnifiedDiff.of("a/" + c.path(), c.before().orElse(null), "b/" + c.path(), c.after()));
        }
        if (result.refused()) {
            out.flush();
            err.println("flinkops: not written: the edit would make the config repo invalid:");
            err.print(DiagnosticRenderer.forFormat("text").render(result.newErrors(),
                    new DiagnosticRenderer.Context(new SourceTreeLines(tree), tree.gitPrefix(), Version.get())));
            return ExitCode.CONFIG_ERRORS;
        }
        String message = commitMessage(edit);
        if (dryRun) {
            out.println("Not written (--dry-run): " + edit.summary() + ".");
        } else if (commit) {
            String name = branch != null ? branch : "flinkops/" + request.verb() + "/" + request.namespace() + "/" + request.name() + "/" + BRANCH_TIME.format(at);
            try (Repository repo = gitRepository(dir)) {
                String id = EditCommit.commit(repo, tree.gitPrefix(), edit, name, message);
                out.println("Committed " + id.substring(0, 7) + " on new branch " + name + ": " + edit.summary() + ".");
                out.println("The working tree is unchanged. Push it for review: git push origin " + name);
            } catch (OperationRefused e) {
                throw new UsageException(e.getMessage());
            } catch (IOException e) {
                throw new UsageException("cannot commit in " + dir + ": " + e.getMessage());
            }
        } else {
            write(dir, edit);
            out.println("Wrote " + edit.changes().size() + (edit.changes().size() == 1 ? " file" : " files") + ": " + edit.summary() + ".");
            out.println("Review it (git diff), commit and open a pull request; it takes effect when it reaches the cluster.");
        }
        if (result.existingErrors() > 0) {
            err.println("flinkops: note: the config repo already has " + result.existingErrors()
                    + " error(s) (flinkops validate shows them); nothing is applied until they are fixed.");
        }
        out.flush();
        return ExitCode.OK;
    }

    private String commitMessage(RepoEdit edit) {
        String subject = edit.summary().substring(0, 1).toUpperCase() + edit.summary().substring(1);
        return reason().map(r -> subject + "\n\n" + r.strip() + "\n").orElse(subject + "\n");
    }

    private SourceTree open(Path dir) {
        try {
            return commit ? Sources.revision(dir, "HEAD") : Sources.workingTree(dir);
        } catch (SourceException e) {
            throw new UsageException(commit ? "--commit needs a Git repository with a commit: " + e.getMessage() : e.getMessage());
        }
    }

    private static void write(Path dir, RepoEdit edit) {
        for (RepoEdit.FileChange c : edit.changes()) {
            Path file = dir.resolve(c.path());
            try {
                Files.createDirectories(file.getParent());
                Path temp = Files.createTempFile(file.getParent(), ".flinkops-", ".tmp");
                Files.writeString(temp, c.after(), StandardCharsets.UTF_8);
                Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UsageException("cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    private static Optional<StatusBranch> readStatus(Path dir) {
        try (Repository repo = gitRepository(dir)) {
            return StatusBranch.read(repo, StatusFiles.DEFAULT_BRANCH, "origin");
        } catch (IOException | UsageException e) {
            return Optional.empty();
        }
    }

    static Repository gitRepository(Path dir) throws IOException {
        FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(dir.toAbsolutePath().toFile());
        if (b.getGitDir() == null) throw new UsageException(dir + " is not inside a Git repository");
        return b.setMustExist(true).build();
    }
}
