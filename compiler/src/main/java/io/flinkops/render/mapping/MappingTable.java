package io.flinkops.render.mapping;

import io.flinkops.flinkconfig.OperatorKeys;
import io.flinkops.plan.ResourcePlan;
import io.flinkops.plan.ResourcePlan.Kind;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.flinkops.render.mapping.ChangeCategory.METADATA;
import static io.flinkops.render.mapping.ChangeCategory.MODE;
import static io.flinkops.render.mapping.ChangeCategory.NOT_MAPPED;
import static io.flinkops.render.mapping.ChangeCategory.OPERATOR_CONFIG;
import static io.flinkops.render.mapping.ChangeCategory.SPEC;
import static io.flinkops.render.mapping.ChangeCategory.STATE;

/**
 * How VVP Deployments and SessionClusters become the Flink Kubernetes Operator's objects, as data: one
 * {@link MappingRow} per rule, in the order and with the numbers of docs/render-mapping.md. Render builds each
 * object from the writers of the rows for its kind ({@link #write}), {@code flinkops diff} asks it what a change of a
 * field does ({@link #categoryOf}), and the doc's table is generated from it ({@link #markdown}; MappingTableTest
 * keeps the two in step). The decisions themselves are the plan's; the rows write what it decided.
 */
public final class MappingTable {
    /** The first words of the comment that opens the generated table in docs/render-mapping.md. */
    public static final String GENERATED_START = "<!-- generated from MappingTable (compiler/src/main/java/io/flinkops/render/mapping/MappingTable.java)";
    /** The comment that closes it. */
    public static final String GENERATED_END = "<!-- end of generated table -->";

    private static final Set<Kind> JOB_OBJECTS = EnumSet.of(Kind.APPLICATION, Kind.SESSION_JOB);
    private static final Set<Kind> CLUSTER_OBJECTS = EnumSet.of(Kind.APPLICATION, Kind.SESSION_CLUSTER);
    private static final Set<Kind> ALL_OBJECTS = EnumSet.allOf(Kind.class);
    private static final Set<Kind> APPLICATION_ONLY = EnumSet.of(Kind.APPLICATION);

