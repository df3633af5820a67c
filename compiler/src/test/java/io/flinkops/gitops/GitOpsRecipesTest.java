package io.flinkops.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GitOps recipes of docs/gitops.md (examples/gitops), run as far as this machine allows: no Argo CD, Flux or
 * cluster here, but the plugin's generate command runs as Argo CD's repo server would run it, the repo-server patch
 * and the rendered folders are built by the real kustomize (`kubectl kustomize`, as Argo CD and Flux's
 * kustomize-controller build them), and the rendered-manifests script runs against a real Git repository.
 * Tests that need `kubectl` or `git` on the PATH are skipped with a message saying so when it is missing.
 */
class GitOpsRecipesTest {
    private static final Path RECIPES = TestRepos.examplesRepo().getParent().resolve("gitops");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path tmp;

    @Test
    void everyRecipeFileIsYamlOfTheKindItsToolExpects() throws IOException {
        Map<String, String> kinds = Map.of(
                "argocd/plugin.yaml", "ConfigManagementPlugin",
                "argocd/application.yaml", "Application",
                "argocd/repo-server-patch.yaml", "Deployment",
                "argocd/kustomization.yaml", "Kustomization",
                "flux/gitrepository.yaml", "GitRepository",
                "flux/flink-prod-eu.yaml", "Kustomization",
                "rendered-manifests/github-workflow.yaml", "");
        try (Stream<Path> files = Files.walk(RECIPES)) {
            Set<String> yamlFiles = new HashSet<>();
            files.filter(p -> p.toString().endsWith(".yaml")).forEach(p -> yamlFiles.add(RECIPES.relativize(p).toString()));
            assertEquals(kinds.keySet(), yamlFiles, "every recipe file is checked here");
        }
        kinds.forEach((file, kind) -> assertEquals(kind, read(RECIPES.resolve(file)).path("kind").asText(), file));
    }

    @Test
    void theArgoCdPluginPrintsTheManifestsOfItsClusterAndNothingElse() throws Exception {
        JsonNode plugin = read(RECIPES.resolve("argocd/plugin.yaml"));
        assertTrue(Files.exists(TestRepos.examplesRepo().resolve(plugin.path("spec").path("discover").path("fileName").asText())),
                "Argo CD discovers a config repo by a file it has");
        List<String> command = new ArrayList<>();
        plugin.path("spec").path("generate").path("command").forEach(c -> command.add(c.asText()));
        plugin.path("spec").path("generate").path("args").forEach(c -> command.add(c.asText()));
        assertEquals(List.of("sh", "-c"), command.subList(0, 2));

        // Argo CD runs the command in the Application's source folder, with plugin.env as ARGOCD_ENV_* variables.
        Path repo = tmp.resolve("repo");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        Map<String, String> env = withFlinkopsOnPath();
        env.put("ARGOCD_ENV_FLINKOPS_CLUSTER", "staging");
        Result generated = run(command, repo, env);
        assertEquals(0, generated.exit(), generated.err());
        assertEquals(CliRun.of("render", repo.toString(), "--out", "-", "--cluster", "staging").out(), generated.out());
        assertFalse(documents(generated.out()).isEmpty());

        // A config repo with errors: exit 1 and an empty stream, so Argo CD shows the error and applies nothing.
        Path broken = tmp.resolve("broken");
        TestRepos.copyTree(TestRepos.projectRoot().resolve("compiler/src/test/resources/fixtures/broken-repo"), broken);
        env.put("ARGOCD_ENV_FLINKOPS_CLUSTER", "default");
        Result failed = run(command, broken, env);
        assertNotEquals(0, failed.exit());
        assertEquals("", failed.out());
        assertTrue(failed.err().contains("nothing was written"), failed.err());

        JsonNode application = read(RECIPES.resolve("argocd/application.yaml"));
        assertEquals(plugin.path("metadata").path("name").asText() + "-" + plugin.path("spec").path("version").asText(),
                application.path("spec").path("source").path("plugin").path("name").asText(), "Argo CD names a versioned plugin <name>-<version>");
    }

