package io.flinkops.render.flink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flinkops.diag.Code;
import io.flinkops.diag.Diagnostics;
import io.flinkops.model.Artifact;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkImage;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.model.Logging;
import io.flinkops.model.Kind;
import io.flinkops.model.ResourceSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.model.TemplateSpec;
import io.flinkops.plan.EmittedObject;
import io.flinkops.plan.Placement;
import io.flinkops.quantity.MemorySize;
import io.flinkops.render.ObjectKind;
import io.flinkops.render.ObjectRenderer;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderContext;
import io.flinkops.render.RenderedObject;
import io.flinkops.render.logging.LogConfigurations;
import io.flinkops.render.logging.LogVariables;
import io.flinkops.render.pods.PodAdditions;
import io.flinkops.render.pods.PodTemplateSet;
import io.flinkops.render.pods.PodTemplates;
import io.flinkops.render.rbac.FlinkServiceAccount;
import io.flinkops.resolve.Pointers;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedRepo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * FlinkDeployments (application mode and session clusters), FlinkSessionJobs and the ConfigMaps they use: the
 * mapping from the resolved VVP resources to the operator's {@code flink.apache.org/v1beta1} objects. Every
 * rule and the reasons for it are in docs/render-mapping.md.
 */
public final class FlinkResources implements ObjectRenderer {
    public static final String API_VERSION = ObjectKind.FLINK_DEPLOYMENT.apiVersion();
    public static final String FLINK_DEPLOYMENT = ObjectKind.FLINK_DEPLOYMENT.kind();
    public static final String FLINK_SESSION_JOB = ObjectKind.FLINK_SESSION_JOB.kind();
    /** Tags are treated as immutable: pull once per node (as Flink's own default). */
    static final String IMAGE_PULL_POLICY = "IfNotPresent";
    static final String JOBMANAGER_REPLICAS_KEY = "kubernetes.jobmanager.replicas";
    static final String DEFAULT_PARALLELISM_KEY = "parallelism.default";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final BiFunction<KubernetesSpec, PodAdditions, PodTemplateSet> podTemplates;
    private final LogRenderer logs;
    private final boolean parallel;

    /** {@link LogConfigurations#render}, replaceable in tests. */
    interface LogRenderer {
        String render(LogConfigurations configurations, Logging logging, LogVariables variables);
    }

    public FlinkResources() {
        this(PodTemplates::build, LogConfigurations::render, true);
    }

    /**
     * @param podTemplates builds the pod templates ({@link PodTemplates#build}; tests look at what is passed in)
     * @param logs         renders the log configuration ({@link LogConfigurations#render})
     */
    FlinkResources(BiFunction<KubernetesSpec, PodAdditions, PodTemplateSet> podTemplates, LogRenderer logs) {
        this(podTemplates, logs, false);
    }

    /** @param parallel map objects in parallel; tests that record the calls get them one at a time, in order */
    private FlinkResources(BiFunction<KubernetesSpec, PodAdditions, PodTemplateSet> podTemplates, LogRenderer logs, boolean parallel) {
        this.podTemplates = podTemplates;
        this.logs = logs;
        this.parallel = parallel;
    }

    @Override
    public void render(ResolvedRepo repo, RenderContext context, Diagnostics diagnostics, Consumer<RenderedObject> out) {
        // The repo's logging profiles, read once for all its objects.
        LogConfigurations logConfigurations = LogConfigurations.of(repo);
        List<EmittedObject> placed = Placement.all(repo).stream()
                .filter(o -> context.includes(o.cluster()) && o.source().isTyped()).toList();
        // Each object is mapped on its own, into its own diagnostics and output, so objects map in parallel;
        // the results are taken in placement order, the same as mapping one after the other.
        Stream<EmittedObject> objects = parallel ? placed.parallelStream() : placed.stream();
        List<Mapped> mapped = objects.map(o -> {
            Diagnostics found = new Diagnostics();
            List<RenderedObject> rendered = new ArrayList<>(2);
            map(new MappingContext(repo, context, found, logConfigurations, o, o.source(), specPrefix(o)), rendered::add);
            return new Mapped(rendered, found);
        }).toList();
        for (Mapped m : mapped) {
            diagnostics.addAll(m.diagnostics());
            m.objects().forEach(out);
        }
    }

