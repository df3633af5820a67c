package io.flinkops.diag;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

import static io.flinkops.diag.Severity.ERROR;
import static io.flinkops.diag.Severity.WARNING;

/**
 * The stable diagnostic codes. A code never changes meaning once released; retired codes are not reused.
 * The catalogue text (title, what it checks, why, how to fix) lives in {@code catalogue.properties} next to
 * this class and is rendered into docs/rules.md; a test keeps the two in step.
 *
 * <p>Hundreds group the stage or domain: 0xx loading and YAML, 1xx schema, 2xx names and references,
 * 3xx upgrade/restore/high availability, 4xx Flink configuration and secrets, 5xx resources,
 * 6xx versions, images and artifacts, 7xx logging, 8xx pods and pod templates, 9xx rendering
 * (93x: found by {@code flinkops diff}, comparing two revisions).
 */
public enum Code {
    // 0xx: reading files and YAML
    YAML_SYNTAX("FO001", ERROR),
    DUPLICATE_KEY("FO002", ERROR),
    YAML_ALIAS("FO003", ERROR),
    FILE_TOO_LARGE("FO004", ERROR),
    NESTING_TOO_DEEP("FO005", ERROR),
    INVALID_ENCODING("FO006", ERROR),
    BINARY_FILE("FO007", ERROR),
    SYMLINK_ESCAPES_REPO("FO008", ERROR),
    UNREADABLE_FILE("FO009", ERROR),
    DOCUMENT_NOT_MAPPING("FO010", ERROR),
    MISSING_KIND("FO011", ERROR),
    UNKNOWN_KIND("FO012", ERROR),
    MISPLACED_DOCUMENT("FO013", ERROR),
    NAMESPACE_MISMATCH("FO014", ERROR),
    MISSING_REPOSITORY("FO015", ERROR),
    DUPLICATE_RESOURCE("FO016", ERROR),
    STRAY_FILE("FO017", WARNING),
    SYMLINK_CROSSES_NAMESPACE("FO018", ERROR),
    INVALID_SUPPRESSION("FO019", ERROR),
    /** A bug in flinkops, not a problem of the config repo: the CLI exits with 70 when one is reported. */
    INTERNAL_ERROR("FO099", ERROR),

    // 1xx: JSON Schema
    UNKNOWN_FIELD("FO101", ERROR),
    MISSING_FIELD("FO102", ERROR),
    WRONG_TYPE("FO103", ERROR),
    VALUE_NOT_ALLOWED("FO104", ERROR),
    CONSTRAINT_VIOLATED("FO105", ERROR),
    SYSTEM_OWNED_FIELD("FO106", WARNING),
    LENIENT_VALUE("FO107", WARNING),

    // 2xx: names and references
    INVALID_NAME("FO201", ERROR),
    NAME_TOO_LONG_FOR_OPERATOR("FO202", ERROR),
    EMITTED_OBJECT_CONFLICT("FO203", ERROR),
    DEPLOYMENT_MODE("FO204", ERROR),
    TARGET_NOT_FOUND("FO205", ERROR),
    SESSION_CLUSTER_NOT_FOUND("FO206", ERROR),
    KUBERNETES_NAMESPACE_NOT_ALLOWED("FO207", ERROR),
    CLUSTER_NOT_FOUND("FO208", ERROR),
    SESSION_JOB_CLUSTER_FIELD("FO209", WARNING),

    // 21x: the fences between teams (docs/security.md)
    KUBERNETES_NAMESPACE_OUTSIDE_FENCE("FO210", ERROR),
    KUBERNETES_NAMESPACE_SHARED("FO211", ERROR),
    STORAGE_OUTSIDE_FENCE("FO212", ERROR),
    OWNER_RESOURCE_IN_EDITOR_FILE("FO213", ERROR),
    RBAC_SUBJECT_NOT_ALLOWED("FO214", ERROR),
    SERVICE_ACCOUNT_NOT_ALLOWED("FO215", ERROR),
    REST_EXPOSURE_NOT_ALLOWED("FO216", ERROR),
    INVALID_FENCE("FO217", ERROR),