    private static final List<MappingRow> ROWS = List.of(
            row(1, "`state: RUNNING`", "`job.state: running`", "upgrade mode from row 4",
                    fields("state"), STATE, JOB_OBJECTS, JobFields::runningState),
            row(2, "`state: SUSPENDED`", "`job.state: suspended`, `job.upgradeMode: savepoint`",
                    "VVP suspends with a savepoint; resuming restores it ([State](#state-and-upgrade-mode))",
                    fields("state"), STATE, JOB_OBJECTS, JobFields.suspended("SUSPENDED")),
            row(3, "`state: CANCELLED`", "`job.state: suspended`, `job.upgradeMode: stateless`",
                    "the operator has no cancelled state; a stateless suspend is a cancel without savepoint ([State](#state-and-upgrade-mode))",
                    fields("state"), STATE, JOB_OBJECTS, JobFields.suspended("CANCELLED")),
            // The whole strategies: a scalar written in place of one is a change of the upgrade mode too.
            row(4, "`upgradeStrategy.kind` × `restoreStrategy.kind`", "`job.upgradeMode`",
                    "STATELESS, or restore NONE/unset → `stateless`; otherwise LATEST_SAVEPOINT → `savepoint`, LATEST_STATE → `last-state` (session jobs on operator < 1.10: `savepoint`); upgrade NONE is mapped like STATEFUL ([table](#state-and-upgrade-mode))",
                    fields("upgradeStrategy", "restoreStrategy"), MODE, JOB_OBJECTS, JobFields::runningUpgradeMode),
            row(5, "`restoreStrategy.allowNonRestoredState`", "`job.allowNonRestoredState`", "only when set",
                    fields("restoreStrategy.allowNonRestoredState"), MODE, JOB_OBJECTS, JobFields::allowNonRestoredState),
            row(6, "`maxSavepointCreationAttempts`, `maxJobCreationAttempts`, `jobFailureExpirationTime`", "—",
                    "not mapped: the operator has no per-resource equivalent ([Not mapped](#not-mapped)); `maxSavepointCreationAttempts` − 1 is "
                            + "the `backoffLimit` of the FlinkStateSnapshots of savepoint requests (row 36)",
                    fields("maxSavepointCreationAttempts", "maxJobCreationAttempts", "jobFailureExpirationTime"), NOT_MAPPED, JOB_OBJECTS, null),
            row(7, "`template.spec.parallelism`", "`job.parallelism`",
                    "unset: the configuration's `parallelism.default`, else 1 (Flink's default; the operator rejects 0)",
                    fields("parallelism"), SPEC, JOB_OBJECTS, JobFields::parallelism),
            row(8, "`numberOfTaskManagers`", "`taskManager.replicas`",
                    "unset: none (Flink starts TaskManagers on demand). With replicas the operator runs the job with replicas × slots (`FlinkConfigBuilder.getParallelism`, line 357), whatever `parallelism` says; FO504 catches a parallelism above that",
                    fields("numberOfTaskManagers"), SPEC, CLUSTER_OBJECTS, ClusterFields::taskManagers),
            row(9, "`flinkConfiguration.taskmanager.numberOfTaskSlots`", "stays in `flinkConfiguration`", "the operator reads it there",
                    fields("flinkConfiguration.taskmanager.numberOfTaskSlots"), SPEC, CLUSTER_OBJECTS, null),
            row(10, "`resources.jobmanager` / `.taskmanager` `{cpu, memory}`", "`jobManager.resource` / `taskManager.resource` `{cpu, memory}`",
                    "memory as `MemorySize.toFlinkString()` (`1536mb`): the operator rejects fractional quantities; a whole cpu is written as an integer",
                    fields("resources.jobmanager", "resources.taskmanager"), SPEC, CLUSTER_OBJECTS, ClusterFields::resources),
            row(11, "`flinkConfiguration.kubernetes.jobmanager.replicas`", "`jobManager.replicas`",
                    "moved out of the configuration: the operator sets that key from `jobManager.replicas` (default 1) and would silently override it (`FlinkConfigBuilder.applyJobManagerSpec`, lines 260–270)",
                    fields("flinkConfiguration.kubernetes.jobmanager.replicas"), SPEC, CLUSTER_OBJECTS, ClusterFields::jobManagerReplicas),
            row(12, "`artifact.flinkImageRegistry/Repository/Tag`", "`image`",
                    "`FlinkImage.reference()` (`registry/repository:tag`, `@sha256:…` for digests); no field set: the Repository's `defaultImages` entry for the Flink version, else `docker.io/flink:<version>-scala_2.12-java17` (java11 before 1.18)",
                    fields("artifact.flinkImageRegistry", "artifact.flinkImageRepository", "artifact.flinkImageTag"), SPEC, CLUSTER_OBJECTS,
                    ClusterFields::image),
            row(13, "`artifact.flinkVersion` (`\"1.20\"`)", "`flinkVersion` (`v1_20`)", "`FlinkVersions.enumName`",
                    fields("artifact.flinkVersion"), SPEC, CLUSTER_OBJECTS, ClusterFields::flinkVersion),
            row(14, "—", "`serviceAccount: flinkops-flink`", "`FlinkServiceAccount.NAME`, created by the RBAC renderer in every target namespace",
                    fields(), SPEC, CLUSTER_OBJECTS, ClusterFields::serviceAccount),
            row(15, "—", "`imagePullPolicy: IfNotPresent`",
                    "image tags are treated as immutable (pin a digest for certainty); `Always` would make every TaskManager start depend on the registry. It is Flink's own default, written out so the manifests say it",
                    fields(), SPEC, CLUSTER_OBJECTS, ClusterFields::imagePullPolicy),
            row(16, "JAR `jarUri`, `entryClass`", "`job.jarURI`, `job.entryClass`", "placeholders filled in; Flink < 1.19 needs `local://` (FO925)",
                    fields("artifact.jarUri", "artifact.entryClass"), SPEC, JOB_OBJECTS, JobFields.entryPoint("JAR")),
            row(17, "JAR `mainArgs`", "`job.args`",
                    "split the way a POSIX shell would, without expansion (`ShellWords`); an unterminated quote is FO928",
                    fields("artifact.mainArgs"), SPEC, JOB_OBJECTS, JobFields.arguments("JAR")),
            row(18, "`additionalDependencies` (JAR, SQLSCRIPT)", "`flinkConfiguration.user.artifacts.artifact-list`",
                    "Flink ≥ 1.19 fetches them on the JobManager ([Artifacts](#artifacts)); earlier versions: FO925; session jobs: FO923",
                    fields("artifact.additionalDependencies"), SPEC, APPLICATION_ONLY, null),
            row(19, "PYTHON artifact",
                    "`job.jarURI` (flink-python jar), `entryClass: org.apache.flink.client.python.PythonDriver`, `args` (`-py`/`-pym`/`-pyfs`/`-pyarch`)",
                    "[Python](#python)",
                    fields("artifact.pythonArtifactUri", "artifact.entryModule", "artifact.additionalPythonLibraries", "artifact.additionalPythonArchives"),
                    SPEC, APPLICATION_ONLY, JobFields.program("PYTHON")),
            row(20, "SQLSCRIPT `sqlScript`",
                    "Repository `sqlRunner.jarUri` / `entryClass`, `args: [/opt/flinkops/sql/script.sql]`, ConfigMap `<name>-sql` mounted at `/opt/flinkops/sql`; "
                            + "on a session cluster: `sqlRunner.sessionJobJarUri`, `args: [/opt/flinkops/sql/<name>-<hash>.sql]`, the script in the cluster's ConfigMap `<cluster>-sql`",
                    "[SQL scripts](#sql-scripts); no runner configured: FO924",
                    fields("artifact.sqlScript"), SPEC, JOB_OBJECTS, JobFields.program("SQLSCRIPT")),
            row(21, "`flinkConfiguration`", "`flinkConfiguration` (string map)",
                    "`{{ namespace }}`, `{{ deploymentName }}`, `{{ deploymentId }}` filled in ([Placeholders](#placeholders-and-the-job-id))",
                    fields("flinkConfiguration.*"), SPEC, ALL_OBJECTS, ObjectFields::flinkConfiguration),
            row(22, "`{{ jobId }}`", "`flinkConfiguration.$internal.pipeline.job-id`",
                    "fixed by flinkops where it can be true at run time, else FO922 ([job id](#placeholders-and-the-job-id))",
                    fields(), SPEC, APPLICATION_ONLY, null),
            row(23, "`${NAME}` in `flinkConfiguration`",
                    "kept as written; `kubernetes.entry.path` → flinkops' entrypoint; env var `NAME` with `valueFrom.secretKeyRef` for a Namespace secret",
                    "[Secrets](#secrets)",
                    fields("flinkConfiguration.*"), SPEC, CLUSTER_OBJECTS, null),
            row(24, "`kubernetes.labels`", "`metadata.labels`",
                    "flinkops' own labels win; user keys under `flinkops.io/` and `app.kubernetes.io/managed-by` are dropped; invalid labels are FO927 ([Labels](#labels-and-annotations))",
                    fields("kubernetes.labels"), METADATA, ALL_OBJECTS, ObjectFields::labels),
            row(25, "`template.metadata.annotations`, `kubernetes.annotations`", "`metadata.annotations`",
                    "`kubernetes.annotations` wins over the template's; flinkops' own win over both",
                    fields("template.metadata.annotations", "kubernetes.annotations"), METADATA, ALL_OBJECTS, ObjectFields::annotations),
            row(26, "`logging`", "`logConfiguration[\"log4j-console.properties\"]`",
                    "`LogConfigurations.attempt(logging, LogVariables)`; left out when the result is empty",
                    fields("logging"), SPEC, CLUSTER_OBJECTS, ClusterFields::logConfiguration),
            row(27, "`kubernetes.pods`, `jobManagerPodTemplate`, `taskManagerPodTemplate`",
                    "`podTemplate`, `jobManager.podTemplate`, `taskManager.podTemplate`",
                    "`PodTemplates.build(kubernetes, additions)`; the additions are the secret env vars and the mounted ConfigMaps of rows 20 and 23, "
                            + "and `podTemplate` carries the annotation `flinkops.io/config-hash` (a hash of those ConfigMaps' data), so that a changed "
                            + "script or reference restarts the job with its upgrade mode",
                    fields("kubernetes.pods", "kubernetes.jobManagerPodTemplate", "kubernetes.taskManagerPodTemplate"), SPEC, CLUSTER_OBJECTS,
                    ClusterFields::podTemplates),
            row(28, "SessionCluster fields (`flinkVersion`, image, `numberOfTaskManagers`, `resources`, `flinkConfiguration`, `logging`, `kubernetes`)",
                    "the same FlinkDeployment fields, without `job`", "rows 9–15, 21–27; `deploymentName` / `deploymentId` are the cluster's own",
                    fields("flinkVersion", "flinkImageRegistry", "flinkImageRepository", "flinkImageTag", "numberOfTaskManagers", "resources",
                            "flinkConfiguration.*", "logging", "kubernetes"), SPEC, EnumSet.of(Kind.SESSION_CLUSTER), null),
            row(29, "session job: artifact, `parallelism`, state and strategies, its own effective `flinkConfiguration`",
                    "`FlinkSessionJob.spec.job`, `.flinkConfiguration`",
                    "JAR only (FO923); no references (FO921); cluster fields are the SessionCluster's (FO209)",
                    fields("artifact", "parallelism", "flinkConfiguration.*"), SPEC, EnumSet.of(Kind.SESSION_JOB), null),
            row(30, "`metadata.displayName`, `metadata.labels`, `metadata.annotations` of the VVP resource", "—",
                    "VVP resource metadata, not Kubernetes metadata: not copied (use `kubernetes.labels`); except the annotation "
                            + "`flinkops.io/reconcile: disabled`, the agent's maintenance switch, which the objects carry with Flux's "
                            + "`kustomize.toolkit.fluxcd.io/reconcile: disabled`",
                    List.of(VvpField.resource("metadata.displayName"), VvpField.resource("metadata.labels"), VvpField.resource("metadata.annotations")),
                    NOT_MAPPED, ALL_OBJECTS, null),
            row(31, "`flinkConfiguration` keys " + OperatorKeys.OPERATOR_PREFIXES.stream().map(p -> "`" + p + "*`").collect(Collectors.joining(", ")),
                    "stay in `flinkConfiguration`",
                    "the operator's own options, read per resource: it records a change of them without restarting the job or cluster",
                    OperatorKeys.OPERATOR_PREFIXES.stream().map(p -> VvpField.spec("flinkConfiguration." + p + "*")).toList(),
                    OPERATOR_CONFIG, ALL_OBJECTS, null),
            row(32, "`sessionClusterName`", "`FlinkSessionJob.spec.deploymentName`",
                    "the SessionCluster's FlinkDeployment, which has its name; the job is placed next to it ([Objects](#objects))",
                    fields("sessionClusterName"), SPEC, EnumSet.of(Kind.SESSION_JOB), ObjectFields::deploymentName),
            row(33, "`flinkConfiguration` `high-availability` (or `high-availability.type`): `vvp-kubernetes`",
                    "`flinkConfiguration.high-availability.type: kubernetes` (Flink 1.16: `high-availability: kubernetes`; 1.15: the factory class)",
                    "VVP's own HA has no Apache Flink counterpart but Flink's Kubernetes HA (`VvpSettings.translate`): warning FO411; an error, FO412, "
                            + "without `high-availability.storageDir`, which VVP took from its Universal Blob Storage",
                    fields("flinkConfiguration.*"), SPEC, CLUSTER_OBJECTS, null),
            row(34, "annotation `flinkops.io/restart` of the Deployment or SessionCluster (an RFC 3339 time)",
                    "`restartNonce`; annotation `flinkops.io/restart`",
                    "the time in epoch seconds; when it changes the operator restarts the job or cluster with its upgrade mode ([Day-2 operations](#day-2-operations))",
                    List.of(VvpField.resource("metadata.annotations.flinkops.io/restart")), SPEC, ALL_OBJECTS, OperationFields::restart),
            row(35, "annotation `flinkops.io/redeploy-from` of the Deployment (a Savepoint's name)",
                    "`job.initialSavepointPath`, `job.savepointRedeployNonce`; annotation `flinkops.io/redeploy-from`",
                    "the Savepoint's `savepointLocation`, and its `createdAt` in epoch seconds: the operator stops the job without a savepoint and "
                            + "starts it from that one (operator 1.8+, FO334) ([Day-2 operations](#day-2-operations))",
                    List.of(VvpField.resource("metadata.annotations.flinkops.io/redeploy-from")), SPEC, JOB_OBJECTS, OperationFields::redeploy),
            row(36, "Savepoint documents of the Deployment",
                    "operator before 1.10: `job.savepointTriggerNonce`, annotation `flinkops.io/savepoint-request`; 1.10+: a FlinkStateSnapshot per Savepoint",
                    "the newest request's `createdAt` in epoch seconds; FlinkStateSnapshots as in [Day-2 operations](#day-2-operations)",
                    fields(), SPEC, JOB_OBJECTS, OperationFields::savepointTrigger));