    private record Mapped(List<RenderedObject> objects, Diagnostics diagnostics) {
    }

    private static String specPrefix(EmittedObject o) {
        return o.kind() != EmittedObject.Kind.FLINK_SESSION_JOB && o.source().document().kind() == Kind.SESSION_CLUSTER
                ? "/spec" : Pointers.TEMPLATE_SPEC;
    }

    @SuppressWarnings("unchecked")
    private void map(MappingContext ctx, Consumer<RenderedObject> out) {
        EmittedObject o = ctx.placement();
        if (o.kind() == EmittedObject.Kind.FLINK_SESSION_JOB) {
            sessionJob(ctx, (Resolved<DeploymentSpec>) o.source(), out);
        } else if (o.source().document().kind() == Kind.SESSION_CLUSTER) {
            sessionCluster(ctx, (Resolved<SessionClusterSpec>) o.source(), out);
        } else {
            application(ctx, (Resolved<DeploymentSpec>) o.source(), out);
        }
    }

    // ---- application mode

    private void application(MappingContext ctx, Resolved<DeploymentSpec> d, Consumer<RenderedObject> out) {
        DeploymentSpec spec = d.spec();
        TemplateSpec ts = spec.templateSpec();
        Artifact artifact = ts.artifact();
        String flinkVersion = artifact == null ? null : artifact.flinkVersion();
        if (flinkVersion == null || !FlinkVersions.ALL.contains(flinkVersion)) return; // validation reports it (FO601, FO602)
        String ns = ctx.namespace();
        String name = ctx.name();
        String operatorVersion = ctx.repo().settings().operatorVersion();
        String deploymentId = Ownership.deploymentId(ns, name).toString();
        JobModes.JobState jobState = JobModes.of(spec, false, operatorVersion);
        boolean stateful = !JobModes.runningUpgradeMode(spec, false, operatorVersion).equals(JobModes.STATELESS);

        // The job id: fixed by the user, or by flinkops when something uses it and every start restores state.
        SortedMap<String, String> written = new TreeMap<>(ts.flinkConfigurationOrEmpty());
        String userJobId = blankToNull(written.get(JobIds.FIXED_JOB_ID_KEY));
        String candidate = userJobId != null ? userJobId.trim() : JobIds.of(ns, name);
        boolean jobIdKnowable = userJobId != null || stateful;
        String logConfig = logs.render(ctx.logConfigurations(), ts.logging(),
                new LogVariables(ns, name, deploymentId, jobIdKnowable ? candidate : ""));
        boolean used = written.values().stream().anyMatch(Placeholders::usesJobId)
                || artifactUris(artifact).anyMatch(Placeholders::usesJobId)
                || (jobIdKnowable && logConfig != null && logConfig.contains(candidate));
        String jobId = jobIdKnowable && used ? candidate : null;
        Placeholders placeholders = new Placeholders(ns, name, deploymentId, jobIdKnowable ? candidate : null);

        SortedMap<String, String> config = fillConfig(ctx, written, placeholders,
                "Deployment `" + name + "` starts from empty state (upgrade mode stateless), and the operator gives every such start a new random job id.");
        if (jobId != null && userJobId == null) config.put(JobIds.FIXED_JOB_ID_KEY, jobId);
        Integer jobManagerReplicas = takeJobManagerReplicas(config);

        FlinkImage image = image(artifact.flinkImageRegistry(), artifact.flinkImageRepository(), artifact.flinkImageTag(), flinkVersion, ctx);
        Optional<Artifacts.JobParts> parts = Artifacts.map(ctx, artifact, false, flinkVersion, image.tag(), placeholders);
        // Before the references are set up: a user's artifact list with a reference is appended to in the pods.
        parts.filter(p -> !p.artifactList().isEmpty()).ifPresent(p -> addArtifacts(config, p.artifactList()));
        Additions additions = new Additions();
        List<RenderedObject> configMaps = new ArrayList<>();
        ObjectNode metadata = metadata(ctx, ts.kubernetes(), spec.template() == null || spec.template().metadata() == null
                ? null : spec.template().metadata().annotations(), Ownership.DEPLOYMENT);
        SortedMap<String, String> entrypoint = ConfigReferences.apply(ctx, config, ctx.repo().namespaces().get(ns), additions);
        if (entrypoint != null) configMaps.add(configMap(ctx, metadata, ConfigReferences.configMapName(name), entrypoint));
        if (parts.isEmpty()) return;
        Artifacts.JobParts job = parts.get();
        if (job.sqlScript() != null) {
            String cm = sqlConfigMapName(name);
            configMaps.add(configMap(ctx, metadata, cm, Map.of(Artifacts.SQL_FILE, job.sqlScript())));
            additions.volume(new VolumeBuilder().withName(Artifacts.SQL_VOLUME).withNewConfigMap().withName(cm).endConfigMap().build(),
                    new VolumeMountBuilder().withName(Artifacts.SQL_VOLUME).withMountPath(Artifacts.SQL_DIR).withReadOnly(true).build());
        }

        ObjectNode specNode = clusterSpec(ctx, image, flinkVersion, config, ts.resources(), jobManagerReplicas, ts.numberOfTaskManagers(),
                ts.kubernetes(), additions, logConfig);
        job(specNode, job, parallelism(ts.parallelism(), config), jobState, spec.restoreStrategy());
        out.accept(object(ctx, FLINK_DEPLOYMENT, name, metadata, specNode));
        configMaps.forEach(out);
    }

