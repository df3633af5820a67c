package io.flinkops.plan;

import io.flinkops.flinkconfig.FlinkOptions;
import io.flinkops.flinkconfig.LocatedConfiguration;
import io.flinkops.flinkconfig.VvpSettings;
import io.flinkops.logging.LogConfigurations;
import io.flinkops.logging.LogVariables;
import io.flinkops.model.Artifact;
import io.flinkops.model.DeploymentSpec;
import io.flinkops.model.FlinkImage;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.KubernetesSpec;
import io.flinkops.model.NamespaceSpec;
import io.flinkops.model.SessionClusterSpec;
import io.flinkops.model.TemplateSpec;
import io.flinkops.plan.pods.PodAdditions;
import io.flinkops.plan.pods.PodTemplates;
import io.flinkops.resolve.Resolved;
import io.flinkops.resolve.ResolvedNamespace;
import io.flinkops.resolve.ResolvedRepo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The plan stage: one {@link ResourcePlan} for every typed Deployment and SessionCluster, computed once, in parallel
 * (each plan reads only the resolved repo). The mapping decisions are documented in docs/render-mapping.md; this
 * class computes them, the render stage writes them out, and the rules judge them.
 */
public final class Planner {
    private final ResolvedRepo repo;
    private final LogConfigurations logs;
    private final Optional<String> flinkVersion;

    private Planner(ResolvedRepo repo, LogConfigurations logs, Optional<String> flinkVersion) {
        this.repo = repo;
        this.logs = logs;
        this.flinkVersion = flinkVersion;
    }

    public static RepoPlan plan(ResolvedRepo repo) {
        return plan(repo, Optional.empty());
    }

    /**
     * The plan of the repo as if every Deployment and SessionCluster ran Flink {@code flinkVersion} (when given): what
     * depends on the version (the default image, what the artifact can fetch, the keys the rules check) follows it.
     * For {@code flinkops validate --flink-version}.
     */
    public static RepoPlan plan(ResolvedRepo repo, Optional<String> flinkVersion) {
        LogConfigurations logs = LogConfigurations.of(repo.loaded().source(), repo.settings());
        Planner planner = new Planner(repo, logs, flinkVersion);
        List<Resolved<?>> resources = new ArrayList<>();
        for (ResolvedNamespace ns : repo.namespaces().values()) {
            ns.sessionClusters().values().stream().filter(Resolved::isTyped).forEach(resources::add);
            ns.deployments().values().stream().filter(Resolved::isTyped).forEach(resources::add);
        }
        logs.expect(renderedPerNamespace(resources));
        return new RepoPlan(repo, logs, resources.parallelStream().map(planner::plan).toList());
    }

