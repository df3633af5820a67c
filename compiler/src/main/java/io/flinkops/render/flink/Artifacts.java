package io.flinkops.render.flink;

import io.flinkops.diag.Code;
import io.flinkops.model.Artifact;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.RepositorySpec;
import io.flinkops.yaml.JsonPointers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job part of an artifact: what the operator's {@code job} gets ({@code jarURI}, {@code entryClass},
 * {@code args}), what goes into the Flink configuration, and the SQL script to ship
 * (docs/render-mapping.md, "Artifacts").
 */
final class Artifacts {
    static final String PYTHON_DRIVER = "org.apache.flink.client.python.PythonDriver";
    /** Where the SQL script's ConfigMap is mounted, and the one argument the SQL runner gets. */
    static final String SQL_DIR = "/opt/flinkops/sql";
    static final String SQL_FILE = "script.sql";
    static final String SQL_PATH = SQL_DIR + "/" + SQL_FILE;
    static final String SQL_VOLUME = "flinkops-sql";
    /** Flink option (1.19+) listing extra artifacts the JobManager fetches in Kubernetes application mode. */
    static final String ARTIFACT_LIST_KEY = "user.artifacts.artifact-list";
    /** The first Flink version that fetches remote job jars and extra artifacts in application mode. */
    static final String REMOTE_ARTIFACTS_SINCE = "1.19";

    private static final Pattern PATCH_PREFIX = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    private Artifacts() {
    }

    /**
     * @param jarUri        the job jar (a placeholder path for PyFlink, whose JobManager does not read it)
     * @param artifactList  the URIs for {@code user.artifacts.artifact-list}, empty when there are none
     * @param sqlScript     the SQL script to mount, or null
     */
    record JobParts(String jarUri, String entryClass, List<String> args, List<String> artifactList, String sqlScript) {
    }

    /**
     * Maps the artifact of a Deployment; reports and returns empty when it cannot be mapped.
     *
     * @param flinkVersion the Flink version of the cluster the job runs on
     * @param imageTag     the effective image tag (for the flink-python jar's name), or null
     */
    static Optional<JobParts> map(MappingContext ctx, Artifact a, boolean sessionJob, String flinkVersion, String imageTag,
                                  Placeholders placeholders) {
        String base = ctx.specPrefix() + "/artifact";
        if (a == null || a.kind() == null) return Optional.empty(); // validation reports it (FO605)
        boolean ok = true;
        if (sessionJob && !a.kind().equals("JAR")) {
            ctx.report(Code.NOT_SUPPORTED_IN_SESSION_MODE, base + "/kind",
                    "Session-mode Deployment `" + ctx.name() + "` has a " + a.kind() + " artifact, but a FlinkSessionJob can only run a jar.",
                    a.kind().equals("SQLSCRIPT")
                            ? "Run it in application mode (`deploymentTargetName`): the script is shipped as a ConfigMap mounted into the job's own pods."
                            : "Run it in application mode (`deploymentTargetName`).");
            return Optional.empty();
        }
        List<String> deps = a.kind().equals("PYTHON") ? List.of() : orEmpty(a.additionalDependencies());
        if (sessionJob && !deps.isEmpty()) {
            ctx.report(Code.NOT_SUPPORTED_IN_SESSION_MODE, base + "/additionalDependencies",
                    "Session-mode Deployment `" + ctx.name() + "` has `additionalDependencies`, but a FlinkSessionJob can only ship its job jar.",
                    "Bundle the dependencies into the job jar, or run the deployment in application mode.");
            ok = false;
        }
        List<String> artifactList = new ArrayList<>();
        for (int i = 0; i < deps.size(); i++) {
            String uri = uri(ctx, placeholders, deps.get(i), JsonPointers.append(base + "/additionalDependencies", i), "additionalDependencies[" + i + "]");
            if (uri == null) ok = false;
            else artifactList.add(uri);
        }
        boolean remoteFetch = sessionJob || atLeast(flinkVersion, REMOTE_ARTIFACTS_SINCE);
        if (!remoteFetch && !artifactList.isEmpty()) {
            ctx.report(Code.ARTIFACT_NOT_FETCHABLE, base + "/additionalDependencies",
                    "Deployment `" + ctx.name() + "` has `additionalDependencies`, but Flink " + flinkVersion
                            + " cannot fetch extra artifacts in application mode (Flink 1.19 can).",
                    "Bundle the dependencies into the job jar or the image, or use Flink 1.19 or newer.");
            ok = false;
        }

        JobParts parts = switch (a.kind()) {
            case "JAR" -> {
                String jar = uri(ctx, placeholders, a.jarUri(), base + "/jarUri", "jarUri");
                List<String> args = mainArgs(ctx, a.mainArgs(), base + "/mainArgs");
                if (jar == null || args == null) yield null;
                if (!remoteFetch && !isLocal(jar)) {
                    ctx.report(Code.ARTIFACT_NOT_FETCHABLE, base + "/jarUri",
                            "`jarUri` `" + jar + "` is not a `local://` URI, but Flink " + flinkVersion
                                    + " runs only a jar inside the image in application mode (Flink 1.19 fetches remote jars).",
                            "Bake the jar into the image and use `local:///opt/flink/usrlib/…`, or use Flink 1.19 or newer.");
                    yield null;
                }
                yield new JobParts(jar, a.entryClass(), args, artifactList, null);
            }
            case "PYTHON" -> python(ctx, a, base, flinkVersion, imageTag, placeholders);
            case "SQLSCRIPT" -> {
                RepositorySpec.SqlRunner runner = ctx.repo().settings().sqlRunner();
                if (runner == null || runner.jarUri() == null || runner.entryClass() == null) {
                    ctx.report(Code.SQL_RUNNER_NOT_CONFIGURED, base + "/kind",
                            "Deployment `" + ctx.name() + "` has a SQLSCRIPT artifact, but flinkops.yaml configures no `sqlRunner` to run it.",
                            "Set `spec.sqlRunner.jarUri` and `spec.sqlRunner.entryClass` in flinkops.yaml.");
                    yield null;
                }
                if (!remoteFetch && !isLocal(runner.jarUri())) {
                    ctx.report(Code.ARTIFACT_NOT_FETCHABLE, base + "/kind",
                            "The SQL runner `" + runner.jarUri() + "` of flinkops.yaml is not a `local://` URI, but Flink " + flinkVersion
                                    + " runs only a jar inside the image in application mode (Flink 1.19 fetches remote jars).",
                            "Bake the SQL runner into the image and point `sqlRunner.jarUri` at it, or use Flink 1.19 or newer.");
                    yield null;
                }
                yield new JobParts(runner.jarUri(), runner.entryClass(), List.of(SQL_PATH), artifactList, a.sqlScript());
            }
            default -> null; // the schema reports other kinds (FO104)
        };
        return ok && parts != null ? Optional.of(parts) : Optional.empty();
    }

