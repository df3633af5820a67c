package io.flinkops.operations;

import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.diag.Diagnostic;
import io.flinkops.diag.Suggestions;
import io.flinkops.load.Document;
import io.flinkops.plan.Operations;
import io.flinkops.plan.Savepoint;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.source.SourceTree;
import io.flinkops.status.DeploymentStatus;
import io.flinkops.status.StatusBranch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a day-2 operation into the config repo as the smallest reviewable edit (docs/day-2.md, "The commands"): a new
 * Savepoint file, one annotation in a Deployment's file, or both. The edit is computed in memory and the repo is
 * checked with it before anything is written: an edit that would add an error is refused.
 */
public final class OperationEditor {
    /** {@code --from-savepoint latest}: the newest completed savepoint the status branch records. */
    public static final String LATEST = "latest";
    public static final String RESTART = Operations.RESTART_ANNOTATION;
    public static final String REDEPLOY_FROM = Operations.REDEPLOY_FROM_ANNOTATION;
    public static final String REASON = Savepoint.REASON_ANNOTATION;

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_NAME = 63;
    /** As the loader: no config file is larger. */
    private static final int MAX_FILE_BYTES = 16 << 20;

    private final Compiler compiler = new Compiler();

    /**
     * The edit, and what checking the repo with it found.
     *
     * @param newErrors      errors the edit would add (the edit must not be written when there are any)
     * @param existingErrors errors the repo has without the edit (the agent applies nothing until they are fixed)
     */
    public record Result(RepoEdit edit, List<Diagnostic> newErrors, long existingErrors) {
        public boolean refused() {
            return !newErrors.isEmpty();
        }
    }

    /**
     * @param tree   the config repo the edit is made to (the working tree, or HEAD for a commit)
     * @param now    when the operation is asked for: its identity and its operator nonce
     * @param status the status branch, for {@code --from-savepoint latest}
     */
    public Result edit(SourceTree tree, DayTwoRequest request, Instant now, Optional<StatusBranch> status) {
        Compilation before = compiler.compile(tree);
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        RepoEdit edit;
        if (request instanceof DayTwoRequest.TakeSavepoint s) edit = takeSavepoint(before, tree, s, at);
        else if (request instanceof DayTwoRequest.Restart r) edit = restart(before, tree, r, at);
        else edit = redeploy(before, tree, (DayTwoRequest.Redeploy) request, at, status);
        Compilation after = compiler.compile(new EditedTree(tree, edit));
        Set<String> known = before.diagnostics().sorted().stream().filter(Diagnostic::isError).map(OperationEditor::identity)
                .collect(Collectors.toSet());
        List<Diagnostic> added = after.diagnostics().sorted().stream().filter(Diagnostic::isError)
                .filter(d -> !known.contains(identity(d))).toList();
        return new Result(edit, added, before.diagnostics().errorCount());
    }

    private RepoEdit takeSavepoint(Compilation repo, SourceTree tree, DayTwoRequest.TakeSavepoint s, Instant at) {
        Resolved<?> deployment = deployment(repo, s.namespace(), s.name());
        String name = s.savepointName().orElseGet(() -> savepointName(s.name(), "", at));
        refuseTaken(repo, s.namespace(), name);
        String path = savepointPath(s.namespace(), s.name(), name);
        refuseExisting(tree, path);
        String text = SavepointFile.request(name, deployment.name(), at, s.reason(), s.formatType(),
                "flinkops savepoint " + s.namespace() + "/" + s.name());
        return new RepoEdit("take a savepoint of " + s.namespace() + "/" + s.name() + " (Savepoint " + name + ")",
                List.of(new RepoEdit.FileChange(path, Optional.empty(), text)));
    }

    private RepoEdit restart(Compilation repo, SourceTree tree, DayTwoRequest.Restart r, Instant at) {
        ResolvedNamespace ns = namespace(repo, r.namespace());
        Resolved<?> target = ns.deployments().containsKey(r.name()) ? ns.deployments().get(r.name()) : ns.sessionClusters().get(r.name());
        if (target == null) {
            List<String> names = new ArrayList<>(ns.deployments().keySet());
            names.addAll(ns.sessionClusters().keySet());
            throw new OperationRefused(("no Deployment or SessionCluster `" + r.name() + "` in namespace `" + r.namespace() + "`. "
                    + Suggestions.didYouMean(r.name(), names)).strip());
        }
        String kind = target.document().kind().kindName();
        RepoEdit.FileChange change = annotate(tree, target.document(), RESTART, at.toString());
        return new RepoEdit("restart " + kind + " " + r.namespace() + "/" + r.name(), List.of(change));
    }

    private RepoEdit redeploy(Compilation repo, SourceTree tree, DayTwoRequest.Redeploy r, Instant at, Optional<StatusBranch> status) {
        Resolved<?> deployment = deployment(repo, r.namespace(), r.name());
        String location = location(repo, r, status);
        String name = savepointName(r.name(), "restore-", at);
        refuseTaken(repo, r.namespace(), name);
        String path = savepointPath(r.namespace(), r.name(), name);
        refuseExisting(tree, path);
        String text = SavepointFile.existing(name, deployment.name(), at, location, r.reason(),
                "flinkops redeploy " + r.namespace() + "/" + r.name() + " --from-savepoint " + r.from());
        List<RepoEdit.FileChange> changes = new ArrayList<>();
        changes.add(annotate(tree, deployment.document(), REDEPLOY_FROM, name));
        changes.add(new RepoEdit.FileChange(path, Optional.empty(), text));
        return new RepoEdit("redeploy " + r.namespace() + "/" + r.name() + " from " + location + " (Savepoint " + name + ")", changes);
    }