    // 3xx: upgrade, restore, high availability
    STATEFUL_NEEDS_LATEST_RESTORE("FO301", ERROR),
    SAVEPOINT_DIR_REQUIRED("FO302", ERROR),
    CHECKPOINT_DIR_REQUIRED("FO303", ERROR),
    HA_REQUIRED_FOR_LATEST_STATE("FO304", ERROR),
    HA_REQUIRED_FOR_STANDBY("FO305", ERROR),
    SAVEPOINT_DIR_REQUIRED_FOR_PERIODIC_SAVEPOINTS("FO306", ERROR),
    SAVEPOINT_DIR_REQUIRED_FOR_CHECKPOINT_AGE("FO307", ERROR),
    HA_REQUIRED_FOR_ROLLBACK("FO308", ERROR),
    HEALTH_CHECK_NEEDS_JOBMANAGER_RECOVERY("FO309", ERROR),
    LOCAL_STATE_DIR_WITHOUT_VOLUME("FO320", WARNING),
    // 33x: day-2 operations (docs/day-2.md): savepoints, restarts, redeploys
    SAVEPOINT_DEPLOYMENT_NOT_FOUND("FO330", ERROR),
    INVALID_OPERATION_TIME("FO331", ERROR),
    SAVEPOINT_TIME_COLLISION("FO332", ERROR),
    REDEPLOY_SAVEPOINT_NOT_FOUND("FO333", ERROR),
    REDEPLOY_NOT_SUPPORTED("FO334", ERROR),
    SAVEPOINT_FORMAT_IGNORED("FO335", WARNING),

    // 4xx: Flink configuration and secrets
    FORBIDDEN_CONFIG_KEY("FO401", ERROR),
    UNKNOWN_CONFIG_KEY("FO402", WARNING),
    CONFLICTING_KEY_ALIASES("FO403", ERROR),
    UNRESOLVED_SECRET_REFERENCE("FO404", ERROR),
    LITERAL_SECRET("FO405", ERROR),
    UNKNOWN_PLACEHOLDER("FO406", ERROR),
    REFERENCE_NOT_FILLED_IN("FO407", WARNING),
    DEPRECATED_CONFIG_KEY("FO408", WARNING),
    CONFIG_KEY_REMOVED_IN_FLINK_2("FO409", WARNING),
    OVERLAPPING_CONFIG_KEYS("FO410", ERROR),
    VVP_HIGH_AVAILABILITY("FO411", WARNING),
    VVP_HIGH_AVAILABILITY_WITHOUT_STORAGE("FO412", ERROR),
    VVP_ONLY_FILE_SYSTEM("FO413", ERROR),

    // 5xx: resources and parallelism
    CPU_TOO_LOW("FO501", ERROR),
    INVALID_MEMORY("FO502", ERROR),
    AMBIGUOUS_MEMORY_UNIT("FO503", WARNING),
    PARALLELISM_EXCEEDS_SLOTS("FO504", ERROR),
    INVALID_CONFIG_VALUE("FO505", ERROR),
    MEMORY_NOT_SET("FO506", ERROR),
    JOB_PARALLELISM_NOT_POSITIVE("FO507", ERROR),
    AUTOSCALER_OPTION_INVALID("FO508", ERROR),
    AUTOSCALER_EXCLUDED_PERIODS_INVALID("FO509", ERROR),
    PARALLELISM_BELOW_SLOTS("FO520", WARNING),

    // 6xx: Flink versions, images, artifacts
    MISSING_FLINK_VERSION("FO601", ERROR),
    UNSUPPORTED_FLINK_VERSION("FO602", ERROR),
    INVALID_IMAGE("FO603", ERROR),
    REGISTRY_NOT_ALLOWED("FO604", ERROR),
    INCOMPLETE_ARTIFACT("FO605", ERROR),
    URI_SCHEME_NOT_ALLOWED("FO606", ERROR),
    CREDENTIALS_IN_URI("FO607", ERROR),
    INVALID_URI("FO608", ERROR),
    VERVERICA_ONLY_IMAGE("FO609", ERROR),
    FILE_SYSTEM_PLUGIN_NOT_ENABLED("FO610", WARNING),
    SESSION_JAR_SCHEME_NOT_ALLOWED("FO611", ERROR),
    SESSION_JAR_HOST_RESTRICTED("FO612", ERROR),
    RAW_HTTP_ARTIFACT("FO620", ERROR),

