package io.flinkops.plan;

import io.flinkops.logging.LogConfigurations;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedRepo;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The output of the plan stage: the resolved repo and the {@link ResourcePlan} of every typed Deployment and
 * SessionCluster, namespace by namespace (session clusters, then deployments, by name: the order objects are
 * emitted in). Immutable.
 */
public final class RepoPlan {
    private final ResolvedRepo resolved;
    private final LogConfigurations logConfigurations;
    private final List<ResourcePlan> plans;
    private final Map<Resolved<?>, ResourcePlan> bySource = new IdentityHashMap<>();

    /**
     * @param logConfigurations the repo's logging profiles (read once) and its compiled log templates, shared by the
     *                          plans and the logging rules
     */
    public RepoPlan(ResolvedRepo resolved, LogConfigurations logConfigurations, List<ResourcePlan> plans) {
        this.resolved = resolved;
        this.logConfigurations = logConfigurations;
        this.plans = List.copyOf(plans);
        this.plans.forEach(p -> bySource.put(p.source(), p));
    }

    public ResolvedRepo resolved() {
        return resolved;
    }

    public LogConfigurations logConfigurations() {
        return logConfigurations;
    }

    public List<ResourcePlan> plans() {
        return plans;
    }

    /** The plan of a resource, if it has one (it is typed). */
    public Optional<ResourcePlan> of(Resolved<?> resource) {
        return Optional.ofNullable(bySource.get(resource));
    }

    /** The plans of Deployments (application and session mode). */
    public Stream<ResourcePlan> deployments() {
        return plans.stream().filter(p -> p.kind() != ResourcePlan.Kind.SESSION_CLUSTER);
    }

    public Stream<ResourcePlan> sessionClusters() {
        return plans.stream().filter(p -> p.kind() == ResourcePlan.Kind.SESSION_CLUSTER);
    }

    /** The plans of application-mode Deployments and SessionClusters: those that have a Flink cluster of their own. */
    public Stream<ResourcePlan> clusters() {
        return plans.stream().filter(p -> p.cluster().isPresent());
    }

    /** The plans that become objects ({@link ResourcePlan#placement()} present), in emitting order. */
    public Stream<ResourcePlan> placed() {
        return plans.stream().filter(p -> p.placement().isPresent());
    }
}
