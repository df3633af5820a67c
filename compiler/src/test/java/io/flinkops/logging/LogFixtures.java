package io.flinkops.logging;

import io.flinkops.model.Logging;
import io.flinkops.plan.Ids;
import io.flinkops.resolve.ResolvedRepo;

/** What the logging tests build again and again: a repo's renderer, and the variables the plan gives an object. */
final class LogFixtures {
    private LogFixtures() {
    }

    /** The variables of the FlinkDeployment of a Deployment or SessionCluster whose job id is not fixed. */
    static LogVariables variables(String namespace, String name) {
        return new LogVariables(namespace, name, Ids.deploymentId(namespace, name).toString(), "");
    }

    static LogConfigurations of(ResolvedRepo repo) {
        return LogConfigurations.of(repo.loaded().source(), repo.settings());
    }

    static String render(ResolvedRepo repo, Logging logging, LogVariables variables) {
        return of(repo).render(logging, variables);
    }
}
