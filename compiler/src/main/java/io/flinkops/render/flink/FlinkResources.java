package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkops.logging.LogConfigurations;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.ResourceSpec;
import io.flinkops.plan.ArtifactPlan;
import io.flinkops.plan.ClusterPlan;
import io.flinkops.plan.EmittedObject;
import io.flinkops.plan.JobPlan;
import io.flinkops.plan.RepoPlan;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.RuntimeReferences;
import io.flinkops.plan.pods.PodTemplateSet;
import io.flinkops.quantity.MemorySize;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.ObjectRenderer;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.render.rbac.FlinkServiceAccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * FlinkDeployments (application mode and session clusters), FlinkSessionJobs and the ConfigMaps they use, written
 * from the plans: every decision is the plan's (docs/render-mapping.md has them with their evidence); this class
 * only writes the operator's {@code flink.apache.org/v1beta1} objects.
 */
public final class FlinkResources implements ObjectRenderer {
    public static final String API_VERSION = ObjectKind.FLINK_DEPLOYMENT.apiVersion();
    public static final String FLINK_DEPLOYMENT = ObjectKind.FLINK_DEPLOYMENT.kind();
    public static final String FLINK_SESSION_JOB = ObjectKind.FLINK_SESSION_JOB.kind();
    /** Tags are treated as immutable: pull once per node (as Flink's own default). */
    static final String IMAGE_PULL_POLICY = "IfNotPresent";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Override
    public void render(RepoPlan plan, RenderContext context, Consumer<RenderedObject> out) {
        List<ResourcePlan> placed = plan.placed().filter(p -> context.includes(p.placement().get().cluster())).toList();
        // Each object is written on its own, so objects are written in parallel; the results are taken in placement
        // order, the same as writing them one after the other.
        List<List<RenderedObject>> written = placed.parallelStream().map(p -> {
            List<RenderedObject> objects = new ArrayList<>(3);
            write(p, context, objects::add);
            return objects;
        }).toList();
        written.forEach(objects -> objects.forEach(out));
    }

    private static void write(ResourcePlan p, RenderContext context, Consumer<RenderedObject> out) {
        switch (p.kind()) {
            case APPLICATION -> application(p, context, out);
            case SESSION_CLUSTER -> sessionCluster(p, context, out);
            case SESSION_JOB -> sessionJob(p, context, out);
        }
    }

    // ---- application mode

    private static void application(ResourcePlan p, RenderContext context, Consumer<RenderedObject> out) {
        JobPlan job = p.job().orElseThrow();
        ClusterPlan cluster = p.cluster().orElseThrow();
        Optional<ArtifactPlan.JobParts> parts = job.artifact().parts();
        if (!FlinkVersions.isKnown(p.flinkVersion()) || parts.isEmpty()) return; // the rules report why
        ObjectNode metadata = metadata(p, context, Ownership.DEPLOYMENT);
        ObjectNode spec = clusterSpec(p, cluster);
        job(spec, parts.get(), job);
        out.accept(object(p, ObjectKind.FLINK_DEPLOYMENT, metadata, spec));
        if (p.references().needsEntrypoint()) {
            out.accept(configMap(p, metadata, RuntimeReferences.configMapName(p.name()), EntrypointConfigMap.data(p.references())));
        }
        String sql = parts.get().sqlScript();
        if (sql != null) out.accept(configMap(p, metadata, ArtifactPlan.sqlConfigMapName(p.name()), Map.of(ArtifactPlan.SQL_FILE, sql)));
    }

    // ---- session clusters

    private static void sessionCluster(ResourcePlan p, RenderContext context, Consumer<RenderedObject> out) {
        ClusterPlan cluster = p.cluster().orElseThrow();
        // A STOPPED session cluster is not rendered: the operator has no stopped state for a cluster, and a
        // cluster without TaskManagers (replicas 0) is rejected by its validator; the agent prunes it.
        if (cluster.stopped() || !FlinkVersions.isKnown(p.flinkVersion())) return;
        ObjectNode metadata = metadata(p, context, Ownership.SESSION_CLUSTER);
        out.accept(object(p, ObjectKind.FLINK_DEPLOYMENT, metadata, clusterSpec(p, cluster)));
        if (p.references().needsEntrypoint()) {
            out.accept(configMap(p, metadata, RuntimeReferences.configMapName(p.name()), EntrypointConfigMap.data(p.references())));
        }
    }

    // ---- session jobs

    private static void sessionJob(ResourcePlan p, RenderContext context, Consumer<RenderedObject> out) {
        JobPlan job = p.job().orElseThrow();
        Optional<ArtifactPlan.JobParts> parts = job.artifact().parts();
        if (parts.isEmpty()) return; // the rules report why
        ObjectNode spec = JSON.objectNode();
        spec.put("deploymentName", p.deployment().spec().sessionClusterName());
        if (!p.emittedConfiguration().isEmpty()) p.emittedConfiguration().forEach(spec.putObject("flinkConfiguration")::put);
        job(spec, parts.get(), job);
        out.accept(object(p, ObjectKind.FLINK_SESSION_JOB, metadata(p, context, Ownership.DEPLOYMENT), spec));
    }

    // ---- shared parts

