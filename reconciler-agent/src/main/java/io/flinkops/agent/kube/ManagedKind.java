package io.flinkops.agent.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.Ownership;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind the agent may write: one of the compiler's {@link ObjectKind}s (anything else is refused whatever the repo
 * says), each with an explicit {@link ResourceDefinitionContext} (no API discovery). FlinkDeployments labelled
 * {@code flinkops.io/session-cluster} are told apart: they are applied before the application FlinkDeployments and
 * the session jobs that run on them. Ordered as applied: {@link ObjectKind}'s dependency order, session clusters
 * just before the other FlinkDeployments.
 */
record ManagedKind(ObjectKind objectKind, boolean sessionCluster) implements Comparable<ManagedKind> {
    static final ManagedKind SESSION_CLUSTER = new ManagedKind(ObjectKind.FLINK_DEPLOYMENT, true);
    static final ManagedKind FLINK_DEPLOYMENT = new ManagedKind(ObjectKind.FLINK_DEPLOYMENT, false);
    static final ManagedKind FLINK_SESSION_JOB = new ManagedKind(ObjectKind.FLINK_SESSION_JOB, false);
    static final ManagedKind FLINK_STATE_SNAPSHOT = new ManagedKind(ObjectKind.FLINK_STATE_SNAPSHOT, false);

    /** One entry per API resource (session clusters and application deployments share one), for listing. */
    static final List<ManagedKind> RESOURCES = Arrays.stream(ObjectKind.values()).map(k -> new ManagedKind(k, false)).toList();

    private static final Map<ObjectKind, ResourceDefinitionContext> CONTEXTS = new EnumMap<>(ObjectKind.class);
    private static final Comparator<ManagedKind> APPLY_ORDER = Comparator.comparingInt(ManagedKind::rank);

    static {
        for (ObjectKind k : ObjectKind.values()) {
            CONTEXTS.put(k, new ResourceDefinitionContext.Builder().withGroup(k.group()).withVersion(k.version()).withKind(k.kind())
                    .withPlural(k.plural()).withNamespaced(true).build());
        }
    }

    /** The kind of an object of {@code kind}, a session cluster when it is a FlinkDeployment carrying that label. */
    static ManagedKind of(ObjectKind kind, boolean sessionClusterLabel) {
        return new ManagedKind(kind, kind == ObjectKind.FLINK_DEPLOYMENT && sessionClusterLabel);
    }

    /** The allowlisted kind of a rendered object, or empty. */
    static Optional<ManagedKind> of(String apiVersion, String kind, JsonNode labels) {
        return ObjectKind.of(apiVersion, kind).map(k -> of(k, labels != null && labels.hasNonNull(Ownership.SESSION_CLUSTER)));
    }

    /** The object's {@code kind}. */
    String kind() {
        return objectKind.kind();
    }

    /**
     * Created when absent and then left alone: never updated, never created again once recorded. A FlinkStateSnapshot
     * is a one-shot request (creating it takes a savepoint) whose labels and status the operator owns
     * (docs/day-2.md).
     */
    boolean createOnce() {
        return objectKind == ObjectKind.FLINK_STATE_SNAPSHOT;
    }

    /**
     * The resource's CRD may be missing from a cluster the agent serves (FlinkStateSnapshot: operators before 1.10);
     * a list that finds no such resource then means "none".
     */
    boolean optionalResource() {
        return objectKind == ObjectKind.FLINK_STATE_SNAPSHOT;
    }

    ResourceDefinitionContext context() {
        return CONTEXTS.get(objectKind);
    }

    /** The {@link #RESOURCES} entry this kind is listed under (session clusters are FlinkDeployments). */
    ManagedKind resource() {
        return sessionCluster ? FLINK_DEPLOYMENT : this;
    }

    static String allowlist() {
        return ObjectKind.describeAll();
    }

    private int rank() {
        return objectKind.ordinal() * 2 + (sessionCluster ? 0 : 1);
    }

    @Override
    public int compareTo(ManagedKind o) {
        return APPLY_ORDER.compare(this, o);
    }
}
