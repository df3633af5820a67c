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

@Command(name = "status", description = "Show the live status the reconciler agents committed to the status branch; "
        + "with NAMESPACE/DEPLOYMENT, that deployment's conditions and its savepoint and operation history.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(arity = "0..2", paramLabel = "[NAMESPACE/DEPLOYMENT] [DIR]",
            description = "One deployment to show in detail, and a clone of the config repo (default: the current directory).")
    List<String> arguments = List.of();

    Path dir = Path.of(".");
    String target;

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
        splitArguments();
        if (!Files.isDirectory(dir)) throw new UsageException(dir + " is not a directory. Pass a clone of the config repo.");
        Instant at = now == null ? Instant.now() : Instant.parse(now);
        try (Repository repo = open(dir)) {
            StatusBranch status = StatusBranch.read(repo, branch, remote).orElseThrow(() -> new UsageException(
                    "there is no status branch `" + branch + "` (local or " + remote + "/" + branch + ") in " + dir + ". "
                            + "Run `git fetch " + remote + " " + branch + "`, or check that an agent is running."));
            PrintWriter out = spec.commandLine().getOut();
            if (target != null) return detail(status, at, out);
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

    /** DIR alone (as before), NAMESPACE/DEPLOYMENT alone, or both. */
    private void splitArguments() {
        if (arguments.size() == 2) {
            target = arguments.get(0);
            dir = Path.of(arguments.get(1));
        } else if (arguments.size() == 1) {
            String a = arguments.get(0);
            if (a.matches("[^/]+/[^/]+") && !Files.isDirectory(Path.of(a))) target = a;
            else dir = Path.of(a);
        }
    }

    private int detail(StatusBranch status, Instant at, PrintWriter out) {
        String[] t = OperationOptions.target(target, "DEPLOYMENT");
        DeploymentStatus d = status.deployments().stream().filter(s -> t[0].equals(s.namespace()) && t[1].equals(s.deployment()))
                .findFirst().orElseThrow(() -> new UsageException("the status branch (" + shortCommit(status.commit()) + ") has no status for "
                        + target + ". Is it deployed by an agent? `flinkops status` lists what it has."));
        out.print(format == Format.json ? StatusFiles.toJson(d) + "\n" : detailText(d, at));
        out.flush();
        return ExitCode.OK;
    }

    /** One deployment: its state and conditions, then its savepoints and operations, newest first. */
    static String detailText(DeploymentStatus d, Instant now) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.namespace()).append('/').append(d.deployment()).append("  (cluster ").append(or(d.cluster()))
                .append(", observed ").append(age(d.observedAt(), now)).append(" ago, source commit ").append(shortCommit(d.sourceCommit())).append(")\n");
        sb.append("  desired:         ").append(or(d.desiredState())).append('\n');
        sb.append("  state:           ").append(or(d.state())).append('\n');
        sb.append("  job id:          ").append(or(d.jobId())).append('\n');
        if (d.lastCheckpoint() != null) {
            sb.append("  last checkpoint: ").append(or(d.lastCheckpoint().timestamp())).append(" (").append(age(d.lastCheckpoint().timestamp(), now))
                    .append(" ago)").append(d.lastCheckpoint().location() == null ? "" : " " + d.lastCheckpoint().location()).append('\n');
        }
        if (d.error() != null) sb.append("  error:           ").append(d.error()).append('\n');
        if (d.conditions() != null) {
            for (DeploymentStatus.Condition c : d.conditions()) {
                if (!"True".equalsIgnoreCase(c.status())) continue;
                sb.append("  condition:       ").append(c.type()).append(" (").append(or(c.reason())).append(")")
                        .append(c.message() == null ? "" : ": " + c.message()).append('\n');
            }
        }
        sb.append('\n');
        if (d.savepoints().isEmpty()) {
            sb.append("Savepoints: none recorded").append(d.lastSavepoint() == null ? "" : "; the operator's last: " + d.lastSavepoint().location()
                    + " (" + or(d.lastSavepoint().timestamp()) + ")").append('\n');
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"SAVEPOINTS", "REQUESTED", "TRIGGER", "RESULT", "COMPLETED", "LOCATION"});
            List<String> errors = new ArrayList<>();
            for (DeploymentStatus.SavepointRecord s : d.savepoints()) {
                rows.add(new String[]{s.name() == null ? "(operator)" : s.name(), or(s.requestedAt()), or(s.trigger()), or(s.result()),
                        or(s.completedAt()), or(s.location())});
                errors.add(s.error());
            }
            appendTable(sb, rows, errors);
        }
        if (!d.operations().isEmpty()) {
            sb.append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"OPERATIONS", "REQUESTED", "RESULT", "OBSERVED", "FROM"});
            List<String> errors = new ArrayList<>();
            for (DeploymentStatus.Operation o : d.operations()) {
                String from = o.from() == null ? "-" : o.from() + (o.savepoint() == null ? "" : " (" + o.savepoint() + ")");
                rows.add(new String[]{or(o.type()), or(o.requestedAt()), or(o.result()), or(o.observedAt()), from});
                errors.add(o.error());
            }
            appendTable(sb, rows, errors);
        }
        return sb.toString();
    }

    /** Rows padded to columns; the error of a row (may be null) on the line below it. */
    private static void appendTable(StringBuilder sb, List<String[]> rows, List<String> errors) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        for (int row = 0; row < rows.size(); row++) {
            String[] r = rows.get(row);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            String error = row == 0 ? null : errors.get(row - 1);
            if (error != null) sb.append("  error: ").append(error).append('\n');
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
