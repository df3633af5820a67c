package io.flinkops.importer;

import io.flinkops.render.mapping.MappingRow;
import io.flinkops.render.mapping.MappingTable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code flinkops import} inverts each row of the render mapping ({@link MappingTable}), and what it does with the
 * operator fields no row names. The VVP and operator columns are the mapping table's own; this class adds only the
 * way back. docs/import.md's mapping table is generated from it ({@link #markdown}; InverseMappingTest keeps the two in
 * step and checks that every row of the mapping table has its way back here).
 */
public final class InverseMapping {
    /** The first words of the comment that opens the generated table in docs/import.md. */
    public static final String GENERATED_START = "<!-- generated from InverseMapping (compiler/src/main/java/io/flinkops/importer/InverseMapping.java)";
    /** The comment that closes it. */
    public static final String GENERATED_END = "<!-- end of generated table -->";

    /** Row number of the render mapping → what import makes of the operator fields of that row. */
    static final Map<Integer, String> ROWS = rows();

    /** Operator fields that no row of the render mapping names → what import does with them. */
    static final Map<String, String> OTHER_FIELDS = otherFields();

    private InverseMapping() {
    }

    private static Map<Integer, String> rows() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(1, "`job.state: running` (or none) → `state: RUNNING`");
        m.put(2, "`job.state: suspended` with `upgradeMode` savepoint → `state: SUSPENDED`; with last-state also SUSPENDED, which suspends with a "
                + "savepoint (reported)");
        m.put(3, "`job.state: suspended` with `upgradeMode` stateless (or none) → `state: CANCELLED`");
        m.put(4, "stateless (or none) → `upgradeStrategy: STATELESS`, `restoreStrategy: NONE`; savepoint → STATEFUL, LATEST_SAVEPOINT; "
                + "last-state → STATEFUL, LATEST_STATE");
        m.put(5, "`job.allowNonRestoredState` → `restoreStrategy.allowNonRestoredState`");
        m.put(6, "never written (the operator has no such fields)");
        m.put(7, "`job.parallelism` above 0 → `parallelism`; 0 or none is left out (both mean `parallelism.default`, else 1)");
        m.put(8, "`taskManager.replicas` → `numberOfTaskManagers`");
        m.put(9, "stays in `flinkConfiguration`");
        m.put(10, "`resource.cpu` / `resource.memory` → `resources.jobmanager` / `.taskmanager`; a memory that Flink and Kubernetes read differently "
                + "(`2048m`) is written as the operator reads it (`2g`); `ephemeralStorage` is dropped (reported); the newer `resources.requests` "
                + "is read as `resource` (reported)");
        m.put(11, "`jobManager.replicas` → `flinkConfiguration.kubernetes.jobmanager.replicas`");
        m.put(12, "`image` → registry, repository and tag by Docker's rules (no tag: `latest`; a digest wins over a tag, reported); no image: "
                + "none, so the default image of the Flink version (reported)");
        m.put(13, "`v1_20` → `\"1.20\"`");
        m.put(14, "not kept: the pods run as flinkops' service account (reported unless it is `flinkops-flink`)");
        m.put(15, "`IfNotPresent` or none: nothing to write; another policy is dropped (reported)");
        m.put(16, "`jarURI`, `entryClass` → a JAR artifact's `jarUri`, `entryClass`");
        m.put(17, "`args` → `mainArgs`, each argument quoted so that `ShellWords` splits the string back into the same arguments");
        m.put(18, "`user.artifacts.artifact-list` stays in `flinkConfiguration`");
        m.put(19, "not recognised: a job of the PythonDriver stays a JAR artifact with its jar, entry class and arguments, which render the same");
        m.put(20, "not recognised: a SQL runner job stays a JAR artifact with its arguments; its script comes from the image or a volume of the pod templates");
        m.put(21, "`flinkConfiguration` → `flinkConfiguration`: nested keys joined with `.`, lists with `;` (as the operator reads them), "
                + "values as strings");
        m.put(22, "stays in `flinkConfiguration`");
        m.put(23, "a literal value of a secret-looking key (FO405) becomes a `${NAME}` reference, declared as a Namespace secret in the "
                + "namespace.yaml the import writes; the value goes into neither the repo nor the report (reported, with the Kubernetes Secret to create)");
        m.put(24, "`metadata.labels` → `kubernetes.labels`; `app.kubernetes.io/managed-by` and `flinkops.io/*` are flinkops' own and dropped");
        m.put(25, "`metadata.annotations` → `kubernetes.annotations`; kubectl's last-applied annotation and `flinkops.io/*` are dropped");
        m.put(26, "`logConfiguration[\"log4j-console.properties\"]` → `logging.log4j2ConfigurationTemplate` (the text as it is); "
                + "`logback-console.xml` is dropped; no log configuration: the built-in profile `default` (both reported)");
        m.put(27, "`podTemplate` alone, when VVP's pods can say exactly that → `kubernetes.pods`; otherwise each role's template as the operator "
                + "makes it (`podTemplate` merged into the role's, positionally or by name) → `jobManagerPodTemplate`, `taskManagerPodTemplate`. "
                + "What flinkops adds (the secrets' entrypoint, a session cluster's SQL scripts ConfigMap) is not imported back");
        m.put(28, "a FlinkDeployment without `job` → a SessionCluster (`state: RUNNING`) with those fields");
        m.put(29, "a FlinkSessionJob → a session-mode Deployment with the job's fields and its own `flinkConfiguration`");
        m.put(30, "not applicable: the VVP resource gets the manifest's name only");
        m.put(31, "stays in `flinkConfiguration`");
        m.put(32, "`deploymentName` → `sessionClusterName`");
        m.put(33, "not produced: the operator's manifests name Flink's own HA (`kubernetes`, the factory class), which stays in "
                + "`flinkConfiguration` as written");
        m.put(34, "`restartNonce`: dropped (reported): a restart that has happened is no part of a desired state; `flinkops restart` asks for the next one");
        m.put(35, "`job.initialSavepointPath`, `job.savepointRedeployNonce`: dropped (reported): set `execution.savepoint.path` for the first rollout "
                + "instead; `flinkops redeploy` asks for a redeploy");
        m.put(36, "`job.savepointTriggerNonce`: dropped (reported); FlinkStateSnapshots are skipped (listed): savepoints taken are not configuration, "
                + "register the ones you need as Savepoint documents");
        return m;
    }

    private static Map<String, String> otherFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("`ingress`", "dropped: VVP has no ingress; create the Ingress yourself");
        m.put("`mode: standalone`", "dropped: flinkops renders native mode (the cluster starts anew when applied)");
        m.put("`job.checkpointTriggerNonce`, `job.autoscalerResetNonce`", "dropped: one-off requests, no part of a desired state");
        m.put("`metadata.uid`, `resourceVersion`, `generation`, `creationTimestamp`, `managedFields`, `finalizers`, `ownerReferences`, `status`",
                "system-owned: dropped");
        m.put("pod templates' `apiVersion`, `kind` (operator 1.7 read a Pod)", "dropped: a PodTemplateSpec has neither");
        m.put("any other field", "dropped (reported): not a field of the operator release flinkops targets");
        m.put("FlinkStateSnapshot, FlinkBlueGreenDeployment, other kinds; canaries (`flink.apache.org/canary`)", "skipped (listed)");
        return m;
    }

    /** The generated part of docs/import.md, between {@link #GENERATED_START} and {@link #GENERATED_END}. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(GENERATED_START).append(": do not edit;\n")
                .append("     InverseMappingTest fails when this table and the code differ. Regenerate with\n")
                .append("     mvn -pl compiler test -Dtest=InverseMappingTest -Dflinkops.updateGolden=true -->\n\n");
        out.append("| # | operator field | VVP field (render: VVP → operator) | import: operator → VVP |\n|---|---|---|---|\n");
        for (MappingRow row : MappingTable.rows()) {
            out.append("| ").append(row.number()).append(" | ").append(row.operator()).append(" | ").append(row.vvp()).append(" | ")
                    .append(ROWS.getOrDefault(row.number(), "**missing**")).append(" |\n");
        }
        out.append("\nOperator fields no row names:\n\n| operator field | import |\n|---|---|\n");
        OTHER_FIELDS.forEach((field, how) -> out.append("| ").append(field).append(" | ").append(how).append(" |\n"));
        return out.append('\n').append(GENERATED_END).append('\n').toString();
    }

    /** The render mapping's rows without a way back here (empty when the two are in step). */
    public static List<Integer> missingRows() {
        return MappingTable.rows().stream().map(MappingRow::number).filter(n -> !ROWS.containsKey(n)).toList();
    }
}