    @Test
    void theRepoServerPatchAddsTheSidecarWithEveryVolumeItMounts() throws Exception {
        String kubectl = kubectl();
        // Argo CD's install is fetched from the network, so the overlay is built here on a stand-in for its
        // argocd-repo-server, with the volumes Argo CD's own manifest gives it (var-files, plugins).
        Path overlay = Files.createDirectories(tmp.resolve("argocd"));
        Files.copy(RECIPES.resolve("argocd/plugin.yaml"), overlay.resolve("plugin.yaml"));
        Files.copy(RECIPES.resolve("argocd/repo-server-patch.yaml"), overlay.resolve("repo-server-patch.yaml"));
        Files.writeString(overlay.resolve("install.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: argocd-repo-server
                spec:
                  selector:
                    matchLabels: {app.kubernetes.io/name: argocd-repo-server}
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: argocd-repo-server}
                    spec:
                      containers:
                        - name: argocd-repo-server
                          image: quay.io/argoproj/argocd:v2.14.11
                      volumes:
                        - name: var-files
                          emptyDir: {}
                        - name: plugins
                          emptyDir: {}
                """);
        String kustomization = Files.readString(RECIPES.resolve("argocd/kustomization.yaml"))
                .replaceAll("https://raw\\.githubusercontent\\.com/argoproj/argo-cd/\\S+/manifests/install\\.yaml", "install.yaml");
        assertTrue(kustomization.contains("- install.yaml"), "the recipe installs Argo CD from its release manifest");
        Files.writeString(overlay.resolve("kustomization.yaml"), kustomization);

        Result built = run(List.of(kubectl, "kustomize", overlay.toString()), tmp, new HashMap<>(System.getenv()));
        assertEquals(0, built.exit(), built.err());
        List<JsonNode> objects = documents(built.out());
        JsonNode configMap = objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")).findFirst().orElseThrow();
        assertEquals("flinkops-cmp-plugin", configMap.path("metadata").path("name").asText());
        assertEquals("argocd", configMap.path("metadata").path("namespace").asText());
        assertEquals(Files.readString(RECIPES.resolve("argocd/plugin.yaml")), configMap.path("data").path("plugin.yaml").asText());

        JsonNode pod = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow()
                .path("spec").path("template").path("spec");
        JsonNode sidecar = null;
        for (JsonNode c : pod.path("containers")) if (c.path("name").asText().equals("flinkops")) sidecar = c;
        assertTrue(sidecar != null, "the patch adds the flinkops container beside Argo CD's");
        assertEquals(2, pod.path("containers").size(), "and keeps Argo CD's own");
        assertEquals("/var/run/argocd/argocd-cmp-server", sidecar.path("command").path(0).asText());
        assertTrue(sidecar.path("securityContext").path("runAsNonRoot").asBoolean());
        Set<String> volumes = new HashSet<>();
        pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        Set<String> mountPaths = new HashSet<>();
        for (JsonNode mount : sidecar.path("volumeMounts")) {
            assertTrue(volumes.contains(mount.path("name").asText()), "volume " + mount.path("name").asText() + " exists");
            mountPaths.add(mount.path("mountPath").asText());
        }
        // Where Argo CD's cmp-server looks for its binary, its socket folder and the plugin's configuration.
        assertTrue(mountPaths.containsAll(Set.of("/var/run/argocd", "/home/argocd/cmp-server/plugins",
                "/home/argocd/cmp-server/config/plugin.yaml")), mountPaths::toString);
    }

    @Test
    void fluxBuildsTheRenderedFolderOfACluster() throws Exception {
        String kubectl = kubectl();
        Path out = tmp.resolve("out");
        CliRun rendered = CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", out.toString());
        assertEquals(0, rendered.exitCode(), rendered.err());

        JsonNode flux = read(RECIPES.resolve("flux/flink-prod-eu.yaml"));
        Path folder = out.resolve(flux.path("spec").path("path").asText()).normalize();
        assertTrue(Files.isRegularFile(folder.resolve("kustomization.yaml")), "the Flux Kustomization's path is a rendered cluster folder");
        assertEquals(read(RECIPES.resolve("flux/gitrepository.yaml")).path("metadata").path("name").asText(),
                flux.path("spec").path("sourceRef").path("name").asText());
        assertEquals("rendered", read(RECIPES.resolve("flux/gitrepository.yaml")).path("spec").path("ref").path("branch").asText(),
                "Flux reads the branch render-branch.sh writes");

        // Flux's kustomize-controller builds the folder like `kubectl kustomize`: the same objects as the stream.
        Result built = run(List.of(kubectl, "kustomize", folder.toString()), tmp, new HashMap<>(System.getenv()));
        assertEquals(0, built.exit(), built.err());
        String cluster = folder.getFileName().toString();
        List<JsonNode> streamed = documents(CliRun.of("render", TestRepos.examplesRepo().toString(), "--out", "-", "--cluster", cluster).out());
        assertEquals(Set.copyOf(streamed), Set.copyOf(documents(built.out())));
        assertEquals(streamed.size(), documents(built.out()).size());
    }

    @Test
    void theRenderedBranchGetsACommitOnlyWhenTheManifestsChange() throws Exception {
        String git = onPath("git");
        Path repo = tmp.resolve("config");
        TestRepos.copyTree(TestRepos.examplesRepo(), repo);
        Map<String, String> env = withFlinkopsOnPath();
        env.putAll(Map.of("GIT_AUTHOR_NAME", "ci", "GIT_AUTHOR_EMAIL", "ci@example.com", "GIT_COMMITTER_NAME", "ci",
                "GIT_COMMITTER_EMAIL", "ci@example.com", "GIT_CONFIG_NOSYSTEM", "1", "HOME", tmp.toString()));
        gitOk(git, repo, env, "init", "--quiet", "--initial-branch=main");
        gitOk(git, repo, env, "add", "--all");
        gitOk(git, repo, env, "commit", "--quiet", "-m", "examples");
        List<String> script = List.of("bash", RECIPES.resolve("rendered-manifests/render-branch.sh").toString(), ".");

        Result first = run(script, repo, env);
        assertEquals(0, first.exit(), first.err());
        String head = gitOk(git, repo, env, "rev-parse", "HEAD").trim();
        assertEquals("Render " + head, gitOk(git, repo, env, "log", "-1", "--format=%s", "rendered").trim());
        assertTrue(gitOk(git, repo, env, "ls-tree", "-r", "--name-only", "rendered").contains("prod-eu/kustomization.yaml"));

        // A commit that changes no deployment's inputs: no new commit on the rendered branch.
        Files.writeString(repo.resolve("README.md"), "# ACME's Flink jobs\n");
        gitOk(git, repo, env, "add", "--all");
        gitOk(git, repo, env, "commit", "--quiet", "-m", "readme");
        Result unchanged = run(script, repo, env);
        assertEquals(0, unchanged.exit(), unchanged.err());
        assertTrue(unchanged.out().contains("nothing to commit"), unchanged.out());
        assertEquals("1", gitOk(git, repo, env, "rev-list", "--count", "rendered").trim());

        // A change to one deployment: one commit that changes its one file.
        Path job = repo.resolve("namespaces/analytics/deployments/dashboard-signups-per-hour.yaml");
        Files.writeString(job, Files.readString(job).replace("parallelism: 2", "parallelism: 4"));
        gitOk(git, repo, env, "commit", "--quiet", "-am", "more parallelism");
        Result changed = run(script, repo, env);
        assertEquals(0, changed.exit(), changed.err());
        assertEquals("2", gitOk(git, repo, env, "rev-list", "--count", "rendered").trim());
        List<String> files = gitOk(git, repo, env, "diff", "--name-only", "rendered~1", "rendered").lines().toList();
        assertEquals(1, files.size(), files::toString);
        assertTrue(files.get(0).endsWith("-dashboard-signups-per-hour.yaml"), files::toString);
        String self = "worktree " + repo.toRealPath();
        assertEquals(List.of(self), gitOk(git, repo, env, "worktree", "list", "--porcelain").lines().filter(l -> l.startsWith("worktree ")).toList(),
                "the script removes its worktree");
    }

    // ---- helpers

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError(file + " is not YAML: " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> documents(String stream) throws IOException {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(stream)) {
            return it.readAll().stream().filter(d -> !d.isNull() && !d.isMissingNode()).toList();
        }
    }

    /** The environment with a `flinkops` command first on the PATH that runs this build's CLI (the tests' classpath). */
    private Map<String, String> withFlinkopsOnPath() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path launcher = bin.resolve("flinkops");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
                + System.getProperty("java.class.path") + "' io.flinkops.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    private static String kubectl() {
        return onPath("kubectl");
    }

    /** The command's path, or the test is skipped, saying what is not covered. */
    private static String onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(p)) return p.toString();
        }
        String message = "SKIPPED: `" + command + "` is not on the PATH, so this GitOps recipe is not checked with the real tool";
        System.err.println(message);
        assumeTrue(false, message);
        return command;
    }

    private String gitOk(String git, Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(git));
        command.addAll(List.of(args));
        Result r = run(command, dir, env);
        assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.err());
        return r.out();
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(List<String> command, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