    // ---- session clusters

    private void sessionCluster(MappingContext ctx, Resolved<SessionClusterSpec> c, Consumer<RenderedObject> out) {
        SessionClusterSpec spec = c.spec();
        // A STOPPED session cluster is not rendered: the operator has no stopped state for a cluster, and a
        // cluster without TaskManagers (replicas 0) is rejected by its validator; the agent prunes it.
        if ("STOPPED".equals(spec.state())) return;
        String flinkVersion = spec.flinkVersion();
        if (flinkVersion == null || !FlinkVersions.ALL.contains(flinkVersion)) return;
        String ns = ctx.namespace();
        String name = ctx.name();
        String clusterId = Ownership.deploymentId(ns, name).toString();
        Placeholders placeholders = new Placeholders(ns, name, clusterId, null);
        SortedMap<String, String> config = fillConfig(ctx, new TreeMap<>(spec.flinkConfigurationOrEmpty()), placeholders,
                "SessionCluster `" + name + "` runs many jobs, each with its own id.");
        Integer jobManagerReplicas = takeJobManagerReplicas(config);
        String logConfig = logs.render(ctx.logConfigurations(), spec.logging(), new LogVariables(ns, name, clusterId, ""));
        FlinkImage image = image(spec.flinkImageRegistry(), spec.flinkImageRepository(), spec.flinkImageTag(), flinkVersion, ctx);

        Additions additions = new Additions();
        ObjectNode metadata = metadata(ctx, spec.kubernetes(), null, Ownership.SESSION_CLUSTER);
        SortedMap<String, String> entrypoint = ConfigReferences.apply(ctx, config, ctx.repo().namespaces().get(ns), additions);
        ObjectNode specNode = clusterSpec(ctx, image, flinkVersion, config, spec.resources(), jobManagerReplicas, spec.numberOfTaskManagers(),
                spec.kubernetes(), additions, logConfig);
        out.accept(object(ctx, FLINK_DEPLOYMENT, name, metadata, specNode));
        if (entrypoint != null) out.accept(configMap(ctx, metadata, ConfigReferences.configMapName(name), entrypoint));
    }

    // ---- session jobs

