package io.flinkops.agent.git;

import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.source.SourceException;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's private copy of the config repo: a Git repository in the agent's work directory that is fetched into
 * and never checked out (its work tree stays empty; nobody's branch is ever touched). The config is read straight
 * from Git objects with {@link Sources#revision}; the status branch is committed to from objects too.
 */
public final class ConfigRepo implements AutoCloseable {
    public static final String REMOTE = "origin";
    private static final java.util.regex.Pattern AUTH_STATUS = java.util.regex.Pattern.compile("(?<![\\d.:])(401|403)(?![\\d.])");

    private final String url;
    private final String branch;
    private final String path;
    private final String statusBranch;
    private final GitCredentials credentials;
    private final Path workTree;
    private final Git git;

    /** What fetch found: the config branch's commit and the status branch's tip (empty when it does not exist yet). */
    public record Fetched(String commit, Optional<ObjectId> statusTip) {
    }

    private ConfigRepo(String url, String branch, String path, String statusBranch, GitCredentials credentials, Path workTree, Git git) {
        this.url = url;
        this.branch = branch;
        this.path = path;
        this.statusBranch = statusBranch;
        this.credentials = credentials;
        this.workTree = workTree;
        this.git = git;
    }

    /**
     * Opens (or creates) the private repository at {@code workDir} with remote {@code origin} = {@code url}.
     *
     * @param path the config repo's folder inside the Git repository ("" for the top)
     */
    public static ConfigRepo open(Path workDir, String url, String branch, String path, String statusBranch, GitCredentials credentials) throws IOException {
        try {
            Files.createDirectories(workDir);
            Git git;
            if (Files.isDirectory(workDir.resolve(".git"))) {
                git = Git.open(workDir.toFile());
            } else {
                git = Git.init().setDirectory(workDir.toFile()).setInitialBranch("flinkops-agent-unused").call();
            }
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", REMOTE, "url", url);
            config.setString("remote", REMOTE, "fetch", "+refs/heads/*:refs/remotes/" + REMOTE + "/*");
            config.save();
            String p = path == null ? "" : path.replaceAll("^/+|/+$", "");
            return new ConfigRepo(url, branch, p, statusBranch, credentials, workDir.toRealPath(), git);
        } catch (GitAPIException e) {
            throw new IOException("cannot create the agent's Git repository in " + workDir + ": " + e.getMessage(), e);
        }
    }

    public Repository repository() {
        return git.getRepository();
    }

    public Git git() {
        return git;
    }

    public GitCredentials credentials() {
        return credentials;
    }

    public String statusBranch() {
        return statusBranch;
    }

    public String statusTrackingRef() {
        return Constants.R_REMOTES + REMOTE + "/" + statusBranch;
    }

    /** The remote's URL with any user info removed, for messages. */
    public String displayUrl() {
        return credentials.redact(url);
    }

    /** The remote commit of the config branch, from a cheap ls-remote (no objects transferred). */
    public Optional<String> remoteHead() throws StepFailure {
        Map<String, Ref> refs = lsRemote();
        return Optional.ofNullable(refs.get(Constants.R_HEADS + branch)).map(r -> r.getObjectId().name());
    }

    /** Fetches the config branch and the status branch (when it exists) into the remote-tracking refs. */
    public Fetched fetch() throws StepFailure {
        Map<String, Ref> advertised = lsRemote();
        if (!advertised.containsKey(Constants.R_HEADS + branch)) {
            throw new StepFailure(Reason.BRANCH_NOT_FOUND, "Branch `" + branch + "` does not exist in " + displayUrl() + ". "
                    + "Push it, or set the agent's branch to one that exists.");
        }
        List<RefSpec> specs = new ArrayList<>();
        specs.add(trackingSpec(branch));
        boolean hasStatus = advertised.containsKey(Constants.R_HEADS + statusBranch);
        if (hasStatus) specs.add(trackingSpec(statusBranch));
        try {
            credentials.configure(git.fetch().setRemote(REMOTE).setRefSpecs(specs).setRemoveDeletedRefs(false)).call();
        } catch (GitAPIException | RuntimeException e) {
            throw failure("fetch from", e);
        }
        try {
            Ref config = repository().exactRef(Constants.R_REMOTES + REMOTE + "/" + branch);
            Optional<ObjectId> status = Optional.empty();
            if (hasStatus) {
                Ref s = repository().exactRef(statusTrackingRef());
                if (s != null) status = Optional.of(s.getObjectId());
            } else {
                deleteTrackingRef(statusTrackingRef());
            }
            return new Fetched(config.getObjectId().name(), status);
        } catch (IOException e) {
            throw new StepFailure(Reason.WORK_DIR_UNUSABLE, "Cannot read the agent's Git repository in " + workTree + ": " + e.getMessage() + ". "
                    + "Check the agent's work directory volume.", e);
        }
    }

    /** Fetches only the status branch; returns its tip (empty when the branch does not exist on the remote). */
    public Optional<ObjectId> fetchStatusBranch() throws StepFailure {
        Map<String, Ref> advertised = lsRemote();
        if (!advertised.containsKey(Constants.R_HEADS + statusBranch)) {
            try {
                deleteTrackingRef(statusTrackingRef());
            } catch (IOException e) {
                throw new StepFailure(Reason.WORK_DIR_UNUSABLE, "Cannot update the agent's Git repository: " + e.getMessage() + ".", e);
            }
            return Optional.empty();
        }
        try {
            credentials.configure(git.fetch().setRemote(REMOTE).setRefSpecs(trackingSpec(statusBranch))).call();
            return Optional.of(repository().exactRef(statusTrackingRef()).getObjectId());
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw failure("fetch the status branch from", e);
        }
    }

    /** The config repo at {@code commit}, read from Git objects (never checked out). */
    public SourceTree source(String commit) throws SourceException, IOException {
        // Sources finds the Git repository from a directory inside its work tree; the folder exists but stays empty.
        Path root = path.isEmpty() ? workTree : workTree.resolve(path);
        Files.createDirectories(root);
        return Sources.revision(root, commit);
    }

    private Map<String, Ref> lsRemote() throws StepFailure {
        try {
            Collection<Ref> refs = credentials.configure(git.lsRemote().setRemote(REMOTE).setHeads(true)).call();
            Map<String, Ref> byName = new java.util.HashMap<>();
            for (Ref r : refs) byName.put(r.getName(), r);
            return byName;
        } catch (GitAPIException | RuntimeException e) {
            throw failure("reach", e);
        }
    }

    private static RefSpec trackingSpec(String b) {
        return new RefSpec("+" + Constants.R_HEADS + b + ":" + Constants.R_REMOTES + REMOTE + "/" + b);
    }

    private void deleteTrackingRef(String ref) throws IOException {
        if (repository().exactRef(ref) == null) return;
        var u = repository().updateRef(ref);
        u.setForceUpdate(true);
        u.delete();
    }

    /** A Git failure as a typed, redacted step failure: authentication and missing repos need a human, the rest is transient. */
    StepFailure failure(String verb, Exception e) {
        String detail = credentials.redact(rootMessage(e));
        String lower = detail.toLowerCase(java.util.Locale.ROOT);
        // Word matches only: "127.0.0.1:40123" must not read as HTTP 401.
        boolean auth = lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
                || lower.contains("permission denied") || AUTH_STATUS.matcher(lower).find();
        boolean hostKey = lower.contains("host key") || lower.contains("known_hosts") || lower.contains("did not validate");
        if (hostKey) {
            return new StepFailure(Reason.GIT_HOST_KEY_UNTRUSTED, "The ssh host key of " + displayUrl() + " is not trusted (" + detail + "). "
                    + "Put the server's host key in the known_hosts file of the agent's Git Secret.");
        }
        boolean missing = e instanceof InvalidRemoteException || hasCause(e, NoRemoteRepositoryException.class)
                || lower.contains("repository not found") || lower.contains("not found: ");
        if (auth) {
            return new StepFailure(Reason.GIT_AUTH_FAILED, "Git refused the agent's credentials for " + displayUrl() + " (" + detail + "). "
                    + "Check the token or ssh key in the agent's Git Secret.");
        }
        if (missing && !(e instanceof TransportException && lower.contains("connection"))) {
            return new StepFailure(Reason.GIT_REPO_NOT_FOUND, "There is no Git repository at " + displayUrl() + " (" + detail + "). "
                    + "Check the agent's repository URL.");
        }
        return new StepFailure(Reason.GIT_UNREACHABLE, "Cannot " + verb + " " + displayUrl() + " (" + detail + "). "
                + "The agent retries; check the Git server and the network if this persists.");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String msg = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) msg = t.getMessage();
        }
        return msg == null ? e.getClass().getSimpleName() : msg.strip();
    }

    @Override
    public void close() {
        git.close();
    }
}
