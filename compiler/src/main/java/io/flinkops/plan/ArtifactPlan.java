package io.flinkops.plan;

import io.flinkops.model.Artifact;
import io.flinkops.model.FieldPath;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The artifact of a Deployment and what the operator's {@code job} gets from it (docs/render-mapping.md,
 * "Artifacts").
 *
 * @param artifact        the effective {@code artifact}; may be null
 * @param pointer         where it is in the Deployment ({@code /spec/template/spec/artifact})
 * @param uris            the URIs its kind runs, as written, in field order
 * @param mainArgsProblem why {@code mainArgs} of a JAR cannot be split into arguments, if it cannot
 * @param remoteFetch     whether the Flink version fetches remote jars and extra artifacts (application mode from
 *                        Flink 1.19; a session job always: the operator uploads its jar)
 * @param parts           the job part of the object; empty when the artifact cannot become one (no kind, no jar,
 *                        a session job that is not a JAR, a SQL script without a runner)
 */
public record ArtifactPlan(Artifact artifact, FieldPath pointer, List<Uri> uris, Optional<String> mainArgsProblem, boolean remoteFetch,
                           Optional<JobParts> parts) {
    /** Where the SQL script's ConfigMap is mounted, and the one argument the SQL runner gets. */
    public static final String SQL_DIR = "/opt/flinkops/sql";
    public static final String SQL_FILE = "script.sql";
    public static final String SQL_PATH = SQL_DIR + "/" + SQL_FILE;
    public static final String SQL_VOLUME = "flinkops-sql";
    public static final String PYTHON_DRIVER = "org.apache.flink.client.python.PythonDriver";
    /** The first Flink version that fetches remote job jars and extra artifacts in application mode. */
    public static final String REMOTE_ARTIFACTS_SINCE = "1.19";

    /**
     * One artifact URI.
     *
     * @param field   how messages name it: {@code jarUri}, {@code additionalDependencies[0]}
     * @param pointer where it is written
     * @param value   as written (placeholders not filled in)
     */
    public record Uri(String field, FieldPath pointer, String value) {
    }

    /**
     * What the operator's {@code job} gets: {@code jarURI}, {@code entryClass}, {@code args}; what goes into the Flink
     * configuration; and the SQL script to ship.
     *
     * @param jarUri       the job jar (a placeholder path for PyFlink, whose JobManager does not read it)
     * @param artifactList the URIs for {@code user.artifacts.artifact-list}, empty when there are none
     * @param sqlScript    the SQL script to mount, or null
     */
    public record JobParts(String jarUri, String entryClass, List<String> args, List<String> artifactList, String sqlScript) {
    }

    /** The artifact's kind (JAR, PYTHON, SQLSCRIPT), or null. */
    public String kind() {
        return artifact == null ? null : artifact.kind();
    }

    /**
     * The ConfigMap that holds the SQL scripts of object {@code objectName}: an application's own script, or those of
     * the session jobs of a session cluster.
     */
    public static String sqlConfigMapName(String objectName) {
        return objectName + "-sql";
    }

    /**
     * The file of a session job's SQL script in its session cluster's ConfigMap: named after the Deployment and the
     * script's content, so that a changed script changes the FlinkSessionJob's {@code args} and the operator submits
     * the job again (a running session cluster would otherwise never run the new script).
     */
    public static String sessionSqlFile(String deploymentName, String script) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return deploymentName + "-" + java.util.HexFormat.of().formatHex(digest, 0, 5) + ".sql";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A URI of a file inside the image ({@code local://}, {@code file://} or a path), which every Flink version runs. */
    public static boolean isLocal(String uri) {
        String u = uri.toLowerCase(Locale.ROOT);
        return u.startsWith("local:") || u.startsWith("file:") || u.startsWith("/");
    }

    public static boolean isWeb(String uri) {
        String u = uri.toLowerCase(Locale.ROOT);
        return u.startsWith("http:") || u.startsWith("https:");
    }
}
