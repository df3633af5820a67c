package io.flinkops.agent.record;

import io.flinkops.agent.cycle.Reason;
import io.flinkops.agent.cycle.StepFailure;
import io.flinkops.agent.git.ConfigRepo;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/** The status push over the config repo's remote, with its credentials; messages are redacted. */
public final class GitStatusPush implements StatusPush {
    private final ConfigRepo repo;

    public GitStatusPush(ConfigRepo repo) {
        this.repo = repo;
    }

    @Override
    public RemoteRefUpdate.Status push(String ref) throws StepFailure {
        try {
            Iterable<PushResult> results = repo.credentials().configure(repo.git().push()
                    .setRemote(ConfigRepo.REMOTE)
                    .setRefSpecs(new RefSpec(ref + ":" + ref))).call();
            RemoteRefUpdate.Status status = null;
            for (PushResult r : results) {
                RemoteRefUpdate u = r.getRemoteUpdate(ref);
                if (u != null) status = u.getStatus();
            }
            if (status == null) {
                throw new StepFailure(Reason.GIT_UNREACHABLE, "The push of the status branch got no answer for " + ref + ". The agent retries.");
            }
            return status;
        } catch (GitAPIException | RuntimeException e) {
            throw new StepFailure(Reason.GIT_UNREACHABLE, "Cannot push the status branch to " + repo.displayUrl() + " ("
                    + repo.credentials().redact(String.valueOf(e.getMessage())) + "). The agent retries; check the Git server and the network if this persists.", e);
        }
    }
}