    /**
     * The spec of a FlinkDeployment without its job: image, Flink version, service account, configuration,
     * JobManager and TaskManager, pod templates and log configuration.
     */
    private static ObjectNode clusterSpec(ResourcePlan p, ClusterPlan cluster) {
        ObjectNode spec = JSON.objectNode();
        spec.put("image", cluster.image().reference());
        spec.put("imagePullPolicy", IMAGE_PULL_POLICY);
        spec.put("flinkVersion", FlinkVersions.enumName(p.flinkVersion()));
        spec.put("serviceAccount", FlinkServiceAccount.NAME);
        ObjectNode flinkConfiguration = spec.putObject("flinkConfiguration");
        p.emittedConfiguration().forEach(flinkConfiguration::put);

        PodTemplateSet pods = cluster.pods();
        if (pods.common() != null) spec.set("podTemplate", pods.common().deepCopy());
        ObjectNode jobManager = spec.putObject("jobManager");
        resource(jobManager, cluster.resources() == null ? null : cluster.resources().get("jobmanager"));
        if (cluster.jobManagerReplicas() != null) jobManager.put("replicas", cluster.jobManagerReplicas());
        if (pods.jobManager() != null) jobManager.set("podTemplate", pods.jobManager().deepCopy());
        ObjectNode taskManager = spec.putObject("taskManager");
        resource(taskManager, cluster.resources() == null ? null : cluster.resources().get("taskmanager"));
        if (cluster.taskManagers() != null) taskManager.put("replicas", cluster.taskManagers());
        if (pods.taskManager() != null) taskManager.set("podTemplate", pods.taskManager().deepCopy());

        String log = cluster.logging().text();
        if (log != null && !log.isEmpty()) spec.putObject("logConfiguration").put(LogConfigurations.KEY, log);
        return spec;
    }

    /** {@code spec.job}: the same for a FlinkDeployment's job and a FlinkSessionJob. */
    private static void job(ObjectNode spec, ArtifactPlan.JobParts parts, JobPlan job) {
        ObjectNode node = spec.putObject("job");
        node.put("jarURI", parts.jarUri());
        if (parts.entryClass() != null) node.put("entryClass", parts.entryClass());
        if (!parts.args().isEmpty()) parts.args().forEach(node.putArray("args")::add);
        node.put("parallelism", job.parallelism().job());
        node.put("state", job.state().state());
        node.put("upgradeMode", job.state().upgradeMode());
        DeploymentSpec.RestoreStrategy restore = job.restore();
        if (restore != null && restore.allowNonRestoredState() != null) node.put("allowNonRestoredState", restore.allowNonRestoredState());
    }

    /** {@code resource: {cpu, memory}}; memory in Flink's syntax, which the operator parses without loss. */
    private static void resource(ObjectNode parent, ResourceSpec r) {
        if (r == null || (r.cpu() == null && r.memory() == null)) return;
        ObjectNode node = parent.putObject("resource");
        if (r.cpu() != null) {
            double cpu = r.cpu();
            if (cpu == Math.rint(cpu) && Math.abs(cpu) < 1e9) node.put("cpu", (long) cpu);
            else node.put("cpu", cpu);
        }
        if (r.memory() != null) node.put("memory", MemorySize.of(r.memory()).toFlinkString().orElse(r.memory()));
    }

    /** The user's labels and annotations, then flinkops' own ({@link Ownership#stamp}), which always win. */
    private static ObjectNode metadata(ResourcePlan p, RenderContext context, String subject) {
        EmittedObject placement = p.placement().orElseThrow();
        ObjectNode metadata = JSON.objectNode();
        metadata.put("name", placement.name());
        metadata.put("namespace", placement.kubernetesNamespace());
        ObjectNode labels = metadata.putObject("labels");
        p.metadata().labels().forEach(labels::put);
        ObjectNode annotations = metadata.putObject("annotations");
        p.metadata().annotations().forEach(annotations::put);
        Ownership.stamp(metadata, placement.cluster(), p.namespace(), subject, p.name(), p.source().document().file(), context.sourceCommit());
        return metadata;
    }

    private static RenderedObject object(ResourcePlan p, ObjectKind kind, ObjectNode metadata, ObjectNode spec) {
        EmittedObject placement = p.placement().orElseThrow();
        ObjectNode content = JSON.objectNode();
        content.put("apiVersion", kind.apiVersion());
        content.put("kind", kind.kind());
        content.set("metadata", metadata);
        content.set("spec", spec);
        return new RenderedObject(placement.cluster(), kind.apiVersion(), kind.kind(), placement.kubernetesNamespace(), placement.name(),
                content, p.source().document().file());
    }

    /** A ConfigMap that belongs to the object whose metadata is {@code owner}: same labels and annotations. */
    private static RenderedObject configMap(ResourcePlan p, ObjectNode owner, String name, Map<String, String> data) {
        EmittedObject placement = p.placement().orElseThrow();
        ObjectKind kind = ObjectKind.CONFIG_MAP;
        ObjectNode content = JSON.objectNode();
        content.put("apiVersion", kind.apiVersion());
        content.put("kind", kind.kind());
        ObjectNode metadata = owner.deepCopy();
        metadata.put("name", name);
        content.set("metadata", metadata);
        ObjectNode dataNode = content.putObject("data");
        new TreeMap<>(data).forEach(dataNode::put);
        return new RenderedObject(placement.cluster(), kind.apiVersion(), kind.kind(), placement.kubernetesNamespace(), name, content,
                p.source().document().file());
    }
}
