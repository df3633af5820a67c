package io.flinkops.diff;

import io.flinkops.diag.Location;
import io.flinkops.flinkconfig.FlinkConfiguration;
import io.flinkops.flinkconfig.FlinkOption;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FieldPath;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.model.SharedFields;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.render.RenderedObject;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedRepo;
import io.flinkops.yaml.YNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Deployment or SessionCluster in one revision: its resolved document (with provenance), the main object it
 * renders (FlinkDeployment or FlinkSessionJob) and its ConfigMaps. Any of them may be missing: a document that
 * does not exist in this revision, or one that renders nothing (a STOPPED session cluster, or an error).
 */
public final class SubjectSide {
    private final Subject subject;
    private final Snapshot snapshot;
    private final Resolved<?> source;
    private final RenderedObject main;
    private final List<RenderedObject> configMaps;
    private final List<RenderedObject> stateSnapshots;

    SubjectSide(Subject subject, Snapshot snapshot, Resolved<?> source, RenderedObject main, List<RenderedObject> configMaps,
                List<RenderedObject> stateSnapshots) {
        this.subject = subject;
        this.snapshot = snapshot;
        this.source = source;
        this.main = main;
        this.configMaps = List.copyOf(configMaps);
        this.stateSnapshots = List.copyOf(stateSnapshots);
    }

    public Subject subject() {
        return subject;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public ResolvedRepo repo() {
        return snapshot.compilation().repo();
    }

    /** The resolved Deployment or SessionCluster document, if it exists in this revision. */
    public Optional<Resolved<?>> source() {
        return Optional.ofNullable(source);
    }

    /** The plan of the Deployment or SessionCluster, if it exists in this revision and is typed. */
    public Optional<ResourcePlan> plan() {
        return source == null ? Optional.empty() : snapshot.compilation().plan().of(source);
    }

    /** The FlinkDeployment or FlinkSessionJob, if this revision renders one. */
    public Optional<RenderedObject> main() {
        return Optional.ofNullable(main);
    }

    public List<RenderedObject> configMaps() {
        return configMaps;
    }

    /** The FlinkStateSnapshots of its savepoints (operator 1.10+), sorted. */
    public List<RenderedObject> stateSnapshots() {
        return stateSnapshots;
    }

    /** The day-2 operations its objects carry. */
    public Operations operations() {
        return Operations.of(this);
    }

    public boolean rendered() {
        return main != null;
    }

    /** Where the main object is applied: cluster, Kubernetes namespace, kind and name. */
    public String identity() {
        return main == null ? "" : main.cluster() + "/" + main.namespace() + "/" + main.kind() + "/" + main.name();
    }

    public boolean isSessionJob() {
        return main != null && main.kind().equals("FlinkSessionJob");
    }

    @SuppressWarnings("unchecked")
    public Optional<DeploymentSpec> deploymentSpec() {
        return source != null && source.isTyped() && source.spec() instanceof DeploymentSpec
                ? Optional.of(((Resolved<DeploymentSpec>) source).spec()) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    public Optional<SessionClusterSpec> sessionClusterSpec() {
        return source != null && source.isTyped() && source.spec() instanceof SessionClusterSpec
                ? Optional.of(((Resolved<SessionClusterSpec>) source).spec()) : Optional.empty();
    }

    /** The job of the main object, if it has one (a SessionCluster has none). */
    public Optional<JobView> job() {
        if (main == null || !main.content().path("spec").has("job")) return Optional.empty();
        return Optional.of(JobView.of(main, plan().flatMap(ResourcePlan::job)));
    }

    /** The session cluster a session job runs on (its {@code deploymentName}). */
    public Optional<String> sessionClusterName() {
        if (isSessionJob()) return Optional.of(main.content().path("spec").path("deploymentName").asText());
        return deploymentSpec().map(DeploymentSpec::sessionClusterName);
    }

    /** The Flink configuration the job (or cluster) runs with; a session job's includes its cluster's. */
    public FlinkConfiguration config() {
        return plan().map(p -> p.configuration().values()).orElse(FlinkConfiguration.EMPTY);
    }

    /** Where the effective value at {@code path} was written, if this revision has one. */
    public Optional<Location> locate(FieldPath path) {
        if (source == null) return Optional.empty();
        YNode node = source.at(path);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.location());
    }

    /**
     * Where the Flink option is set for this job: in its own effective configuration, else (a session job) in its
     * session cluster's.
     */
    public Optional<Location> locateConfig(FlinkOption option) {
        for (String key : option.names()) {
            SharedFields fields = subject.isSessionCluster() ? SessionClusterSpec.FIELDS : DeploymentSpec.TEMPLATE;
            Optional<Location> own = locate(fields.configKey(key));
            if (own.isPresent()) return own;
        }
        Optional<String> cluster = subject.isSessionCluster() ? Optional.empty() : sessionClusterName();
        if (cluster.isPresent()) {
            SubjectSide c = snapshot.side(new Subject(subject.namespace(), cluster.get(), Subject.Kind.SESSION_CLUSTER));
            if (c.source != null) return c.locateConfig(option);
        }
        return Optional.empty();
    }

    /**
     * The value of a Flink option as the operator gets it (placeholders filled in): from the plan's emitted
     * configuration, for a session job its own or else its session cluster's.
     */
    public Optional<String> emittedConfig(FlinkOption option) {
        Optional<ResourcePlan> plan = plan();
        Optional<String> own = plan.flatMap(p -> nonBlank(p.emittedConfiguration(), option));
        if (own.isPresent() || plan.isEmpty()) return own;
        return plan.get().sessionCluster().flatMap(snapshot.compilation().plan()::of).flatMap(c -> nonBlank(c.emittedConfiguration(), option));
    }

    private static Optional<String> nonBlank(Map<String, String> configuration, FlinkOption option) {
        for (String key : option.names()) {
            String value = configuration.get(key);
            if (value != null && !value.isBlank()) return Optional.of(value);
        }
        return Optional.empty();
    }

    /** "`flink-prod` on cluster `default`", for messages. */
    public String place() {
        return main == null ? "" : "`" + main.namespace() + "` on cluster `" + main.cluster() + "`";
    }
}
