package io.flinkops.cli;

import io.flinkops.testing.CliRun;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code flinkops import} as a user runs it: what it writes, when it refuses, its exit codes. */
class ImportCommandTest {
    @TempDir
    Path tmp;

    private static String example(String name) {
        return TestRepos.projectRoot().resolve("compiler/src/test/resources/import/operator-examples").resolve(name).toString();
    }

    @Test
    void writesAConfigRepoThatValidates() {
        Path out = tmp.resolve("repo");
        CliRun run = CliRun.of("import", example("basic.yaml"), example("pod-template.yaml"), "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("2 manifests: 0 identical, 2 with explained differences only, 0 unexplained differences."), run.out());
        assertTrue(run.out().endsWith("Wrote 5 files to " + out + ".\n"), run.out());
        CliRun validate = CliRun.of("validate", out.toString());
        assertEquals(ExitCode.OK, validate.exitCode(), validate.out());
        assertEquals("No problems found.\n", validate.out());
    }

    @Test
    void unusableInputWritesNothing() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(in.resolve("broken.yaml"), """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: a
                spec: {}
                """);
        Files.writeString(in.resolve("nameless.yaml"), """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  namespace: flink
                spec:
                  job: {jarURI: local:///opt/flink/usrlib/job.jar}
                ---
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata:
                  name: My.Job
                spec: {}
                """);
        Path out = tmp.resolve("repo");
        CliRun run = CliRun.of("import", in.toString(), "--out", out.toString());
        assertEquals(ExitCode.CONFIG_ERRORS, run.exitCode(), run.err());
        assertFalse(Files.exists(out), "nothing may be written");
        assertEquals("", run.out());
        assertTrue(run.err().contains("error[FO001]"), run.err());
        assertTrue(run.err().contains("broken.yaml:3:11"), run.err());
        assertTrue(run.err().contains("error[FO102]: The FlinkDeployment has no `metadata.name`."), run.err());
        assertTrue(run.err().contains("nameless.yaml:3:1"), run.err());
        assertTrue(run.err().contains("error[FO201]: `My.Job` cannot be the name"), run.err());
        assertTrue(run.err().contains("nameless.yaml:11:9"), run.err());
        assertTrue(run.err().contains("nothing was written to " + out), run.err());
        assertFalse(run.showsStackTrace(), run.err());
    }

    @Test
    void documentsWithoutKindAreToldByShapeOrByTheKindOption() throws Exception {
        Path target = tmp.resolve("target.json");
        Files.writeString(target, "{\"metadata\": {\"name\": \"jobs\", \"namespace\": \"team\"}, \"spec\": {\"kubernetes\": {\"namespace\": \"flink-team\"}}}\n");
        CliRun byShape = CliRun.of("import", target.toString(), "--out", tmp.resolve("a").toString());
        assertEquals(ExitCode.OK, byShape.exitCode(), byShape.err() + byShape.out());
        assertTrue(Files.readString(tmp.resolve("a/namespaces/team/targets.yaml")).contains("(kind DeploymentTarget from its shape)"));

        Path unclear = tmp.resolve("unclear.yaml");
        Files.writeString(unclear, "metadata:\n  name: x\nspec:\n  foo: 1\n");
        CliRun unknown = CliRun.of("import", unclear.toString(), "--out", tmp.resolve("b").toString());
        assertEquals(ExitCode.CONFIG_ERRORS, unknown.exitCode());
        assertTrue(unknown.err().contains("error[FO011]") && unknown.err().contains("--kind"), unknown.err());
        assertFalse(Files.exists(tmp.resolve("b")));

        CliRun badOption = CliRun.of("import", unclear.toString(), "--out", tmp.resolve("c").toString(), "--kind", "Pod");
        assertEquals(ExitCode.USAGE, badOption.exitCode());
        assertTrue(badOption.err().contains("--kind `Pod` is not one of"), badOption.err());
    }

    @Test
    void neverOverwritesWithoutForce() throws Exception {
        Path out = tmp.resolve("repo");
        assertEquals(ExitCode.OK, CliRun.of("import", example("basic.yaml"), "--out", out.toString()).exitCode());
        Path deployment = out.resolve("namespaces/default/deployments/basic-example.yaml");
        Files.writeString(deployment, Files.readString(deployment).replace("parallelism: 2", "parallelism: 3"));
        CliRun again = CliRun.of("import", example("basic.yaml"), "--out", out.toString());
        assertEquals(ExitCode.CONFIG_ERRORS, again.exitCode(), again.out());
        assertTrue(again.err().contains("The config repo has Deployment basic-example of namespace default already"), again.err());
        assertTrue(again.err().contains("--force"), again.err());
        assertTrue(Files.readString(deployment).contains("parallelism: 3"), "the user's change is kept");

        CliRun forced = CliRun.of("import", example("basic.yaml"), "--out", out.toString(), "--force");
        assertEquals(ExitCode.OK, forced.exitCode(), forced.err() + forced.out());
        assertTrue(Files.readString(deployment).contains("parallelism: 2"));
    }