    private void sessionJob(MappingContext ctx, Resolved<DeploymentSpec> d, Consumer<RenderedObject> out) {
        DeploymentSpec spec = d.spec();
        TemplateSpec ts = spec.templateSpec();
        String ns = ctx.namespace();
        String name = ctx.name();
        Optional<Resolved<SessionClusterSpec>> cluster = Placement.sessionCluster(ctx.repo(), ns, spec.sessionClusterName())
                .filter(Resolved::isTyped);
        if (cluster.isEmpty()) return;
        SessionClusterSpec clusterSpec = cluster.get().spec();
        JobModes.JobState jobState = JobModes.of(spec, true, ctx.repo().settings().operatorVersion());
        boolean ok = true;
        if ("STOPPED".equals(clusterSpec.state()) && jobState.state().equals(JobModes.RUNNING)) {
            ctx.report(Code.SESSION_CLUSTER_STOPPED, "/spec/sessionClusterName",
                    "Deployment `" + name + "` is RUNNING on SessionCluster `" + spec.sessionClusterName() + "`, which is STOPPED.",
                    "Suspend or cancel the deployment, or set the SessionCluster's `state` to RUNNING.");
            ok = false;
        }
        String deploymentId = Ownership.deploymentId(ns, name).toString();
        Placeholders placeholders = new Placeholders(ns, name, deploymentId, null);
        SortedMap<String, String> config = fillConfig(ctx, new TreeMap<>(ts.flinkConfigurationOrEmpty()), placeholders,
                "The operator gives session job `" + name + "` a new random job id on every submission.");
        for (Map.Entry<String, String> e : config.entrySet()) {
            if (!ConfigReferences.hasReference(e.getValue())) continue;
            ctx.report(Code.REFERENCE_NOT_AVAILABLE_AT_RUNTIME, ctx.configPointer(e.getKey()),
                    "`" + e.getKey() + "` of session job `" + name + "` contains a `${…}` reference, but the operator submits a session job's configuration as written, so nothing would fill it in.",
                    "Set the key with its reference on SessionCluster `" + spec.sessionClusterName() + "`, whose pods fill references in when they start.");
            ok = false;
        }
        Optional<Artifacts.JobParts> parts = Artifacts.map(ctx, ts.artifact(), true, clusterSpec.flinkVersion(), null, placeholders);
        if (parts.isEmpty() || !ok) return;
        Artifacts.JobParts job = parts.get();

        ObjectNode metadata = metadata(ctx, ts.kubernetes(), spec.template() == null || spec.template().metadata() == null
                ? null : spec.template().metadata().annotations(), Ownership.DEPLOYMENT);
        ObjectNode specNode = JSON.objectNode();
        specNode.put("deploymentName", spec.sessionClusterName());
        if (!config.isEmpty()) config.forEach(specNode.putObject("flinkConfiguration")::put);
        job(specNode, job, parallelism(ts.parallelism(), config), jobState, spec.restoreStrategy());
        out.accept(object(ctx, FLINK_SESSION_JOB, name, metadata, specNode));
    }

    // ---- shared parts