    /** The objects whose log configuration is rendered, per namespace: SessionClusters and application-mode Deployments. */
    private static Map<String, Integer> renderedPerNamespace(List<Resolved<?>> resources) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (Resolved<?> r : resources) {
            boolean sessionJob = r.spec() instanceof DeploymentSpec d && d.sessionClusterName() != null;
            if (!sessionJob) counts.merge(r.namespace(), 1, Integer::sum);
        }
        return counts;
    }

    @SuppressWarnings("unchecked")
    private ResourcePlan plan(Resolved<?> resource) {
        if (resource.spec() instanceof SessionClusterSpec) return sessionCluster((Resolved<SessionClusterSpec>) resource);
        Resolved<DeploymentSpec> d = (Resolved<DeploymentSpec>) resource;
        return d.spec().sessionClusterName() != null ? sessionJob(d) : application(d);
    }

    // ---- application mode

    private ResourcePlan application(Resolved<DeploymentSpec> d) {
        DeploymentSpec spec = d.spec();
        TemplateSpec ts = spec.templateSpec();
        Artifact artifact = ts.artifact();
        String ns = d.namespace();
        String name = d.name();
        String operatorVersion = repo.settings().operatorVersion();
        String deploymentId = Ids.deploymentId(ns, name).toString();
        String flinkVersion = this.flinkVersion.orElse(artifact == null ? null : artifact.flinkVersion());
        String runningMode = JobModes.runningUpgradeMode(spec, false, operatorVersion);
        LocatedConfiguration own = LocatedConfiguration.at(d, DeploymentSpec.TEMPLATE.flinkConfiguration());
        Map<String, String> written = own.values().asMap();

        // The job id: fixed by the user, or by flinkops when something uses it and every start restores state.
        String userJobId = blankToNull(written.get(FlinkOptions.FIXED_JOB_ID.current()));
        String candidate = userJobId != null ? userJobId.trim() : Ids.jobId(ns, name);
        boolean jobIdKnown = userJobId != null || !runningMode.equals(JobModes.STATELESS);
        LogConfigurations.Outcome logging = logs.attempt(ts.logging(), new LogVariables(ns, name, deploymentId, jobIdKnown ? candidate : ""));
        boolean used = written.values().stream().anyMatch(Placeholders::usesJobId)
                || artifactUris(artifact).anyMatch(Placeholders::usesJobId)
                || (jobIdKnown && logging.ok() && logging.text().contains(candidate));
        String jobId = jobIdKnown && used ? candidate : null;
        Placeholders placeholders = new Placeholders(ns, name, deploymentId, jobIdKnown ? candidate : null);

        SortedMap<String, String> config = fill(written, placeholders);
        VvpSettings.translate(config, flinkVersion);
        if (jobId != null && userJobId == null) config.put(FlinkOptions.FIXED_JOB_ID.current(), jobId);
        Integer jobManagerReplicas = takeJobManagerReplicas(config);
        FlinkImage image = artifact == null ? new FlinkImage(null, null, null)
                : image(new FlinkImage(artifact.flinkImageRegistry(), artifact.flinkImageRepository(), artifact.flinkImageTag()), flinkVersion);
        ArtifactPlan artifactPlan = ArtifactPlanner.plan(artifact, DeploymentSpec.ARTIFACT, false, flinkVersion, image.tag(), placeholders, repo.settings());
        // Before the references: a user's artifact list with a reference is appended to in the pods.
        artifactPlan.parts().filter(p -> !p.artifactList().isEmpty()).ifPresent(p -> addArtifacts(config, p.artifactList()));
        RuntimeReferences references = references(config, ns);
        SortedMap<String, String> sqlFiles = new TreeMap<>();
        artifactPlan.parts().map(ArtifactPlan.JobParts::sqlScript).ifPresent(script -> sqlFiles.put(ArtifactPlan.SQL_FILE, script));

        Parallelism parallelism = new Parallelism(ts.parallelism(), jobParallelism(ts.parallelism(), config), ts.numberOfTaskManagers(),
                own.values().taskSlots(), ts.numberOfTaskManagers() != null);
        JobPlan job = new JobPlan(JobModes.of(spec, false, operatorVersion), runningMode, vvpState(spec), Optional.ofNullable(jobId),
                jobIdKnown, parallelism, artifactPlan, spec.restoreStrategy());
        ClusterPlan cluster = cluster(name, image, ts.resources(), ts.numberOfTaskManagers(), jobManagerReplicas, ts.kubernetes(),
                references, sqlFiles.isEmpty() ? SqlMount.NONE : SqlMount.REQUIRED, sqlFiles, logging, false);
        return new ResourcePlan(ResourcePlan.Kind.APPLICATION, d, Placement.ofDeployment(repo, d), deploymentId, Optional.empty(),
                flinkVersion, own, own, placeholders, config, references, jobMetadata(spec),
                Optional.of(job), Optional.of(cluster), Reconcile.of(d.document()), operations(d));
    }

    // ---- session clusters

    private ResourcePlan sessionCluster(Resolved<SessionClusterSpec> c) {
        SessionClusterSpec spec = c.spec();
        String ns = c.namespace();
        String name = c.name();
        String clusterId = Ids.deploymentId(ns, name).toString();
        Placeholders placeholders = new Placeholders(ns, name, clusterId, null);
        LocatedConfiguration own = LocatedConfiguration.at(c, SessionClusterSpec.FIELDS.flinkConfiguration());
        String flinkVersion = this.flinkVersion.orElse(spec.flinkVersion());
        SortedMap<String, String> config = fill(own.values().asMap(), placeholders);
        VvpSettings.translate(config, flinkVersion);
        Integer jobManagerReplicas = takeJobManagerReplicas(config);
        LogConfigurations.Outcome logging = logs.attempt(spec.logging(), new LogVariables(ns, name, clusterId, ""));
        FlinkImage image = image(new FlinkImage(spec.flinkImageRegistry(), spec.flinkImageRepository(), spec.flinkImageTag()), flinkVersion);
        RuntimeReferences references = references(config, ns);
        KubernetesSpec kubernetes = spec.kubernetes();
        ObjectMetadata metadata = ObjectMetadata.of(
                new ObjectMetadata.Source(kubernetes == null ? null : kubernetes.labels(), SessionClusterSpec.FIELDS.kubernetes().child("labels"), true),
                List.of(new ObjectMetadata.Source(kubernetes == null ? null : kubernetes.annotations(),
                        SessionClusterSpec.FIELDS.kubernetes().child("annotations"), false)));
        ClusterPlan cluster = cluster(name, image, spec.resources(), spec.numberOfTaskManagers(), jobManagerReplicas, kubernetes,
                references, SqlMount.OPTIONAL, sessionSqlFiles(ns, name), logging, "STOPPED".equals(spec.state()));
        return new ResourcePlan(ResourcePlan.Kind.SESSION_CLUSTER, c, Placement.ofSessionCluster(repo, c), clusterId, Optional.empty(),
                flinkVersion, own, own, placeholders, config, references, metadata, Optional.empty(), Optional.of(cluster),
                Reconcile.of(c.document()), Operations.of(c.document(), List.of(), null, repo.settings().operatorVersion()));
    }

    // ---- session jobs

    private ResourcePlan sessionJob(Resolved<DeploymentSpec> d) {
        DeploymentSpec spec = d.spec();
        TemplateSpec ts = spec.templateSpec();
        String ns = d.namespace();
        String name = d.name();
        String operatorVersion = repo.settings().operatorVersion();
        String deploymentId = Ids.deploymentId(ns, name).toString();
        Optional<Resolved<SessionClusterSpec>> cluster = Placement.sessionCluster(repo, ns, spec.sessionClusterName()).filter(Resolved::isTyped);
        // The job runs its cluster's version; without a cluster, the version its own artifact names is the best guess.
        String flinkVersion = this.flinkVersion.orElseGet(() -> cluster.map(c -> c.spec().flinkVersion())
                .orElse(ts.artifact() == null ? null : ts.artifact().flinkVersion()));
        LocatedConfiguration own = LocatedConfiguration.at(d, DeploymentSpec.TEMPLATE.flinkConfiguration());
        LocatedConfiguration clusterConfig = cluster.map(c -> LocatedConfiguration.at(c, SessionClusterSpec.FIELDS.flinkConfiguration()))
                .orElse(LocatedConfiguration.EMPTY);
        Placeholders placeholders = new Placeholders(ns, name, deploymentId, null);
        SortedMap<String, String> config = fill(own.values().asMap(), placeholders);
        ArtifactPlan artifactPlan = ArtifactPlanner.plan(ts.artifact(), DeploymentSpec.ARTIFACT, true, flinkVersion, null, placeholders, repo.settings());
        // The job runs on its cluster's TaskManagers, with its cluster's slots.
        Parallelism parallelism = new Parallelism(ts.parallelism(), jobParallelism(ts.parallelism(), config),
                cluster.map(c -> c.spec().numberOfTaskManagers()).orElse(null), clusterConfig.values().taskSlots(), false);
        JobPlan job = new JobPlan(JobModes.of(spec, true, operatorVersion), JobModes.runningUpgradeMode(spec, true, operatorVersion),
                vvpState(spec), Optional.empty(), false, parallelism, artifactPlan, spec.restoreStrategy());
        return new ResourcePlan(ResourcePlan.Kind.SESSION_JOB, d, Placement.ofDeployment(repo, d), deploymentId, cluster, flinkVersion,
                own, clusterConfig.overlay(own), placeholders, config, RuntimeReferences.NONE, jobMetadata(spec),
                Optional.of(job), Optional.empty(), Reconcile.of(d.document()), operations(d));
    }

    // ---- shared parts

    /** A Deployment's day-2 operations, with its typed Savepoints (each Savepoint belongs to one deployment: read once). */
    private Operations operations(Resolved<DeploymentSpec> d) {
        ResolvedNamespace ns = repo.namespaces().get(d.namespace());
        List<Savepoint> savepoints = ns == null ? List.of()
                : ns.savepointsOf(d.name()).stream().filter(Resolved::isTyped).map(Savepoint::of).toList();
        return Operations.of(d.document(), savepoints, d.spec().maxSavepointCreationAttempts(), repo.settings().operatorVersion());
    }

    /** Whether a cluster mounts its ConfigMap of SQL scripts, and whether that ConfigMap must exist. */
    private enum SqlMount { NONE, REQUIRED, OPTIONAL }

    private ClusterPlan cluster(String name, FlinkImage image, Map<String, io.flinkops.model.ResourceSpec> resources, Integer taskManagers,
                                Integer jobManagerReplicas, KubernetesSpec kubernetes, RuntimeReferences references, SqlMount sqlMount,
                                SortedMap<String, String> sqlFiles, LogConfigurations.Outcome logging, boolean stopped) {
        PodAdditionsBuilder additions = new PodAdditionsBuilder();
        additions.references(references, name);
        if (sqlMount != SqlMount.NONE) additions.sqlScripts(ArtifactPlan.sqlConfigMapName(name), sqlMount == SqlMount.OPTIONAL);
        PodAdditions pods = additions.build();
        return new ClusterPlan(image, resources, taskManagers, jobManagerReplicas, kubernetes, pods,
                PodTemplates.conflicts(kubernetes, pods), logging, stopped, Collections.unmodifiableSortedMap(sqlFiles));
    }

    /**
     * The SQL scripts of the session jobs that run on session cluster {@code cluster}, by their file in its ConfigMap:
     * the SQLSCRIPT Deployments of its namespace that name it, the same way {@link ArtifactPlanner} names their files.
     */
    private SortedMap<String, String> sessionSqlFiles(String namespace, String cluster) {
        SortedMap<String, String> files = new TreeMap<>();
        if (ArtifactPlanner.sessionRunner(repo.settings().sqlRunner()).isEmpty()) return files; // nothing runs them (FO924)
        for (Resolved<DeploymentSpec> d : repo.namespaces().get(namespace).deployments().values()) {
            if (!d.isTyped() || !cluster.equals(d.spec().sessionClusterName())) continue;
            Artifact a = d.spec().templateSpec().artifact();
            if (a != null && "SQLSCRIPT".equals(a.kind()) && a.sqlScript() != null) {
                files.put(ArtifactPlan.sessionSqlFile(d.name(), a.sqlScript()), a.sqlScript());
            }
        }
        return files;
    }

    private RuntimeReferences references(SortedMap<String, String> config, String namespace) {
        ResolvedNamespace ns = repo.namespaces().get(namespace);
        RuntimeReferences references = RuntimeReferences.of(config, ns == null ? NamespaceSpec.EMPTY : ns.namespaceSpec());
        if (references.needsEntrypoint()) config.put(FlinkOptions.ENTRY_PATH.current(), RuntimeReferences.scriptPath());
        return references;
    }

    /** The metadata sources of a Deployment's object: {@code kubernetes.labels}, template and {@code kubernetes} annotations. */
    private static ObjectMetadata jobMetadata(DeploymentSpec spec) {
        KubernetesSpec kubernetes = spec.templateSpec().kubernetes();
        Map<String, String> templateAnnotations = spec.template() == null || spec.template().metadata() == null
                ? null : spec.template().metadata().annotations();
        return ObjectMetadata.of(
                new ObjectMetadata.Source(kubernetes == null ? null : kubernetes.labels(), DeploymentSpec.TEMPLATE.kubernetes().child("labels"), true),
                List.of(new ObjectMetadata.Source(templateAnnotations, DeploymentSpec.TEMPLATE_ANNOTATIONS, false),
                        new ObjectMetadata.Source(kubernetes == null ? null : kubernetes.annotations(),
                                DeploymentSpec.TEMPLATE.kubernetes().child("annotations"), false)));
    }

    /** The configuration with its placeholders filled in (a {@code {{ jobId }}} whose value is unknown stays). */
    private static SortedMap<String, String> fill(Map<String, String> written, Placeholders placeholders) {
        SortedMap<String, String> config = new TreeMap<>();
        written.forEach((key, value) -> {
            if (value != null) config.put(key, placeholders.fill(value));
        });
        return config;
    }

    /**
     * Removes {@code kubernetes.jobmanager.replicas} from the configuration and returns it for
     * {@code jobManager.replicas}: the operator sets that key from the spec field (default 1), so a value left in the
     * configuration would be silently overridden. An invalid value stays (FO505 reports it).
     */
    private static Integer takeJobManagerReplicas(SortedMap<String, String> config) {
        Optional<Integer> replicas = new io.flinkops.flinkconfig.FlinkConfiguration(config).jobManagerReplicas();
        replicas.ifPresent(r -> config.remove(FlinkOptions.JOBMANAGER_REPLICAS.current()));
        return replicas.orElse(null);
    }

    /** VVP's {@code parallelism}, else the configuration's {@code parallelism.default}, else 1 (Flink's default). */
    private static int jobParallelism(Integer parallelism, Map<String, String> config) {
        if (parallelism != null) return parallelism;
        return new io.flinkops.flinkconfig.FlinkConfiguration(config).defaultParallelism().orElse(1);
    }

    /** Adds URIs to {@code user.artifacts.artifact-list} (a {@code ;}-separated list), after any the user set. */
    private static void addArtifacts(SortedMap<String, String> config, List<String> uris) {
        String key = FlinkOptions.ARTIFACT_LIST.current();
        Set<String> all = new LinkedHashSet<>();
        String existing = config.get(key);
        if (existing != null) Arrays.stream(existing.split(";")).map(String::trim).filter(s -> !s.isEmpty()).forEach(all::add);
        all.addAll(uris);
        config.put(key, String.join(";", all));
    }

    /** The image set, else the default image of a known Flink version. */
    private FlinkImage image(FlinkImage set, String flinkVersion) {
        return set.isEmpty() && FlinkVersions.isKnown(flinkVersion) ? FlinkImage.defaultFor(flinkVersion, repo.settings()) : set;
    }

    private static String vvpState(DeploymentSpec spec) {
        return spec.state() == null ? "RUNNING" : spec.state();
    }

    private static Stream<String> artifactUris(Artifact a) {
        if (a == null) return Stream.empty();
        List<String> uris = new ArrayList<>();
        uris.add(a.jarUri());
        uris.add(a.pythonArtifactUri());
        if (a.additionalDependencies() != null) uris.addAll(a.additionalDependencies());
        if (a.additionalPythonArchives() != null) uris.addAll(a.additionalPythonArchives());
        if (a.additionalPythonLibraries() != null) uris.addAll(a.additionalPythonLibraries());
        return uris.stream().filter(Objects::nonNull);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