    private MappingTable() {
    }

    /** The rows, in table order. */
    public static List<MappingRow> rows() {
        return ROWS;
    }

    /** Writes the fields of the object of {@code plan}: the writers of the rows for its kind, in table order. */
    public static void write(ResourcePlan plan, OperatorObject object) {
        for (MappingRow row : ROWS) {
            if (row.appliesTo(plan.kind())) row.writer().ifPresent(writer -> writer.write(plan, object));
        }
    }

    /**
     * What a change of {@code field} (named as {@code flinkops diff} names a changed field of a spec) does: the category
     * of the row that names it most specifically, the first such row on a tie (a row about some keys of a map wins
     * over the row of the whole map: row 31 over row 21); {@link ChangeCategory#SPEC} when no row names it.
     */
    public static ChangeCategory categoryOf(String field) {
        MappingRow best = null;
        int bestSpecificity = -1;
        for (MappingRow row : ROWS) {
            int specificity = row.specificity(field);
            if (specificity > bestSpecificity) {
                best = row;
                bestSpecificity = specificity;
            }
        }
        return best == null ? SPEC : best.category();
    }

    /**
     * The generated part of docs/render-mapping.md's section "The mapping table": a legend and the table, between the
     * markers {@link #GENERATED_START} and {@link #GENERATED_END}.
     */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(GENERATED_START).append(": do not edit;\n")
                .append("     MappingTableTest fails when this table and the code differ. Regenerate with\n")
                .append("     mvn -pl compiler test -Dtest=MappingTableTest -Dflinkops.updateGolden=true -->\n\n");
        out.append("**objects**: the objects a row is about: A an application-mode FlinkDeployment, C a session cluster's\n")
                .append("FlinkDeployment, J a FlinkSessionJob. **change**: what `flinkops diff` makes of a change of the row's VVP\n")
                .append("fields (the row that names a field most specifically decides; a field no row names counts as spec):\n\n");
        for (ChangeCategory c : ChangeCategory.values()) out.append("- ").append(c.label()).append(": ").append(c.meaning()).append('\n');
        out.append("\n| # | VVP field (effective spec) | operator field | rule | objects | change |\n|---|---|---|---|---|---|\n");
        for (MappingRow row : ROWS) {
            String objects = Arrays.stream(Kind.values()).filter(row::appliesTo).map(MappingTable::letter).collect(Collectors.joining(", "));
            String change = row.reads().isEmpty() ? "—" : row.category().label();
            out.append("| ").append(row.number()).append(" | ").append(row.vvp()).append(" | ").append(row.operator()).append(" | ")
                    .append(row.rule()).append(" | ").append(objects).append(" | ").append(change).append(" |\n");
        }
        // A blank line ends the table before the closing comment.
        return out.append('\n').append(GENERATED_END).append('\n').toString();
    }

    private static String letter(Kind kind) {
        return switch (kind) {
            case APPLICATION -> "A";
            case SESSION_CLUSTER -> "C";
            case SESSION_JOB -> "J";
        };
    }

    private static MappingRow row(int number, String vvp, String operator, String rule, List<VvpField> reads, ChangeCategory category,
                                  Set<Kind> objects, FieldWriter writer) {
        return new MappingRow(number, vvp, operator, rule, reads, category, objects, Optional.ofNullable(writer));
    }

    private static List<VvpField> fields(String... names) {
        return Arrays.stream(names).map(VvpField::spec).toList();
    }
}