    /**
     * The spec of a FlinkDeployment without its job: image, Flink version, service account, configuration,
     * JobManager and TaskManager, pod templates and log configuration.
     */
    private ObjectNode clusterSpec(MappingContext ctx, FlinkImage image, String flinkVersion, SortedMap<String, String> config,
                                          Map<String, ResourceSpec> resources, Integer jobManagerReplicas, Integer taskManagers,
                                          KubernetesSpec kubernetes, Additions additions, String logConfig) {
        ObjectNode spec = JSON.objectNode();
        spec.put("image", image.reference());
        spec.put("imagePullPolicy", IMAGE_PULL_POLICY);
        spec.put("flinkVersion", FlinkVersions.enumName(flinkVersion));
        spec.put("serviceAccount", FlinkServiceAccount.NAME);
        ObjectNode flinkConfiguration = spec.putObject("flinkConfiguration");
        config.forEach(flinkConfiguration::put);

        PodAdditions added = additions.build();
        for (PodTemplates.Conflict c : PodTemplates.conflicts(kubernetes, added)) {
            ctx.report(Code.POD_ADDITION_CONFLICT, ctx.specPrefix() + "/kubernetes" + c.pointer(),
                    "This " + (c.kind().equals("env") ? "environment variable" : c.kind()) + " `" + c.name() + "` clashes with the one flinkops adds to `" + PodTemplates.MAIN_CONTAINER
                            + "` for this " + ctx.source().document().kind().kindName() + ", so flinkops' own would be left out.",
                    "Rename or remove it; a secret declared in the Namespace needs no environment variable of your own.");
        }
        PodTemplateSet pods = podTemplates.apply(kubernetes, added);
        if (pods.common() != null) spec.set("podTemplate", pods.common());
        ObjectNode jobManager = spec.putObject("jobManager");
        resource(jobManager, resources == null ? null : resources.get("jobmanager"));
        if (jobManagerReplicas != null) jobManager.put("replicas", jobManagerReplicas);
        if (pods.jobManager() != null) jobManager.set("podTemplate", pods.jobManager());
        ObjectNode taskManager = spec.putObject("taskManager");
        resource(taskManager, resources == null ? null : resources.get("taskmanager"));
        if (taskManagers != null) taskManager.put("replicas", taskManagers);
        if (pods.taskManager() != null) taskManager.set("podTemplate", pods.taskManager());

        if (logConfig != null && !logConfig.isEmpty()) spec.putObject("logConfiguration").put(LogConfigurations.KEY, logConfig);
        return spec;
    }

