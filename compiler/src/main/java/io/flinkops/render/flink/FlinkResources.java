package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.model.FlinkVersions;
import io.flinkops.plan.ArtifactPlan;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.EmittedObject;
import io.flinkops.plan.Operations;
import io.flinkops.plan.Reconcile;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.RuntimeReferences;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.ObjectRenderer;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.render.mapping.MappingTable;
import io.flinkops.render.mapping.OperatorObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * FlinkDeployments (application mode and session clusters), FlinkSessionJobs, the ConfigMaps they use and the
 * FlinkStateSnapshots of their savepoints ({@link StateSnapshots}), written
 * from the plans: every decision is the plan's (docs/render-mapping.md has them with their evidence), and the fields
 * of each object are written by the rows of the {@link MappingTable} for its kind. This class decides which objects
 * a plan becomes and gives them their names, ownership and ConfigMaps.
 */
public final class FlinkResources implements ObjectRenderer {
    public static final String API_VERSION = ObjectKind.FLINK_DEPLOYMENT.apiVersion();
    public static final String FLINK_DEPLOYMENT = ObjectKind.FLINK_DEPLOYMENT.kind();
    public static final String FLINK_SESSION_JOB = ObjectKind.FLINK_SESSION_JOB.kind();

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public void render(RepoPlan plan, RenderContext context, Consumer<RenderedObject> out) {
        List<ResourcePlan> placed = plan.placed().filter(p -> context.includes(p.placement().get().cluster())).toList();
        // Each object is written on its own, so objects are written in parallel; the results are taken in placement
        // order, the same as writing them one after the other.
        List<List<RenderedObject>> written = placed.parallelStream().map(p -> {
            List<RenderedObject> objects = new ArrayList<>(3);
            write(p, objects::add);
            return objects;
        }).toList();
        written.forEach(objects -> objects.forEach(out));
    }

    private static void write(ResourcePlan p, Consumer<RenderedObject> out) {
        switch (p.kind()) {
            case APPLICATION -> application(p, out);
            case SESSION_CLUSTER -> sessionCluster(p, out);
            case SESSION_JOB -> sessionJob(p, out);
        }
    }

    // ---- application mode

    private static void application(ResourcePlan p, Consumer<RenderedObject> out) {
        Optional<ArtifactPlan.JobParts> parts = p.job().orElseThrow().artifact().parts();
        if (!FlinkVersions.isKnown(p.flinkVersion()) || parts.isEmpty()) return; // the rules report why
        RenderedObject deployment = cluster(p, Ownership.DEPLOYMENT, out);
        StateSnapshots.write(p, deployment, out);
    }

    // ---- session clusters

    private static void sessionCluster(ResourcePlan p, Consumer<RenderedObject> out) {
        ClusterPlan cluster = p.cluster().orElseThrow();
        // A STOPPED session cluster is not rendered: the operator has no stopped state for a cluster, and a
        // cluster without TaskManagers (replicas 0) is rejected by its validator; the agent prunes it.
        if (cluster.stopped() || !FlinkVersions.isKnown(p.flinkVersion())) return;
        cluster(p, Ownership.SESSION_CLUSTER, out);
    }

    // ---- session jobs

    private static void sessionJob(ResourcePlan p, Consumer<RenderedObject> out) {
        if (p.job().orElseThrow().artifact().parts().isEmpty()) return; // the rules report why
        RenderedObject job = mapped(p, ObjectKind.FLINK_SESSION_JOB, Ownership.DEPLOYMENT, Optional.empty());
        out.accept(job);
        StateSnapshots.write(p, job, out);
    }

    // ---- shared parts

