package io.flinkops.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/** The Repository document (flinkops.yaml): clusters, policy, logging profiles, targeted operator. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RepositorySpec(
        Operator operator,
        List<Cluster> clusters,
        Policy policy,
        Map<String, LoggingProfile> loggingProfiles,
        Map<String, Image> defaultImages,
        SqlRunner sqlRunner,
        Codeowners codeowners,
        Map<String, RuleSetting> rules) {

    public static final FieldPath SPEC = DocumentFields.SPEC;
    public static final FieldPath CLUSTERS = SPEC.child("clusters");
    public static final FieldPath OPERATOR = SPEC.child("operator");
    public static final FieldPath OPERATOR_ALLOWED_JAR_SCHEMES = OPERATOR.child("allowedJarSchemes");
    public static final FieldPath OPERATOR_DISALLOW_RESTRICTED_JAR_HOSTS = OPERATOR.child("disallowRestrictedJarHosts");
    public static final FieldPath DEFAULT_IMAGES = SPEC.child("defaultImages");
    public static final FieldPath LOGGING_PROFILES = SPEC.child("loggingProfiles");
    public static final FieldPath SQL_RUNNER = SPEC.child("sqlRunner");
    public static final FieldPath SQL_RUNNER_JAR_URI = SQL_RUNNER.child("jarUri");
    public static final FieldPath SQL_RUNNER_SESSION_JOB_JAR_URI = SQL_RUNNER.child("sessionJobJarUri");

    public static final String DEFAULT_OPERATOR_VERSION = "1.15";
    public static final List<String> DEFAULT_JAR_SCHEMES =
            List.of("s3", "s3a", "s3p", "gs", "wasbs", "abfss", "oss", "hdfs", "https", "local");

    /** The operator's default of {@code kubernetes.operator.user.artifacts.allowed-schemes} (1.15). */
    public static final List<String> DEFAULT_OPERATOR_JAR_SCHEMES = List.of("https");

    public static final FieldPath RULES = SPEC.child("rules");

    public static final RepositorySpec EMPTY = new RepositorySpec(null, null, null, null, null, null, null, null);

    /** Without rule settings (for callers written before they existed). */
    public RepositorySpec(Operator operator, List<Cluster> clusters, Policy policy, Map<String, LoggingProfile> loggingProfiles,
                          Map<String, Image> defaultImages, SqlRunner sqlRunner, Codeowners codeowners) {
        this(operator, clusters, policy, loggingProfiles, defaultImages, sqlRunner, codeowners, null);
    }

    /**
     * A rule's setting in this repo ({@code spec.rules.<code>}).
     *
     * @param severity off, warning or error
     * @param reason   why (required)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RuleSetting(String severity, String reason) {
    }

    public Map<String, RuleSetting> rulesOrEmpty() {
        return rules == null ? Map.of() : rules;
    }

    /** Without the CODEOWNERS settings (for callers written before they existed). */
    public RepositorySpec(Operator operator, List<Cluster> clusters, Policy policy, Map<String, LoggingProfile> loggingProfiles,
                          Map<String, Image> defaultImages, SqlRunner sqlRunner) {
        this(operator, clusters, policy, loggingProfiles, defaultImages, sqlRunner, null, null);
    }

    /**
     * The operator the output is for.
     *
     * @param version                    the targeted release
     * @param allowedJarSchemes          what the operator's {@code kubernetes.operator.user.artifacts.allowed-schemes}
     *                                   is set to (operator-wide, so flinkops cannot read it); null: the operator's
     *                                   default, {@code https}
     * @param disallowRestrictedJarHosts what its {@code kubernetes.operator.user.artifacts.disallow-restricted-hosts}
     *                                   is set to; null: the operator's default, true
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Operator(String version, List<String> allowedJarSchemes, Boolean disallowRestrictedJarHosts) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    /**
     * A cluster whose agent applies this repository.
     *
     * @param suspend the maintenance switch: its agent applies and prunes nothing while it is true, and keeps
     *                observing and recording status
     */
    public record Cluster(String name, String description, Boolean suspend) {
        public boolean suspended() {
            return Boolean.TRUE.equals(suspend);
        }
    }

    /** Is {@code cluster} suspended ({@link Cluster#suspend})? */
    public boolean suspended(String cluster) {
        return clusters != null && clusters.stream().anyMatch(c -> c.name().equals(cluster) && c.suspended());
    }

    /**
     * The guard rails (docs/security.md).
     *
     * @param allowedKubernetesNamespaces the outer fence: where any DeploymentTarget may place objects
     * @param fence                       the fence of every flinkops namespace that {@code namespaceFences} does not name
     * @param namespaceFences             fences of single flinkops namespaces; their fields replace those of {@code fence}
     * @param sharedKubernetesNamespaces  Kubernetes namespaces that several flinkops namespaces may deploy into
     * @param allowedRbacSubjects         wildcard or cluster-wide members that namespaces may bind nevertheless
     * @param allowedRestServiceTypes     what {@code kubernetes.rest-service.exposed.type} may be (null: ClusterIP)
     * @param allowedServiceAccounts      service accounts flinkConfiguration may make the Flink pods run as (null: none)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Policy(
            List<String> allowedKubernetesNamespaces,
            List<String> allowedImageRegistries,
            List<String> allowedJarSchemes,
            String podSecurity,
            Fence fence,
            Map<String, Fence> namespaceFences,
            List<String> sharedKubernetesNamespaces,
            List<String> allowedRbacSubjects,
            List<String> allowedRestServiceTypes,
            List<String> allowedServiceAccounts) {
    }

    public static final FieldPath POLICY = SPEC.child("policy");
    public static final FieldPath POLICY_FENCE = POLICY.child("fence");
    public static final FieldPath POLICY_NAMESPACE_FENCES = POLICY.child("namespaceFences");

    /**
     * Where the objects and state of one flinkops namespace may be; patterns may use {@code {{ namespace }}}.
     *
     * @param kubernetesNamespaces glob patterns of its Kubernetes namespaces (null: not fenced beyond the outer fence)
     * @param storagePrefixes      URI prefixes of its state paths (null: not checked)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Fence(List<String> kubernetesNamespaces, List<String> storagePrefixes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LoggingProfile(String file) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Image(String registry, String repository, String tag) {
    }

    /**
     * @param sessionJobJarUri the runner where the operator can download it, for FlinkSessionJobs (see
     *                         {@code ArtifactPlanner}); optional when {@code jarUri} is remote
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SqlRunner(String jarUri, String entryClass, String sessionJobJarUri) {
    }

    /**
     * How the CODEOWNERS fragment names members.
     *
     * @param githubOrg      the GitHub organization of the teams that {@code group:<name>} members stand for
     *                       ({@code @<githubOrg>/<name>}); without it, groups are left out of CODEOWNERS
     * @param platformOwners the GitHub owners of the files that set the fences (flinkops.yaml and the other repo-wide
     *                       files); without them, the fragment leaves those lines to the repo
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Codeowners(String githubOrg, List<String> platformOwners) {
        public List<String> platformOwnersOrEmpty() {
            return platformOwners == null ? List.of() : platformOwners.stream().filter(o -> o != null).toList();
        }
    }

    public Codeowners codeownersOrEmpty() {
        return codeowners == null ? new Codeowners(null, null) : codeowners;
    }

    public String operatorVersion() {
        return operator == null || operator.version() == null ? DEFAULT_OPERATOR_VERSION : operator.version();
    }

    /**
     * The schemes the operator (1.15 and later) allows in a FlinkSessionJob's {@code jarURI}, lower case: what
     * {@code operator.allowedJarSchemes} declares, else the operator's default ({@code https}).
     */
    public List<String> operatorJarSchemes() {
        List<String> s = operator == null ? null : operator.allowedJarSchemes();
        return s == null ? DEFAULT_OPERATOR_JAR_SCHEMES
                : s.stream().map(x -> x.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    /** Whether the operator (1.15 and later) refuses session-job jars on loopback, private… hosts (its default: yes). */
    public boolean operatorDisallowsRestrictedJarHosts() {
        return operator == null || operator.disallowRestrictedJarHosts() == null || operator.disallowRestrictedJarHosts();
    }

    /** The cluster names; a repo that names none has one cluster, {@code default}. */
    public List<String> clusterNames() {
        return clusters == null || clusters.isEmpty()
                ? List.of(DeploymentTargetSpec.DEFAULT_CLUSTER)
                : clusters.stream().map(Cluster::name).toList();
    }

    public Policy policyOrEmpty() {
        return policy == null ? new Policy(null, null, null, null, null, null, null, null, null, null) : policy;
    }

    public List<String> allowedJarSchemes() {
        List<String> s = policyOrEmpty().allowedJarSchemes();
        return s == null || s.isEmpty() ? DEFAULT_JAR_SCHEMES : s;
    }

    public String podSecurity() {
        String p = policyOrEmpty().podSecurity();
        return p == null ? "baseline" : p;
    }

    public Map<String, LoggingProfile> loggingProfilesOrEmpty() {
        return loggingProfiles == null ? Map.of() : loggingProfiles;
    }
}