    /** {@code spec.job}: the same for a FlinkDeployment's job and a FlinkSessionJob. */
    private static void job(ObjectNode spec, Artifacts.JobParts job, int parallelism, JobModes.JobState jobState,
                            DeploymentSpec.RestoreStrategy restore) {
        ObjectNode node = spec.putObject("job");
        node.put("jarURI", job.jarUri());
        if (job.entryClass() != null) node.put("entryClass", job.entryClass());
        if (!job.args().isEmpty()) job.args().forEach(node.putArray("args")::add);
        node.put("parallelism", parallelism);
        node.put("state", jobState.state());
        node.put("upgradeMode", jobState.upgradeMode());
        if (restore != null && restore.allowNonRestoredState() != null) {
            node.put("allowNonRestoredState", restore.allowNonRestoredState());
        }
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

    /**
     * The configuration with its placeholders filled in. A {@code {{ jobId }}} whose value is unknown is
     * reported ({@code why} says why) and left as it is.
     */
    private static SortedMap<String, String> fillConfig(MappingContext ctx, SortedMap<String, String> written, Placeholders placeholders,
                                                        String why) {
        SortedMap<String, String> config = new TreeMap<>();
        written.forEach((key, value) -> {
            if (value == null) return;
            if (placeholders.jobId() == null && Placeholders.usesJobId(value)) {
                ctx.report(Code.JOB_ID_NOT_KNOWN, ctx.configPointer(key),
                        "`" + key + "` uses `{{ jobId }}`, but no job id is known when flinkops renders it: " + why,
                        "Remove `{{ jobId }}`: Flink already puts the job id into checkpoint paths and logs it.");
            }
            config.put(key, placeholders.fill(value));
        });
        return config;
    }

    /**
     * Removes {@code kubernetes.jobmanager.replicas} from the configuration and returns it for
     * {@code jobManager.replicas}: the operator sets that key from the spec field (default 1), so a value left
     * in the configuration would be silently overridden.
     */
    private static Integer takeJobManagerReplicas(SortedMap<String, String> config) {
        String value = config.get(JOBMANAGER_REPLICAS_KEY);
        if (value == null) return null;
        try {
            int replicas = Integer.parseInt(value.trim());
            config.remove(JOBMANAGER_REPLICAS_KEY);
            return replicas;
        } catch (NumberFormatException e) {
            return null; // validation reports it (FO505)
        }
    }

    /** VVP's {@code parallelism}, else the configuration's {@code parallelism.default}, else 1 (Flink's default). */
    private static int parallelism(Integer parallelism, Map<String, String> config) {
        if (parallelism != null) return parallelism;
        String value = config.get(DEFAULT_PARALLELISM_KEY);
        if (value != null) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                // fall through to Flink's default
            }
        }
        return 1;
    }

    /** Adds URIs to {@code user.artifacts.artifact-list} (a {@code ;}-separated list), after any the user set. */
    private static void addArtifacts(SortedMap<String, String> config, List<String> uris) {
        Set<String> all = new LinkedHashSet<>();
        String existing = config.get(Artifacts.ARTIFACT_LIST_KEY);
        if (existing != null) {
            Arrays.stream(existing.split(";")).map(String::trim).filter(s -> !s.isEmpty()).forEach(all::add);
        }
        all.addAll(uris);
        config.put(Artifacts.ARTIFACT_LIST_KEY, String.join(";", all));
    }

    private static FlinkImage image(String registry, String repository, String tag, String flinkVersion, MappingContext ctx) {
        FlinkImage image = new FlinkImage(registry, repository, tag);
        return image.isEmpty() ? FlinkImage.defaultFor(flinkVersion, ctx.repo().settings()) : image;
    }

    private ObjectNode metadata(MappingContext ctx, KubernetesSpec kubernetes, Map<String, String> templateAnnotations, String subject) {
        String prefix = ctx.specPrefix() + "/kubernetes";
        ObjectNode metadata = Metadata.build(ctx, ctx.name(),
                Metadata.Source.of(kubernetes == null ? null : kubernetes.labels(), prefix + "/labels"),
                Metadata.Source.of(templateAnnotations, "/spec/template/metadata/annotations"),
                Metadata.Source.of(kubernetes == null ? null : kubernetes.annotations(), prefix + "/annotations"));
        Ownership.stamp(metadata, ctx.cluster(), ctx.namespace(), subject, ctx.name(), ctx.sourceFile(), ctx.render().sourceCommit());
        return metadata;
    }

    private static RenderedObject object(MappingContext ctx, String kind, String name, ObjectNode metadata, ObjectNode spec) {
        ObjectNode content = JSON.objectNode();
        content.put("apiVersion", API_VERSION);
        content.put("kind", kind);
        content.set("metadata", metadata);
        content.set("spec", spec);
        return new RenderedObject(ctx.cluster(), API_VERSION, kind, ctx.kubernetesNamespace(), name, content, ctx.sourceFile());
    }

    /** A ConfigMap that belongs to the object whose metadata is {@code owner}: same labels and annotations. */
    private static RenderedObject configMap(MappingContext ctx, ObjectNode owner, String name, Map<String, String> data) {
        ObjectNode content = JSON.objectNode();
        content.put("apiVersion", ObjectKind.CONFIG_MAP.apiVersion());
        content.put("kind", ObjectKind.CONFIG_MAP.kind());
        ObjectNode metadata = owner.deepCopy();
        metadata.put("name", name);
        content.set("metadata", metadata);
        ObjectNode dataNode = content.putObject("data");
        new TreeMap<>(data).forEach(dataNode::put);
        return new RenderedObject(ctx.cluster(), ObjectKind.CONFIG_MAP.apiVersion(), ObjectKind.CONFIG_MAP.kind(), ctx.kubernetesNamespace(), name, content, ctx.sourceFile());
    }

    static String sqlConfigMapName(String deploymentName) {
        return deploymentName + "-sql";
    }

    private static Stream<String> artifactUris(Artifact a) {
        if (a == null) return Stream.empty();
        List<String> uris = new ArrayList<>();
        uris.add(a.jarUri());
        uris.add(a.pythonArtifactUri());
        if (a.additionalDependencies() != null) uris.addAll(a.additionalDependencies());
        if (a.additionalPythonArchives() != null) uris.addAll(a.additionalPythonArchives());
        if (a.additionalPythonLibraries() != null) uris.addAll(a.additionalPythonLibraries());
        return uris.stream().filter(java.util.Objects::nonNull);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
