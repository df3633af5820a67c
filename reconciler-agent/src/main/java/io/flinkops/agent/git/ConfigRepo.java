package io.flinkops.agent.git;

import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.source.SourceException;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TrackingRefUpdate;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's private copy of the config repo: a Git repository in the agent's work directory that is fetched into
 * and never checked out (its work tree stays empty; nobody's branch is ever touched). The config is read straight
 * from Git objects with {@link Sources#revision}; the status branch is committed to from objects too.
 *
 * <p>The repository is a cache ({@link WorkDir}): stale lock files are removed before every operation that writes,
 * every ref a fetch moves is checked against what the remote advertised in that fetch (a ref that did not move is
 * local damage, never a success), and a repository that cannot be opened, holds corrupt objects or keeps a ref from
 * moving is deleted and fetched again. Each repair is told to the {@link RepairListener} ({@link Reason#WORK_DIR_REPAIRED}).
 * Local damage is never reported as a network failure: when the repair does not help, it is
 * {@link Reason#WORK_DIR_UNUSABLE}.
 *
 * <p>Every call to the remote (ls-remote, fetch, push) has the timeout of {@link Options#timeout()}: connect and
 * every read ({@code git://} through {@link GitDaemonTransport}, whose reads JGit's own transport cannot bound).
 */
public final class ConfigRepo implements AutoCloseable {
    public static final String REMOTE = "origin";
    public static final Duration DEFAULT_GIT_TIMEOUT = Duration.ofSeconds(30);
    private static final java.util.regex.Pattern AUTH_STATUS = java.util.regex.Pattern.compile("(?<![\\d.:])(401|403)(?![\\d.])");

    /** Told of every repair of the work directory, in words (which lock files, what damage, re-created or not). */
    @FunctionalInterface
    public interface RepairListener {
        RepairListener IGNORE = what -> { };

        void repaired(String what);
    }

    /**
     * @param timeout how long one call to the remote may wait for the connection and for each answer (JGit's timeout
     *                is per read: a long transfer that keeps moving is not cut off)
     * @param repairs told of every repair of the work directory
     */
    public record Options(Duration timeout, RepairListener repairs) {
        public Options {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("the Git timeout must be longer than zero");
        }

        public static Options defaults() {
            return new Options(DEFAULT_GIT_TIMEOUT, RepairListener.IGNORE);
        }

        public Options withTimeout(Duration value) {
            return new Options(value, repairs);
        }

        public Options withRepairs(RepairListener value) {
            return new Options(timeout, value);
        }
    }

    private final String url;
    private final String branch;
    private final String path;
    private final String statusBranch;
    private final GitCredentials credentials;
    private final WorkDir workDir;
    private final Options options;
    /** Replaced when the repository is re-created; only the agent's loop thread uses it. */
    private volatile Git git;
    /** Why the last re-create failed: the repository is half deleted, and nothing may use it before it is re-created. */
    private volatile String broken;

    /** What fetch found: the config branch's commit and the status branch's tip (empty when it does not exist yet). */
    public record Fetched(String commit, Optional<ObjectId> statusTip) {
    }

    /** The local repository is damaged: repair it, do not blame the remote. */
    private static final class LocalDamage extends Exception {
        LocalDamage(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @FunctionalInterface
    private interface GitOperation<T> {
        T run() throws StepFailure, LocalDamage;
    }

    private ConfigRepo(String url, String branch, String path, String statusBranch, GitCredentials credentials, WorkDir workDir, Options options) {
        this.url = url;
        this.branch = branch;
        this.path = path;
        this.statusBranch = statusBranch;
        this.credentials = credentials;
        this.workDir = workDir;
        this.options = options;
    }

    /**
     * Opens (or creates) the private repository at {@code workDir} with remote {@code origin} = {@code url}, with the
     * default {@link Options}.
     *
     * @param path the config repo's folder inside the Git repository ("" for the top)
     */
    public static ConfigRepo open(Path workDir, String url, String branch, String path, String statusBranch, GitCredentials credentials) throws IOException {
        return open(workDir, url, branch, path, statusBranch, credentials, Options.defaults());
    }

    /**
     * Opens (or creates) the private repository at {@code workDir}, repairing what a killed agent left: stale locks
     * are removed, and a repository that cannot be opened, or whose refs or objects cannot be read, is re-created.
     * Fails (an {@link IOException}) only when the directory cannot be claimed or written at all.
     */
    public static ConfigRepo open(Path workDir, String url, String branch, String path, String statusBranch, GitCredentials credentials,
                                  Options options) throws IOException {
        GitDaemonTransport.register();
        WorkDir dir = WorkDir.claim(workDir);
        try {
            String p = path == null ? "" : path.replaceAll("^/+|/+$", "");
            ConfigRepo repo = new ConfigRepo(url, branch, p, statusBranch, credentials, dir, options);
            repo.git = repo.openOrRecreate();
            return repo;
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private Git openOrRecreate() throws IOException {
        removeStaleLocks();
        if (!workDir.hasRepository()) return configured(workDir.init());
        Git opened;
        try {
            opened = Git.open(workDir.dir.toFile());
        } catch (IOException | RuntimeException e) {
            return recreated("it cannot be opened (" + WorkDir.describe(e) + ")");
        }
        Optional<String> damage = workDir.damage(opened.getRepository());
        if (damage.isPresent()) {
            opened.close();
            return recreated(damage.get());
        }
        try {
            return configured(opened);
        } catch (IOException | RuntimeException e) {
            opened.close();
            return recreated("its config cannot be written (" + WorkDir.describe(e) + ")");
        }
    }

    private Git configured(Git g) throws IOException {
        StoredConfig config = g.getRepository().getConfig();
        config.setString("remote", REMOTE, "url", url);
        config.setString("remote", REMOTE, "fetch", "+refs/heads/*:refs/remotes/" + REMOTE + "/*");
        // JGit packs the repository after a fetch when it has grown (gc.auto), by default on a background thread that
        // takes locks of its own (gc.log.lock, packed-refs.lock). In the foreground it runs on the agent's loop
        // thread, between operations: the repository keeps being packed, and the agent stays its only writer, which
        // removing stale locks relies on.
        config.setBoolean("gc", null, "autoDetach", false);
        config.save();
        return g;
    }

    /** Deletes the repository and creates an empty one: the next fetch fills it again. */
    private Git recreated(String why) throws IOException {
        Git old = git;
        if (old != null) old.close();
        broken = why;
        workDir.wipe();
        Git fresh = configured(workDir.init());
        broken = null;
        options.repairs().repaired("re-created the agent's Git repository in " + workDir.dir + " because " + why
                + "; it is fetched again from " + displayUrl());
        return fresh;
    }

    private void removeStaleLocks() throws IOException {
        List<String> removed = workDir.removeStaleLocks();
        if (!removed.isEmpty()) {
            options.repairs().repaired("removed stale Git lock files left by an agent that stopped while writing: " + String.join(", ", removed));
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
        return trackingRef(statusBranch);
    }

    private static String trackingRef(String b) {
        return Constants.R_REMOTES + REMOTE + "/" + b;
    }

    /** The remote's URL with any user info removed, for messages. */
    public String displayUrl() {
        return credentials.redact(url);
    }

    /** How long one call to the remote may wait. */
    public Duration timeout() {
        return options.timeout();
    }

    /** {@code command} with the agent's credentials and the Git timeout: every call to the remote goes through here. */
    public <C extends TransportCommand<C, ?>> C remote(C command) {
        long seconds = Math.max(1, (options.timeout().toMillis() + 999) / 1000);
        return credentials.configure(command).setTimeout((int) Math.min(Integer.MAX_VALUE, seconds));
    }

    /** The remote commit of the config branch, from a cheap ls-remote (no objects transferred). */
    public Optional<String> remoteHead() throws StepFailure {
        Map<String, Ref> refs = lsRemote();
        return Optional.ofNullable(refs.get(Constants.R_HEADS + branch)).map(r -> r.getObjectId().name());
    }

    /**
     * Fetches the config branch and the status branch (when it exists) into the remote-tracking refs, and checks that
     * they now hold what the remote advertised. A damaged repository is re-created and fetched into once more.
     */
    public Fetched fetch() throws StepFailure {
        return repairing(this::fetchOnce);
    }

    private Fetched fetchOnce() throws StepFailure, LocalDamage {
        Map<String, Ref> advertised = lsRemote();
        if (!advertised.containsKey(Constants.R_HEADS + branch)) {
            throw new StepFailure(Reason.BRANCH_NOT_FOUND, "Branch `" + branch + "` does not exist in " + displayUrl() + ". "
                    + "Push it, or set the agent's branch to one that exists.");
        }
        List<RefSpec> specs = new ArrayList<>();
        specs.add(trackingSpec(branch));
        boolean hasStatus = advertised.containsKey(Constants.R_HEADS + statusBranch);
        if (hasStatus) specs.add(trackingSpec(statusBranch));
        FetchResult result = fetchInto(specs, "fetch from");
        ObjectId commit = verified(result, branch);
        Optional<ObjectId> status = Optional.empty();
        if (hasStatus) {
            status = Optional.of(verified(result, statusBranch));
        } else {
            deleteTrackingRef(statusTrackingRef());
        }
        return new Fetched(commit.name(), status);
    }

    /** Fetches only the status branch; returns its tip (empty when the branch does not exist on the remote). */
    public Optional<ObjectId> fetchStatusBranch() throws StepFailure {
        return repairing(() -> {
            Map<String, Ref> advertised = lsRemote();
            if (!advertised.containsKey(Constants.R_HEADS + statusBranch)) {
                deleteTrackingRef(statusTrackingRef());
                return Optional.empty();
            }
            return Optional.of(verified(fetchInto(List.of(trackingSpec(statusBranch)), "fetch the status branch from"), statusBranch));
        });
    }

    private FetchResult fetchInto(List<RefSpec> specs, String verb) throws StepFailure, LocalDamage {
        try {
            return remote(git.fetch().setRemote(REMOTE).setRefSpecs(specs).setRemoveDeletedRefs(false)).call();
        } catch (GitAPIException | RuntimeException e) {
            if (WorkDir.isLocalDamage(e)) throw new LocalDamage(WorkDir.describe(e), e);
            StepFailure f = failure(verb, e);
            // A failure that does not plainly come from the network may be the local repository's: look before blaming the remote.
            if (!plainlyRemote(e)) {
                Optional<String> damage = workDir.damage(repository());
                if (damage.isPresent()) throw new LocalDamage(damage.get(), e);
            }
            throw f;
        }
    }

    /**
     * The tracking ref of {@code b} after a fetch, checked against what the remote advertised in that same fetch: JGit
     * reports a ref it could not move (a lock it could not take) in the result, not as an error, and applying the
     * commit the ref still names would apply an old commit as if it were the branch's head.
     */
    private ObjectId verified(FetchResult result, String b) throws LocalDamage {
        Ref advertised = result.getAdvertisedRef(Constants.R_HEADS + b);
        String tracking = trackingRef(b);
        try {
            Ref local = repository().exactRef(tracking);
            if (advertised == null || advertised.getObjectId() == null) {
                // The branch went away between ls-remote and fetch; what the ref holds is all there is.
                if (local == null) throw new LocalDamage(tracking + " does not exist after the fetch", null);
                return local.getObjectId();
            }
            ObjectId want = advertised.getObjectId();
            if (local == null || !want.equals(local.getObjectId())) {
                TrackingRefUpdate u = result.getTrackingRefUpdate(tracking);
                throw new LocalDamage(tracking + " is at " + (local == null ? "nothing" : local.getObjectId().name()) + " after the fetch, but the remote has "
                        + want.name() + (u == null ? "" : " (the update ended " + u.getResult() + ")"), null);
            }
            try (RevWalk walk = new RevWalk(repository())) {
                walk.parseCommit(want); // the objects arrived and can be read
            }
            return want;
        } catch (IOException e) {
            throw new LocalDamage(WorkDir.describe(e), e);
        }
    }

    /**
     * Runs {@code op} on a repository without stale locks; when it finds the repository damaged, re-creates the
     * repository and runs it once more. Damage again, or a repository that cannot be re-created, is
     * {@link Reason#WORK_DIR_UNUSABLE}.
     */
    private <T> T repairing(GitOperation<T> op) throws StepFailure {
        if (broken != null) {
            try {
                git = recreated(broken);
            } catch (IOException e) {
                throw unusable("it was damaged (" + broken + ") and cannot be re-created", e);
            }
        }
        try {
            removeStaleLocks();
        } catch (IOException e) {
            throw unusable("cannot remove stale lock files", e);
        }
        LocalDamage damage;
        try {
            return op.run();
        } catch (LocalDamage d) {
            damage = d;
        }
        try {
            git = recreated(damage.getMessage());
        } catch (IOException e) {
            throw unusable("it was damaged (" + damage.getMessage() + ") and cannot be re-created", e);
        }
        try {
            return op.run();
        } catch (LocalDamage again) {
            throw unusable("it was damaged (" + damage.getMessage() + "), and is still after it was re-created (" + again.getMessage() + ")", again);
        }
    }

    private StepFailure unusable(String what, Throwable cause) {
        String detail = cause == null ? "" : ": " + credentials.redact(WorkDir.describe(cause));
        return new StepFailure(Reason.WORK_DIR_UNUSABLE, "The agent's Git repository in " + workDir.dir + " is unusable: "
                + credentials.redact(what) + detail + ". Check the agent's work directory volume (full, read-only or failing); "
                + "the agent tries again next cycle.", cause);
    }

    /**
     * The step failure for an error of the local repository met outside a fetch (writing the status commit, reading a
     * commit to compile, packing a push): when it is damage, the repository is re-created and fetched again at once,
     * and the failure is {@link Reason#WORK_DIR_REPAIRED}, which the cycle retries; other I/O errors (a full disk)
     * are {@link Reason#WORK_DIR_UNUSABLE}.
     *
     * @param doing what the agent was doing, for the message ("write the status commit")
     */
    public StepFailure localFailure(String doing, Exception e) {
        boolean damaged = WorkDir.isLocalDamage(e) || workDir.damage(repository()).isPresent();
        if (!damaged) return unusable("cannot " + doing, e);
        return repair(doing, WorkDir.describe(e));
    }

    /**
     * Re-creates the repository, which was found damaged ({@code why}) while the agent tried to {@code doing}, and
     * fetches into it again at once; the {@link Reason#WORK_DIR_REPAIRED} failure to throw, which the cycle retries
     * ({@link Reason#WORK_DIR_UNUSABLE} when it cannot be re-created).
     */
    public StepFailure repair(String doing, String why) {
        try {
            git = recreated("it was found damaged while the agent tried to " + doing + " (" + why + ")");
        } catch (IOException re) {
            return unusable("it was damaged (" + why + ") and cannot be re-created", re);
        }
        try {
            fetchOnce(); // best effort: the retried step needs the objects back; if this fails, the retry says why
        } catch (StepFailure | LocalDamage ignored) {
            // reported by the retry
        }
        return new StepFailure(Reason.WORK_DIR_REPAIRED, "The agent's Git repository in " + workDir.dir + " was damaged (" + credentials.redact(why)
                + ") while the agent tried to " + doing + "; it was re-created from " + displayUrl() + " and the step is retried.");
    }

    /** Whether {@code e} is damage of the local repository rather than a problem of the remote (see {@link WorkDir#isLocalDamage}). */
    public static boolean isLocalDamage(Throwable e) {
        return WorkDir.isLocalDamage(e);
    }

    /** Removes stale lock files before the agent writes outside a fetch (the status branch). */
    public void prepareWrite() throws StepFailure {
        if (broken != null) throw unusable("it was damaged (" + broken + ") and could not be re-created; the next fetch tries again", null);
        try {
            removeStaleLocks();
        } catch (IOException e) {
            throw unusable("cannot remove stale lock files", e);
        }
    }

    /** The config repo at {@code commit}, read from Git objects (never checked out). */
    public SourceTree source(String commit) throws SourceException, IOException {
        // Sources finds the Git repository from a directory inside its work tree; the folder exists but stays empty.
        Path root = path.isEmpty() ? workDir.dir : workDir.dir.resolve(path);
        Files.createDirectories(root);
        return Sources.revision(root, commit);
    }

    private Map<String, Ref> lsRemote() throws StepFailure {
        try {
            Collection<Ref> refs = remote(git.lsRemote().setRemote(REMOTE).setHeads(true)).call();
            Map<String, Ref> byName = new java.util.HashMap<>();
            for (Ref r : refs) byName.put(r.getName(), r);
            return byName;
        } catch (GitAPIException | RuntimeException e) {
            throw failure("reach", e);
        }
    }

    private static RefSpec trackingSpec(String b) {
        return new RefSpec("+" + Constants.R_HEADS + b + ":" + trackingRef(b));
    }

    private void deleteTrackingRef(String ref) throws LocalDamage {
        try {
            if (repository().exactRef(ref) == null) return;
            var u = repository().updateRef(ref);
            u.setForceUpdate(true);
            var result = u.delete();
            if (repository().exactRef(ref) != null) throw new LocalDamage("cannot delete " + ref + " (" + result + ")", null);
        } catch (IOException e) {
            throw new LocalDamage(WorkDir.describe(e), e);
        }
    }

    /** Whether {@code e} plainly comes from the network (so the local repository need not be checked). */
    static boolean plainlyRemote(Throwable e) {
        if (hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class) || hasCause(e, NoRouteToHostException.class)
                || timedOut(e)) {
            return true;
        }
        String lower = rootMessage(e).toLowerCase(java.util.Locale.ROOT);
        return lower.contains("connection refused") || lower.contains("connection reset") || lower.contains("hung up")
                || lower.contains("not authorized") || lower.contains("authentication") || lower.contains("not found");
    }

    private static boolean timedOut(Throwable e) {
        if (hasCause(e, SocketTimeoutException.class)) return true;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(java.util.Locale.ROOT);
            if (t instanceof InterruptedIOException || m.contains("timed out") || m.contains("time out") || m.contains("timeout")) return true;
        }
        return false;
    }

    /** A Git failure as a typed, redacted step failure: authentication and missing repos need a human, the rest is transient. */
    public StepFailure failure(String verb, Exception e) {
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
        if (timedOut(e)) {
            return new StepFailure(Reason.GIT_TIMEOUT, "Cannot " + verb + " " + displayUrl() + ": it did not answer within "
                    + describe(options.timeout()) + " (" + detail + "). The agent retries; check the Git server, and any proxy or firewall "
                    + "between it and the agent, if this persists (--git-timeout sets how long the agent waits).");
        }
        return new StepFailure(Reason.GIT_UNREACHABLE, "Cannot " + verb + " " + displayUrl() + " (" + detail + "). "
                + "The agent retries; check the Git server and the network if this persists.");
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    /** The innermost message of {@code e}, unredacted: pass it through {@link GitCredentials#redact} before it leaves. */
    public static String rootMessage(Throwable e) {
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
        workDir.close();
    }
}
