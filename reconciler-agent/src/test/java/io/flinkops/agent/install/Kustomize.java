package io.flinkops.agent.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds kustomizations with the real {@code kubectl kustomize} of this machine (kustomize's own loader, transformers and
 * ID checks, not a re-implementation) and parses the output. Nothing here talks to a cluster.
 */
final class Kustomize {
    private static final ObjectMapper YAML = new YAMLMapper();

    /** reconciler-agent/deploy: tests run in the module's folder (surefire's default working directory). */
    static final Path DEPLOY = Path.of("deploy").toAbsolutePath().normalize();

    private final Path kubectl;

    private Kustomize(Path kubectl) {
        this.kubectl = kubectl;
    }

    /** kubectl from {@code $KUBECTL} or the PATH, or empty when there is none. */
    static Optional<Kustomize> find() {
        String explicit = System.getenv("KUBECTL");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? Optional.of(new Kustomize(p)) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path p = Path.of(dir, "kubectl");
            if (Files.isExecutable(p)) return Optional.of(new Kustomize(p));
        }
        return Optional.empty();
    }

    Path kubectl() {
        return kubectl;
    }

    /** What {@code kubectl kustomize dir} printed: its objects, or the error it failed with. */
    record Result(int exitCode, List<JsonNode> objects, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Builds {@code dir}; fails the test when kubectl does not finish in a minute. */
    Result run(Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize-out", ".yaml");
        Path err = Files.createTempFile("kustomize-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            // kustomize never needs a cluster; an empty kubeconfig makes sure nothing is looked up.
            pb.environment().put("KUBECONFIG", "/dev/null");
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish within 60 s");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) return new Result(p.exitValue(), List.of(), stderr);
            List<JsonNode> objects = new ArrayList<>();
            try (var parser = new YAMLFactory().createParser(out.toFile())) {
                var it = YAML.readValues(parser, JsonNode.class);
                while (it.hasNext()) {
                    JsonNode o = it.next();
                    if (o != null && !o.isNull() && !o.isMissingNode()) objects.add(o);
                }
            }
            return new Result(0, objects, stderr);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Builds {@code dir}, which must build. */
    List<JsonNode> build(Path dir) throws IOException, InterruptedException {
        Result r = run(dir);
        if (!r.ok()) throw new AssertionError("kubectl kustomize " + DEPLOY.relativize(dir) + " failed (exit " + r.exitCode() + "):\n" + r.stderr());
        return r.objects();
    }

    /** Every folder under deploy/ with a kustomization.yaml (bases, components, examples, per-namespace folders), sorted. */
    static List<Path> allKustomizations() throws IOException {
        try (Stream<Path> s = Files.walk(DEPLOY)) {
            return s.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent).sorted().toList();
        }
    }

    /** The complete installs: each folder directly under deploy/examples. */
    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(DEPLOY.resolve("examples"))) {
            return s.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml"))).sorted().toList();
        }
    }

    /** {@code deployPath} (under deploy/) as a kustomization in {@code dir} must name it: relative (kustomize refuses absolute roots). */
    static String from(Path dir, String deployPath) {
        return dir.toAbsolutePath().relativize(DEPLOY.resolve(deployPath)).toString();
    }

    /** Writes {@code kustomization} into {@code dir} (a variant the repo does not ship); returns {@code dir}. */
    static Path write(Path dir, String kustomization) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization, StandardCharsets.UTF_8);
        return dir;
    }
}