    @Test
    void addsToAnExistingRepoWithoutInheritingItsDefaults() throws Exception {
        Path repo = tmp.resolve("repo");
        assertEquals(ExitCode.OK, CliRun.of("init", repo.toString()).exitCode());
        CliRun run = CliRun.of("import", example("basic.yaml"), "--out", repo.toString(), "--namespace", "example", "--target-namespace", "flink-example");
        assertEquals(ExitCode.OK, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("(an existing config repo)"), run.out());
        assertTrue(run.out().contains("Inherited defaults removed with `null`"), run.out());
        assertTrue(run.out().contains("Deployment example/basic-example: template.spec.numberOfTaskManagers"), run.out());
        assertTrue(run.out().contains("0 unexplained differences"), run.out());
        // The scaffold's target for flink-example is reused; nothing else of the repo is touched.
        assertTrue(Files.readString(repo.resolve("namespaces/example/deployments/basic-example.yaml")).contains("deploymentTargetName: example"));
        assertEquals(ExitCode.OK, CliRun.of("validate", repo.toString()).exitCode());
    }

    @Test
    void dryRunWritesNothingAndTheSameInputGivesTheSameBytes() throws Exception {
        String examples = TestRepos.projectRoot().resolve("compiler/src/test/resources/import/kubectl-export").toString();
        CliRun dry = CliRun.of("import", examples, "--out", tmp.resolve("dry").toString(), "--dry-run");
        assertEquals(ExitCode.OK, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("Dry run: nothing written"), dry.out());
        assertFalse(Files.exists(tmp.resolve("dry")));

        assertEquals(ExitCode.OK, CliRun.of("import", examples, "--out", tmp.resolve("one").toString()).exitCode());
        assertEquals(ExitCode.OK, CliRun.of("import", examples, "--out", tmp.resolve("two").toString()).exitCode());
        Map<String, byte[]> one = files(tmp.resolve("one"));
        Map<String, byte[]> two = files(tmp.resolve("two"));
        assertEquals(one.keySet(), two.keySet());
        one.forEach((path, bytes) -> assertArrayEquals(bytes, two.get(path), path));
    }

    @Test
    void sessionJobJarSchemesAreDeclaredForTheOperator() throws Exception {
        Path in = tmp.resolve("session.yaml");
        Files.writeString(in, """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkDeployment
                metadata: {name: shared, namespace: flink}
                spec:
                  image: flink:1.20
                  flinkVersion: v1_20
                  serviceAccount: flink
                  jobManager: {resource: {cpu: 1, memory: 1g}}
                  taskManager: {resource: {cpu: 1, memory: 1g}}
                ---
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: orders, namespace: flink}
                spec:
                  deploymentName: shared
                  job: {jarURI: "s3://bucket/orders.jar", parallelism: 1}
                """);
        Path out = tmp.resolve("repo");
        CliRun run = CliRun.of("import", in.toString(), "--out", out.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.err() + run.out());
        assertTrue(Files.readString(out.resolve("flinkops.yaml")).contains("""
                  operator:
                    version: "1.15"
                    allowedJarSchemes:
                      - https
                      - s3
                """), Files.readString(out.resolve("flinkops.yaml")));
        assertTrue(run.out().contains("2 manifests: 1 identical, 1 with explained differences only, 0 unexplained differences."), run.out());
    }

    @Test
    void usageErrors() {
        CliRun missing = CliRun.of("import", tmp.resolve("nope.yaml").toString(), "--out", tmp.resolve("repo").toString());
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        CliRun noOut = CliRun.of("import", example("basic.yaml"));
        assertEquals(ExitCode.USAGE, noOut.exitCode());
        CliRun badNamespace = CliRun.of("import", example("basic.yaml"), "--out", tmp.resolve("r").toString(), "--namespace", "Team_A");
        assertEquals(ExitCode.USAGE, badNamespace.exitCode());
    }

    private static Map<String, byte[]> files(Path root) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) out.put(root.relativize(p).toString(), Files.readAllBytes(p));
        }
        return out;
    }
}
