package io.flinkops.agent;

import io.flinkops.agent.cycle.Backoff;
import io.flinkops.agent.git.GitCredentials;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent's configuration (from the command line, {@code FLINKOPS_*} environment variables or a properties file;
 * see docs/agent.md).
 *
 * @param path         the config repo's folder inside the Git repository ("" for the top)
 * @param poll         how often to check (ls-remote) whether the config branch moved between cycles
 * @param retry        bounded backoff of steps that fail with a brief outage, within a cycle
 * @param pushAttempts record: push attempts when the status branch keeps moving
 * @param allowedNamespaces Kubernetes namespaces (globs) the agent may write to, on top of the Repository policy;
 *                     fail closed: empty allows nothing
 * @param pruneWhenEmpty prune even when the desired set came out empty
 * @param maxPruneShare  the largest share of managed objects one cycle may delete
 * @param pruneOverride  lift {@code maxPruneShare} for a deliberate mass removal
 * @param compileTimeout how long the compile of one commit may take before the build step gives up on it
 * @param gitTimeout     how long one call to the Git remote may wait for the connection and for each answer
 * @param cycleTimeout   a cycle's deadline: past it, no further step is started (record still runs)
 * @param kubeConnectTimeout how long the Kubernetes client waits for a connection to the API server
 * @param kubeRequestTimeout how long the Kubernetes client waits for one answer of the API server
 * @param ignoreDifferences  fields other controllers own, left out of the drift comparison and not overwritten
 * @param dryRun             one cycle that asks the API server what apply and prune would do, changes nothing and
 *                           records nothing
 */
public record AgentSettings(String cluster, String repoUrl, String branch, String path, String statusBranch, Path workDir,
                            Duration interval, Duration poll, Backoff retry, int pushAttempts, int httpPort,
                            boolean leaderElection, String leaseNamespace, String leaseName, String identity,
                            GitCredentials credentials, java.util.List<String> allowedNamespaces, boolean pruneWhenEmpty,
                            double maxPruneShare, boolean pruneOverride, Duration compileTimeout,
                            Duration gitTimeout, Duration cycleTimeout, Duration kubeConnectTimeout, Duration kubeRequestTimeout,
                            java.util.List<io.flinkops.agent.kube.IgnoreDifference> ignoreDifferences, boolean dryRun) {
}
