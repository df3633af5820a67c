package io.flinkops.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

import java.time.Duration;
import java.util.function.Consumer;

/** Leader election on a Kubernetes Lease (fabric8's LeaderElector), so that two replicas never apply at once. */
public final class Leadership {
    /** Lease timing: a new leader takes over at most {@code lease} after the old one stopped renewing. */
    public record Timing(Duration lease, Duration renewDeadline, Duration retryPeriod) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(5));
    }

    private Leadership() {
    }

    public static LeaderElector elector(KubernetesClient client, String namespace, String name, String identity, Timing timing,
                                        Runnable onStartLeading, Runnable onStopLeading, Consumer<String> onNewLeader) {
        var config = new LeaderElectionConfigBuilder()
                .withName(name)
                .withLock(new LeaseLock(namespace, name, identity))
                .withLeaseDuration(timing.lease())
                .withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(onStartLeading, onStopLeading, onNewLeader))
                .build();
        return client.leaderElector().withConfig(config).build();
    }
}
