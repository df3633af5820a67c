package io.flinkops.agent.cycle;

import io.flinkops.Compiler;
import io.flinkops.agent.git.ConfigRepo;
import io.flinkops.source.SourceException;

import java.io.IOException;
import java.util.Optional;

/**
 * Compiles one commit with the same compiler as the CLI, for this agent's cluster only. A commit always compiles to
 * the same desired state (the compile reads only the commit's Git objects), so the last one is kept: a cycle with no
 * new commit does not compile again.
 */
public final class ConfigBuilder {
    private final String cluster;
    private final ConfigRepo repo;
    private DesiredState last;

    public ConfigBuilder(String cluster, ConfigRepo repo) {
        this.cluster = cluster;
        this.repo = repo;
    }

    public DesiredState build(String commit) throws StepFailure {
        if (last != null && last.sourceCommit().equals(commit)) return last;
        try {
            last = DesiredState.of(cluster, commit, new Compiler().compile(repo.source(commit), Optional.of(cluster)));
            return last;
        } catch (SourceException e) {
            throw new StepFailure(Reason.CONFIG_UNREADABLE, "Cannot read commit " + commit + " of the config repo: " + e.getMessage() + ". "
                    + "Check the agent's branch and path settings.", e);
        } catch (IOException e) {
            throw new StepFailure(Reason.WORK_DIR_UNUSABLE, "Cannot prepare the agent's work directory: " + e.getMessage() + ". "
                    + "Check the agent's work directory volume.", e);
        }
    }
}
