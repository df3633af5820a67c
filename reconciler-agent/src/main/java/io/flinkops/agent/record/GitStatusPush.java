package io.flinkops.agent.record;

import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.git.ConfigRepo;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The status push over the config repo's remote, with its credentials and the Git timeout; messages are redacted.
 * A push the server refuses outright (before any ref is considered) is told apart from a network failure: read-only
 * credentials, a daemon that does not accept pushes, or an authorization failure need a person
 * ({@link Reason#STATUS_PUSH_FORBIDDEN}); the agent fetched with the same URL and credentials a moment before.
 */
public final class GitStatusPush implements StatusPush {
    /**
     * What servers say when they will not take a push from these credentials: git daemon without receive-pack
     * ("access denied or repository not exported", "service not enabled"), HTTP 401/403 ("not authorized",
     * "git-receive-pack not permitted"), GitLab and Gitea ("not allowed to push", "protected branch"), ssh ("permission
     * denied"), read-only mirrors.
     */
    private static final Pattern REFUSED = Pattern.compile("access denied|not exported|service not enabled|not authori[sz]ed|not permitted"
            + "|not allowed|permission|forbidden|denied|read-only|read only|protected|hook declined|authentication|auth fail"
            + "|(?<![\\d.:])(401|403)(?![\\d.])");

    private final ConfigRepo repo;

    public GitStatusPush(ConfigRepo repo) {
        this.repo = repo;
    }

    @Override
    public Answer push(String ref) throws StepFailure {
        Iterable<PushResult> results;
        try {
            results = repo.remote(repo.git().push().setRemote(ConfigRepo.REMOTE).setRefSpecs(new RefSpec(ref + ":" + ref))).call();
        } catch (GitAPIException | RuntimeException e) {
            if (ConfigRepo.isLocalDamage(e)) throw repo.localFailure("push the status branch", e);
            String detail = repo.credentials().redact(ConfigRepo.rootMessage(e));
            if (REFUSED.matcher(detail.toLowerCase(Locale.ROOT)).find()) {
                throw StatusRecorder.forbidden(repo, detail);
            }
            throw repo.failure("push the status branch to", e);
        }
        Answer answer = null;
        for (PushResult r : results) {
            RemoteRefUpdate u = r.getRemoteUpdate(ref);
            if (u == null) continue;
            String said = r.getMessages() == null ? "" : r.getMessages().strip();
            String message = u.getMessage() == null ? (said.isEmpty() ? null : said) : said.isEmpty() ? u.getMessage() : u.getMessage() + "; the server said: " + said;
            answer = new Answer(u.getStatus(), message == null ? null : repo.credentials().redact(message.replaceAll("\\s+", " ")));
        }
        if (answer == null) {
            throw new StepFailure(Reason.GIT_UNREACHABLE, "The push of the status branch got no answer for " + ref + ". The agent retries.");
        }
        return answer;
    }
}
