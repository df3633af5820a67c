package io.flinkops.cli;

import io.flinkops.status.AgentStatus;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusBranch;
import io.flinkops.status.StatusFiles;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "status", description = "Show the live status the reconciler agents committed to the status branch.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "A clone of the config repo (default: the current directory).")
    Path dir = Path.of(".");

    @Option(names = "--branch", paramLabel = "BRANCH", description = "The status branch (default: ${DEFAULT-VALUE}).")
    String branch = StatusFiles.DEFAULT_BRANCH;

    @Option(names = "--remote", paramLabel = "REMOTE", description = "Read refs/remotes/REMOTE/BRANCH when there is no local branch (default: ${DEFAULT-VALUE}).")
    String remote = "origin";

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    /** For tests: the instant ages are computed from. */
    @Option(names = "--now", hidden = true)
    String now;

    enum Format { text, json }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) throw new UsageException(dir + " is not a directory. Pass a clone of the config repo.");
        Instant at = now == null ? Instant.now() : Instant.parse(now);
        try (Repository repo = open(dir)) {
            StatusBranch status = StatusBranch.read(repo, branch, remote).orElseThrow(() -> new UsageException(
                    "there is no status branch `" + branch + "` (local or " + remote + "/" + branch + ") in " + dir + ". "
                            + "Run `git fetch " + remote + " " + branch + "`, or check that an agent is running."));
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("statusCommit", status.commit());
                json.put("deployments", status.deployments());
                json.put("agents", status.agents());
                json.put("unreadable", status.unreadable());
                out.println(StatusFiles.toJson(json));
            } else {
                out.print(table(status, at));
            }
            out.flush();
            for (String u : status.unreadable()) {
                spec.commandLine().getErr().println("flinkops: cannot read status file " + u + ". Fix or delete it on the status branch.");
            }
            return ExitCode.OK;
        }
    }

    private static Repository open(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        FileRepositoryBuilder b = new FileRepositoryBuilder();
        if (Files.isRegularFile(abs.resolve("HEAD")) && Files.isDirectory(abs.resolve("objects"))) {
            b.setGitDir(abs.toFile()); // a bare repository
        } else {
            b.findGitDir(abs.toFile());
        }
        if (b.getGitDir() == null) {
            throw new UsageException(dir + " is not inside a Git repository. Pass a clone of the config repo.");
        }
        return b.setMustExist(true).build();
    }

    static String table(StatusBranch status, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"NAMESPACE", "DEPLOYMENT", "DESIRED", "STATE", "JOB ID", "LAST SAVEPOINT", "AGE", "SOURCE COMMIT"});
        for (DeploymentStatus d : status.deployments()) {
            String state = or(d.state());
            List<String> active = d.conditions() == null ? List.of() : d.conditions().stream()
                    .filter(c -> "True".equalsIgnoreCase(c.status())).map(DeploymentStatus.Condition::type).toList();
            if (!active.isEmpty()) state += " (" + String.join(", ", active) + ")";
            rows.add(new String[]{or(d.namespace()), or(d.deployment()), or(d.desiredState()), state, or(d.jobId()),
                    d.lastSavepoint() == null ? "-" : or(d.lastSavepoint().location()), age(d.observedAt(), now), shortCommit(d.sourceCommit())});
        }
        StringBuilder sb = new StringBuilder();
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        if (status.deployments().isEmpty()) sb.append("(no deployment status yet)\n");
        for (AgentStatus a : status.agents()) {
            sb.append('\n').append("agent ").append(or(a.cluster())).append(": ").append(or(a.outcome()))
                    .append(", last applied ").append(shortCommit(a.lastAppliedRevision()))
                    .append(", last attempted ").append(shortCommit(a.lastAttemptedRevision()))
                    .append(", ").append(age(a.observedAt(), now)).append(" ago\n");
            for (AgentStatus.Problem p : a.problems()) {
                sb.append("  ").append(or(p.step())).append(": ").append(or(p.reason())).append(": ").append(or(p.message())).append('\n');
            }
            for (AgentStatus.ConfigDiagnostic d : a.diagnostics()) diagnostic(sb, d);
            if (a.omittedDiagnostics() != null) sb.append("  … and ").append(a.omittedDiagnostics()).append(" more error(s)\n");
        }
        return sb.toString();
    }

    /** As {@code flinkops validate} shows it, without the source excerpt (the file is at another commit). */
    private static void diagnostic(StringBuilder sb, AgentStatus.ConfigDiagnostic d) {
        sb.append("  ").append(or(d.severity())).append('[').append(or(d.code())).append("]: ").append(or(d.message())).append('\n');
        sb.append("    --> ").append(or(d.file()));
        if (d.line() != null) sb.append(':').append(d.line()).append(':').append(d.column());
        if (d.pointer() != null) sb.append("  (").append(d.pointer()).append(')');
        sb.append('\n');
        if (d.hint() != null) sb.append("    = hint: ").append(d.hint()).append('\n');
    }

    private static String or(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String shortCommit(String c) {
        return c == null ? "-" : c.length() > 7 ? c.substring(0, 7) : c;
    }

    static String age(String observedAt, Instant now) {
        if (observedAt == null) return "-";
        Duration d;
        try {
            d = Duration.between(Instant.parse(observedAt), now);
        } catch (DateTimeParseException e) {
            return "-";
        }
        if (d.isNegative()) return "0s";
        long s = d.getSeconds();
        if (s < 120) return s + "s";
        if (s < 2 * 3600) return s / 60 + "m";
        if (s < 2 * 86400) return s / 3600 + "h";
        return s / 86400 + "d";
    }
}