    // 7xx: logging
    INVALID_LOG_LEVEL("FO701", ERROR),
    UNKNOWN_LOGGING_PROFILE("FO702", ERROR),
    LOG_TEMPLATE_SYNTAX("FO703", ERROR),
    LOGGING_PROFILE_FILE_MISSING("FO704", ERROR),
    INVALID_LOGGER_NAME("FO705", ERROR),
    LOG_TEMPLATE_NOT_PROPERTIES("FO706", ERROR),
    LOG_TEMPLATE_BUDGET("FO707", ERROR),

    // 8xx: pods and pod templates
    PODS_AND_POD_TEMPLATES("FO801", ERROR),
    INVALID_POD_TEMPLATE("FO802", ERROR),
    INVALID_KUBERNETES_OBJECT("FO803", ERROR),

    // 9xx: rendering (the rendered pods against the Pod Security Standards)
    POD_SECURITY_PRIVILEGED("FO901", ERROR),
    POD_SECURITY_HOST_NAMESPACES("FO902", ERROR),
    POD_SECURITY_HOST_PATH("FO903", ERROR),
    POD_SECURITY_HOST_PORTS("FO904", ERROR),
    POD_SECURITY_CAPABILITIES("FO905", ERROR),
    POD_SECURITY_PROFILES("FO906", ERROR),
    POD_SECURITY_KERNEL("FO907", ERROR),
    POD_SECURITY_VOLUME_TYPES("FO908", ERROR),
    POD_SECURITY_PRIVILEGE_ESCALATION("FO909", ERROR),
    POD_SECURITY_RUN_AS_ROOT("FO910", ERROR),

    // 92x: rendering (found while mapping to the operator's resources)
    REFERENCE_NOT_AVAILABLE_AT_RUNTIME("FO921", ERROR),
    JOB_ID_NOT_KNOWN("FO922", ERROR),
    NOT_SUPPORTED_IN_SESSION_MODE("FO923", ERROR),
    SQL_RUNNER_NOT_CONFIGURED("FO924", ERROR),
    ARTIFACT_NOT_FETCHABLE("FO925", ERROR),
    SESSION_CLUSTER_STOPPED("FO926", ERROR),
    INVALID_LABEL_OR_ANNOTATION("FO927", ERROR),
    INVALID_MAIN_ARGS("FO928", ERROR),
    POD_ADDITION_CONFLICT("FO929", ERROR),
    INVALID_RECONCILE_SWITCH("FO930", ERROR),

    // 93x: comparing two revisions (`flinkops diff`): changes the operator would refuse
    FLINK_VERSION_CHANGE_AFTER_SUSPEND("FO931", ERROR),
    SESSION_JOB_CLUSTER_CHANGE("FO932", ERROR),
    CLUSTER_KIND_SWITCH("FO933", ERROR),

    // 95x: the repo's own policies (docs/policies.md): CEL expressions in flinkops.yaml
    POLICY_VIOLATED("FO950", ERROR),
    POLICY_WARNING("FO951", WARNING),
    POLICY_INVALID("FO952", ERROR),
    POLICY_EVALUATION_FAILED("FO953", ERROR),
    POLICY_TOO_COSTLY("FO954", ERROR);

    private static final Properties CATALOGUE = loadCatalogue();

    private final String id;
    private final Severity severity;

    Code(String id, Severity severity) {
        this.id = id;
        this.severity = severity;
    }

    /** The stable code, e.g. {@code FO201}. */
    public String id() {
        return id;
    }

    /** A readable name for the code, e.g. {@code invalid-name}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return entry("title");
    }

    /** What the rule checks. */
    public String checks() {
        return entry("checks");
    }

    public String why() {
        return entry("why");
    }

    public String fix() {
        return entry("fix");
    }

    /** The catalogue text for {@code field}, or "" when it is missing (a test reports missing entries). */
    public String entry(String field) {
        return CATALOGUE.getProperty(id + "." + field, "");
    }

    public static Optional<Code> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    private static Properties loadCatalogue() {
        Properties p = new Properties();
        try (InputStream in = Code.class.getResourceAsStream("catalogue.properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