    /** Where a redeploy starts from: a location as given, a Savepoint's, or the newest the status branch records. */
    private static String location(Compilation repo, DayTwoRequest.Redeploy r, Optional<StatusBranch> status) {
        String from = r.from().strip();
        if (from.isEmpty()) throw new OperationRefused("--from-savepoint is empty: give a savepoint location, a Savepoint's name, or `latest`");
        if (from.contains("://") || from.startsWith("/")) return from;
        if (from.equals(LATEST)) return latest(r, status);
        return SavepointLookup.location(repo, r.namespace(), r.name(), from);
    }

    private static String latest(DayTwoRequest.Redeploy r, Optional<StatusBranch> status) {
        StatusBranch branch = status.orElseThrow(() -> new OperationRefused("--from-savepoint latest reads the savepoint history from the "
                + "status branch, and there is none here. Fetch it (git fetch origin flinkops/status), or name the savepoint's location."));
        DeploymentStatus d = branch.deployments().stream()
                .filter(s -> r.namespace().equals(s.namespace()) && r.name().equals(s.deployment())).findFirst()
                .orElseThrow(() -> new OperationRefused("the status branch (" + branch.commit().substring(0, 7) + ") has no status for "
                        + r.namespace() + "/" + r.name() + ", so it knows no savepoint of it. Name the savepoint's location."));
        return d.savepoints().stream().filter(s -> "COMPLETED".equals(s.result()) && s.location() != null).findFirst()
                .map(DeploymentStatus.SavepointRecord::location)
                .or(() -> Optional.ofNullable(d.lastSavepoint()).map(DeploymentStatus.Savepoint::location))
                .orElseThrow(() -> new OperationRefused("the status branch records no completed savepoint of " + r.namespace() + "/"
                        + r.name() + ". Take one first (flinkops savepoint " + r.namespace() + "/" + r.name() + "), or name a location."));
    }

    private static RepoEdit.FileChange annotate(SourceTree tree, Document document, String key, String value) {
        String before = text(tree, document.file());
        String after = AnnotationEdit.set(before, document.root(), key, value);
        return new RepoEdit.FileChange(document.file(), Optional.of(before), after);
    }

    private static Resolved<?> deployment(Compilation repo, String namespace, String name) {
        ResolvedNamespace ns = namespace(repo, namespace);
        Resolved<?> d = ns.deployments().get(name);
        if (d == null) {
            throw new OperationRefused(("no Deployment `" + name + "` in namespace `" + namespace + "`. "
                    + Suggestions.didYouMean(name, List.copyOf(ns.deployments().keySet()))).strip());
        }
        return d;
    }

    private static ResolvedNamespace namespace(Compilation repo, String namespace) {
        ResolvedNamespace ns = repo.repo().namespaces().get(namespace);
        if (ns == null) {
            throw new OperationRefused(("no namespace `" + namespace + "` in the config repo. "
                    + Suggestions.didYouMean(namespace, repo.repo().namespaces().keySet())).strip());
        }
        return ns;
    }

    /** {@code <deployment>-[restore-]<yyyyMMdd-HHmmss>}, the deployment's name shortened to fit 63 characters. */
    static String savepointName(String deployment, String infix, Instant at) {
        String suffix = "-" + infix + NAME_TIME.format(at);
        String head = deployment.length() + suffix.length() <= MAX_NAME ? deployment
                : deployment.substring(0, MAX_NAME - suffix.length()).replaceAll("-+$", "");
        return head + suffix;
    }

    static String savepointPath(String namespace, String deployment, String name) {
        return "namespaces/" + namespace + "/savepoints/" + deployment + "/" + name + ".yaml";
    }

    /** Savepoint names are unique in a namespace (FO016): say so before writing a file that would break that. */
    private static void refuseTaken(Compilation repo, String namespace, String name) {
        ResolvedNamespace ns = repo.repo().namespaces().get(namespace);
        if (ns != null && ns.savepoints().containsKey(name)) {
            throw new OperationRefused("namespace `" + namespace + "` has a Savepoint `" + name + "` already ("
                    + ns.savepoints().get(name).document().file() + "); give this one another name (--name)");
        }
    }

    private static void refuseExisting(SourceTree tree, String path) {
        if (tree.entries().stream().anyMatch(e -> e.path().equals(path))) {
            throw new OperationRefused(path + " exists already; give the Savepoint another name (--name)");
        }
    }

    private static String text(SourceTree tree, String path) {
        SourceTree.Content content = tree.read(path, MAX_FILE_BYTES);
        if (content instanceof SourceTree.Bytes b) return new String(b.bytes(), StandardCharsets.UTF_8);
        throw new OperationRefused("cannot read " + path + ": " + ((SourceTree.Refused) content).message());
    }

    private static String identity(Diagnostic d) {
        return d.code() + "|" + d.file() + "|" + d.pointer() + "|" + d.message();
    }
}
