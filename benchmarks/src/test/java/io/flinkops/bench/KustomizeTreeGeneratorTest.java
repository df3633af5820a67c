package io.flinkops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeTreeGeneratorTest {

    @Test
    void sameSeedSameTree(@TempDir Path a, @TempDir Path b) throws IOException {
        new KustomizeTreeGenerator(30, 4, 7).writeTo(a);
        new KustomizeTreeGenerator(30, 4, 7).writeTo(b);
        assertEquals(contents(a), contents(b));
    }

    @Test
    void eachNamespaceOverlayListsItsDeploymentsAndTheExpectedListHasThemAll(@TempDir Path dir) throws IOException {
        new KustomizeTreeGenerator(30, 4, 7).writeTo(dir);
        Map<String, String> files = contents(dir);
        for (int n = 0; n < 4; n++) {
            String ns = RepoGenerator.namespaceName(n);
            String kustomization = files.get("namespaces/" + ns + "/kustomization.yaml");
            assertTrue(kustomization.contains("namespace: flink-" + ns + "\n"), kustomization);
            List<String> deployments = files.keySet().stream().filter(p -> p.startsWith("namespaces/" + ns + "/deployments/")).toList();
            assertEquals(n < 2 ? 8 : 7, deployments.size());
            for (String d : deployments) {
                assertTrue(kustomization.contains("  - " + d.substring(("namespaces/" + ns + "/").length()) + "\n"), d);
                assertTrue(files.get(d).startsWith("apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n"), d);
            }
            assertTrue(files.get("kustomization.yaml").contains("  - namespaces/" + ns + "\n"));
        }
        List<String> expected = files.get("expected-flinkdeployments.txt").lines().toList();
        assertEquals(30, expected.size());
        assertEquals(expected.stream().sorted().toList(), expected);
        assertTrue(expected.stream().allMatch(l -> l.matches("flink-team-00[0-3] [a-z]+-[a-z]+-000[0-9][0-9]")), expected.toString());
    }

    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }
}
