package io.flinkops.plan;

import io.flinkops.model.Artifact;
import io.flinkops.model.FieldPath;
import io.flinkops.model.FlinkVersions;
import io.flinkops.model.RepositorySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans the job part of an artifact: the URIs its kind runs, and what the operator's {@code job} gets. It judges
 * nothing: what cannot run (a reference in a URI, a jar Flink cannot fetch…) is for the rules to report; the parts
 * are built from what is there, so a revision with errors still renders best effort for {@code diff}.
 */
final class ArtifactPlanner {
    private static final Pattern PATCH_PREFIX = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    private ArtifactPlanner() {
    }

    /**
     * @param flinkVersion the Flink version of the cluster the job runs on
     * @param imageTag     the effective image tag (for the flink-python jar's name), or null
     */
    static ArtifactPlan plan(Artifact a, FieldPath pointer, boolean sessionJob, String flinkVersion, String imageTag,
                             Placeholders placeholders, RepositorySpec settings) {
        boolean remoteFetch = sessionJob || atLeast(flinkVersion, ArtifactPlan.REMOTE_ARTIFACTS_SINCE);
        if (a == null || a.kind() == null) return new ArtifactPlan(a, pointer, List.of(), Optional.empty(), remoteFetch, Optional.empty());
        if (sessionJob && a.kind().equals("SQLSCRIPT")) return sessionSql(a, pointer, placeholders.deploymentName(), settings);
        if (sessionJob && !a.kind().equals("JAR")) {
            // A FlinkSessionJob runs a jar (FO923 for PYTHON); none of its URIs is looked at.
            return new ArtifactPlan(a, pointer, List.of(), Optional.empty(), remoteFetch, Optional.empty());
        }
        List<ArtifactPlan.Uri> uris = new ArrayList<>();
        Optional<String> mainArgsProblem = Optional.empty();
        List<String> args = List.of();
        List<String> deps = a.kind().equals("PYTHON") ? List.of() : nonNull(a.additionalDependencies());
        List<String> artifactList = new ArrayList<>();
        if (a.kind().equals("JAR") && a.jarUri() != null) uris.add(new ArtifactPlan.Uri("jarUri", pointer.child("jarUri"), a.jarUri()));
        for (int i = 0; i < deps.size(); i++) {
            uris.add(new ArtifactPlan.Uri("additionalDependencies[" + i + "]", pointer.child("additionalDependencies").index(i), deps.get(i)));
            artifactList.add(placeholders.fill(deps.get(i)));
        }
        if (a.kind().equals("JAR")) {
            try {
                args = ShellWords.split(a.mainArgs());
            } catch (ShellWords.SyntaxException e) {
                mainArgsProblem = Optional.of(e.getMessage());
            }
        }
        Optional<ArtifactPlan.JobParts> parts = switch (a.kind()) {
            case "JAR" -> a.jarUri() == null ? Optional.empty()
                    : Optional.of(new ArtifactPlan.JobParts(placeholders.fill(a.jarUri()), a.entryClass(), args, artifactList, null));
            case "PYTHON" -> Optional.of(python(a, pointer, flinkVersion, imageTag, placeholders, uris));
            case "SQLSCRIPT" -> {
                RepositorySpec.SqlRunner runner = settings.sqlRunner();
                yield runner == null || runner.jarUri() == null || runner.entryClass() == null ? Optional.empty()
                        : Optional.of(new ArtifactPlan.JobParts(runner.jarUri(), runner.entryClass(), List.of(ArtifactPlan.SQL_PATH),
                        artifactList, a.sqlScript()));
            }
            default -> Optional.empty(); // the schema reports other kinds (FO104)
        };
        return new ArtifactPlan(a, pointer, List.copyOf(uris), mainArgsProblem, remoteFetch, parts);
    }