    /**
     * PyFlink's driver. The JobManager skips the job jar of a PyFlink job and finds {@code opt/flink-python*.jar}
     * itself, so {@code jarURI} only names that jar. A program URI ({@code .py} or {@code .zip}) and the extra
     * libraries become {@code -pyfs} (shipped to the Python workers and put on the PYTHONPATH), run with
     * {@code -pym} (the entry module, or the {@code .py} file's name); a {@code .py} file inside the image
     * without an entry module runs with {@code -py}; archives become {@code -pyarch}.
     */
    private static JobParts python(MappingContext ctx, Artifact a, String base, String flinkVersion, String imageTag,
                                   Placeholders placeholders) {
        boolean ok = true;
        String program = null;
        if (a.pythonArtifactUri() != null) {
            program = uri(ctx, placeholders, a.pythonArtifactUri(), base + "/pythonArtifactUri", "pythonArtifactUri");
            if (program == null) ok = false;
        }
        List<String> libs = new ArrayList<>();
        List<String> libUris = orEmpty(a.additionalPythonLibraries());
        for (int i = 0; i < libUris.size(); i++) {
            String u = uri(ctx, placeholders, libUris.get(i), JsonPointers.append(base + "/additionalPythonLibraries", i), "additionalPythonLibraries[" + i + "]");
            if (u == null) ok = false;
            else libs.add(fileUri(u));
        }
        List<String> archives = new ArrayList<>();
        List<String> archiveUris = orEmpty(a.additionalPythonArchives());
        for (int i = 0; i < archiveUris.size(); i++) {
            String u = uri(ctx, placeholders, archiveUris.get(i), JsonPointers.append(base + "/additionalPythonArchives", i), "additionalPythonArchives[" + i + "]");
            if (u == null) ok = false;
            else archives.add(fileUri(u));
        }
        if (!ok) return null;

        // Python files reach the workers through Flink's file systems (the distributed cache), which have no http(s).
        List<String> web = new ArrayList<>();
        if (program != null && isWeb(program)) web.add("pythonArtifactUri");
        for (int i = 0; i < libs.size(); i++) if (isWeb(libs.get(i))) web.add("additionalPythonLibraries[" + i + "]");
        for (int i = 0; i < archives.size(); i++) if (isWeb(archives.get(i))) web.add("additionalPythonArchives[" + i + "]");
        for (String field : web) {
            String pointer = base + "/" + field.replace("[", "/").replace("]", "");
            ctx.report(Code.ARTIFACT_NOT_FETCHABLE, pointer,
                    "`" + field + "` is an http(s) URI, but PyFlink reads Python files through Flink's file systems, which do not include http(s).",
                    "Store the file where a Flink file system reaches it (s3, gs, abfss, hdfs, oss…), or bake it into the image and use `local://`.");
        }
        if (!web.isEmpty()) return null;

        List<String> args = new ArrayList<>();
        List<String> pyFiles = new ArrayList<>();
        String module = a.entryModule();
        if (program != null) {
            if (module == null && isLocal(program)) {
                args.add("-py");
                args.add(localPath(program));
            } else {
                pyFiles.add(fileUri(program));
                if (module == null) module = moduleOf(program);
            }
        }
        pyFiles.addAll(libs);
        if (module != null) {
            args.add("-pym");
            args.add(module);
        }
        if (!pyFiles.isEmpty()) {
            args.add("-pyfs");
            args.add(String.join(",", pyFiles));
        }
        if (!archives.isEmpty()) {
            args.add("-pyarch");
            args.add(String.join(",", archives));
        }
        return new JobParts(pythonJar(flinkVersion, imageTag), PYTHON_DRIVER, args, List.of(), null);
    }