    /**
     * The operator object of a plan: its name and place, the fields the mapping table's rows for its kind write,
     * then flinkops' ownership labels and annotations ({@link Ownership#stamp}), which win over the user's.
     */
    private static RenderedObject mapped(ResourcePlan p, ObjectKind kind, String subject, Optional<String> configHash) {
        EmittedObject placement = p.placement().orElseThrow();
        ObjectNode metadata = JSON.objectNode();
        metadata.put("name", placement.name());
        metadata.put("namespace", placement.kubernetesNamespace());
        metadata.putObject("labels");
        metadata.putObject("annotations");
        ObjectNode spec = JSON.objectNode();
        MappingTable.write(p, new OperatorObject(metadata, spec));
        configHash.ifPresent(hash -> ConfigHash.annotate(spec, hash));
        Ownership.stamp(metadata, placement.cluster(), p.namespace(), subject, p.name(), p.source().document().file());
        if (p.reconcile().disabled()) {
            // The maintenance switch (Reconcile): the agent and Flux leave objects carrying it alone.
            metadata.withObjectProperty("annotations").put(Reconcile.ANNOTATION, Reconcile.DISABLED).put(Reconcile.FLUX_ANNOTATION, Reconcile.DISABLED);
        }
        ObjectNode content = JSON.objectNode();
        content.put("apiVersion", kind.apiVersion());
        content.put("kind", kind.kind());
        content.set("metadata", metadata);
        content.set("spec", SpecLayout.ordered(spec));
        return new RenderedObject(placement.cluster(), kind.apiVersion(), kind.kind(), placement.kubernetesNamespace(), placement.name(),
                content, p.source().document().file());
    }

    /**
     * A FlinkDeployment (application or session cluster) and its ConfigMaps, with the hash of the data its pods read
     * when they start in its pod template ({@link ConfigHash}), so a change to that data restarts the cluster. A
     * session cluster's SQL scripts are not in the hash: its session jobs read them when they are submitted, and each
     * script's file name carries its own hash, so a changed script changes only its FlinkSessionJob.
     */
    private static RenderedObject cluster(ResourcePlan p, String subject, Consumer<RenderedObject> out) {
        SortedMap<String, SortedMap<String, String>> configMaps = configMaps(p);
        SortedMap<String, SortedMap<String, String>> readAtStart = new TreeMap<>(configMaps);
        if (p.kind() == ResourcePlan.Kind.SESSION_CLUSTER) readAtStart.remove(ArtifactPlan.sqlConfigMapName(p.name()));
        Optional<String> hash = readAtStart.isEmpty() ? Optional.empty() : Optional.of(ConfigHash.of(readAtStart));
        RenderedObject deployment = mapped(p, ObjectKind.FLINK_DEPLOYMENT, subject, hash);
        out.accept(deployment);
        configMaps.forEach((name, data) -> out.accept(configMap(p, deployment, name, data)));
        return deployment;
    }

    /**
     * The ConfigMaps of a cluster, name → data: flinkops' entrypoint when the pods fill in {@code ${NAME}} references
     * (row 23), and the SQL scripts the JobManager runs (row 20) when there are any.
     */
    private static SortedMap<String, SortedMap<String, String>> configMaps(ResourcePlan p) {
        SortedMap<String, SortedMap<String, String>> out = new TreeMap<>();
        if (p.references().needsEntrypoint()) out.put(RuntimeReferences.configMapName(p.name()), EntrypointConfigMap.data(p.references()));
        SortedMap<String, String> files = p.cluster().orElseThrow().sqlFiles();
        if (!files.isEmpty()) out.put(ArtifactPlan.sqlConfigMapName(p.name()), files);
        return out;
    }

    /** The annotations that name the day-2 operation a job's object carries; they are not the ConfigMaps' to carry. */
    private static final List<String> OPERATION_ANNOTATIONS = List.of(Operations.RESTART_ANNOTATION, Operations.REDEPLOY_FROM_ANNOTATION,
            Operations.SAVEPOINT_REQUEST_ANNOTATION);

    /** A ConfigMap that belongs to {@code owner}: same labels and annotations, but those of day-2 operations. */
    private static RenderedObject configMap(ResourcePlan p, RenderedObject owner, String name, Map<String, String> data) {
        EmittedObject placement = p.placement().orElseThrow();
        ObjectKind kind = ObjectKind.CONFIG_MAP;
        ObjectNode content = JSON.objectNode();
        content.put("apiVersion", kind.apiVersion());
        content.put("kind", kind.kind());
        ObjectNode metadata = owner.content().get("metadata").deepCopy();
        metadata.put("name", name);
        if (metadata.get("annotations") instanceof ObjectNode annotations) {
            annotations.remove(OPERATION_ANNOTATIONS);
            if (annotations.isEmpty()) metadata.remove("annotations");
        }
        content.set("metadata", metadata);
        ObjectNode dataNode = content.putObject("data");
        new TreeMap<>(data).forEach(dataNode::put);
        return new RenderedObject(placement.cluster(), kind.apiVersion(), kind.kind(), placement.kubernetesNamespace(), name, content,
                p.source().document().file());
    }
}