    /**
     * A SQL script on a session cluster: the FlinkSessionJob runs the SQL runner, which the operator downloads and
     * submits to the cluster; its {@code main} runs on the cluster's JobManager and reads the script from the
     * cluster's ConfigMap of scripts, mounted there ({@link ArtifactPlan#sessionSqlFile}). Extra artifacts are not
     * shipped to a running session cluster (FO923).
     */
    private static ArtifactPlan sessionSql(Artifact a, FieldPath pointer, String deploymentName, RepositorySpec settings) {
        Optional<String> runner = sessionRunner(settings.sqlRunner());
        Optional<ArtifactPlan.JobParts> parts = runner.isEmpty() || a.sqlScript() == null ? Optional.empty()
                : Optional.of(new ArtifactPlan.JobParts(runner.get(), settings.sqlRunner().entryClass(),
                List.of(ArtifactPlan.SQL_DIR + "/" + ArtifactPlan.sessionSqlFile(deploymentName, a.sqlScript())), List.of(), a.sqlScript()));
        return new ArtifactPlan(a, pointer, List.of(), Optional.empty(), true, parts);
    }

    /**
     * The SQL runner for FlinkSessionJobs: the operator downloads it and uploads it to the session cluster, so it must
     * be remote: {@code sessionJobJarUri}, else {@code jarUri} when that is not a file of the image.
     */
    static Optional<String> sessionRunner(RepositorySpec.SqlRunner runner) {
        if (runner == null || runner.entryClass() == null) return Optional.empty();
        if (runner.sessionJobJarUri() != null) return Optional.of(runner.sessionJobJarUri());
        return runner.jarUri() != null && !ArtifactPlan.isLocal(runner.jarUri()) ? Optional.of(runner.jarUri()) : Optional.empty();
    }

    /**
     * PyFlink's driver. The JobManager skips the job jar of a PyFlink job and finds {@code opt/flink-python*.jar}
     * itself, so {@code jarURI} only names that jar. A program URI ({@code .py} or {@code .zip}) and the extra
     * libraries become {@code -pyfs} (shipped to the Python workers and put on the PYTHONPATH), run with
     * {@code -pym} (the entry module, or the {@code .py} file's name); a {@code .py} file inside the image
     * without an entry module runs with {@code -py}; archives become {@code -pyarch}.
     */
    private static ArtifactPlan.JobParts python(Artifact a, FieldPath pointer, String flinkVersion, String imageTag, Placeholders placeholders,
                                                List<ArtifactPlan.Uri> uris) {
        String program = null;
        if (a.pythonArtifactUri() != null) {
            uris.add(new ArtifactPlan.Uri("pythonArtifactUri", pointer.child("pythonArtifactUri"), a.pythonArtifactUri()));
            program = placeholders.fill(a.pythonArtifactUri());
        }
        List<String> libs = files(nonNull(a.additionalPythonLibraries()), "additionalPythonLibraries", pointer, placeholders, uris);
        List<String> archives = files(nonNull(a.additionalPythonArchives()), "additionalPythonArchives", pointer, placeholders, uris);
        List<String> args = new ArrayList<>();
        List<String> pyFiles = new ArrayList<>();
        String module = a.entryModule();
        if (program != null) {
            if (module == null && ArtifactPlan.isLocal(program)) {
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
        return new ArtifactPlan.JobParts(pythonJar(flinkVersion, imageTag), ArtifactPlan.PYTHON_DRIVER, args, List.of(), null);
    }

    private static List<String> files(List<String> values, String field, FieldPath pointer, Placeholders placeholders, List<ArtifactPlan.Uri> uris) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            uris.add(new ArtifactPlan.Uri(field + "[" + i + "]", pointer.child(field).index(i), values.get(i)));
            out.add(fileUri(placeholders.fill(values.get(i))));
        }
        return out;
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

    private static String localPath(String uri) {
        String u = uri.replaceFirst("^(?i)(local|file):(//)?", "");
        return u.startsWith("/") ? u : "/" + u;
    }

    /** Flink's file systems know {@code file://}, not the operator's {@code local://}. */
    static String fileUri(String uri) {
        return uri.regionMatches(true, 0, "local://", 0, 8) ? "file://" + uri.substring(8) : uri;
    }

    /** Whether {@code flinkVersion} is {@code minimum} or newer; an unknown version counts as new (FO602 reports it). */
    static boolean atLeast(String flinkVersion, String minimum) {
        if (!FlinkVersions.isKnown(flinkVersion)) return true;
        int v = FlinkVersions.ALL.indexOf(flinkVersion);
        int m = FlinkVersions.ALL.indexOf(minimum);
        return v >= m;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(Objects::nonNull).toList();
    }
}