    /** {@code local:///opt/flink/opt/flink-python-<version>.jar}: the patch version from the image tag when it starts with one. */
    static String pythonJar(String flinkVersion, String imageTag) {
        String version = flinkVersion;
        if (imageTag != null) {
            Matcher m = PATCH_PREFIX.matcher(imageTag);
            if (m.find() && (m.group(1) + "." + m.group(2)).equals(flinkVersion)) version = m.group();
        }
        return "local:///opt/flink/opt/flink-python-" + version + ".jar";
    }

    /** The module a {@code .py} file runs as: its file name without the extension. */
    static String moduleOf(String uri) {
        String path = uri.replaceAll("[?#].*$", "");
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.toLowerCase(Locale.ROOT).endsWith(".py") ? file.substring(0, file.length() - 3) : file;
    }

    static boolean isWeb(String uri) {
        String u = uri.toLowerCase(Locale.ROOT);
        return u.startsWith("http:") || u.startsWith("https:");
    }

    static boolean isLocal(String uri) {
        String u = uri.toLowerCase(Locale.ROOT);
        return u.startsWith("local:") || u.startsWith("file:") || u.startsWith("/");
    }

    private static String localPath(String uri) {
        String u = uri.replaceFirst("^(?i)(local|file):(//)?", "");
        return u.startsWith("/") ? u : "/" + u;
    }

    /** Flink's file systems know {@code file://}, not the operator's {@code local://}. */
    static String fileUri(String uri) {
        return uri.regionMatches(true, 0, "local://", 0, 8) ? "file://" + uri.substring(8) : uri;
    }

    static boolean atLeast(String flinkVersion, String minimum) {
        int v = FlinkVersions.ALL.indexOf(flinkVersion);
        int m = FlinkVersions.ALL.indexOf(minimum);
        return v < 0 || v >= m;
    }

    /** An artifact URI with its placeholders filled in; null (reported) when it cannot be rendered. */
    private static String uri(MappingContext ctx, Placeholders placeholders, String value, String pointer, String field) {
        if (value == null) return null;
        if (ConfigReferences.hasReference(value)) {
            ctx.report(Code.REFERENCE_NOT_AVAILABLE_AT_RUNTIME, pointer,
                    "`" + field + "` contains a `${…}` reference, but the operator and Flink read artifact URIs as written, so it would not be filled in.",
                    "Give the Flink pods access to the artifact store (workload identity or filesystem settings in `flinkConfiguration`) and write the URI without credentials.");
            return null;
        }
        if (Placeholders.usesJobId(value) && placeholders.jobId() == null) {
            ctx.report(Code.JOB_ID_NOT_KNOWN, pointer,
                    "`" + field + "` uses `{{ jobId }}`, but the job id of `" + ctx.name() + "` is not known when flinkops renders it.",
                    "Remove `{{ jobId }}` from the URI.");
            return null;
        }
        return placeholders.fill(value);
    }

    /** {@code mainArgs} split as a shell would; null (reported) when it cannot be split. */
    private static List<String> mainArgs(MappingContext ctx, String mainArgs, String pointer) {
        try {
            return ShellWords.split(mainArgs);
        } catch (ShellWords.SyntaxException e) {
            ctx.report(Code.INVALID_MAIN_ARGS, pointer, "`mainArgs` cannot be split into arguments: " + e.getMessage() + ".",
                    "Close the quote, or escape a literal quote with a backslash.");
            return null;
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
    }
}
