package io.flinkops.load;

import io.flinkops.diag.Diagnostics;
import io.flinkops.source.SourceTree;
import io.flinkops.source.Sources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which unchecked namespaces could hold an object colliding with a checked one (FO203). */
class NeighboursTest {

    @TempDir
    Path root;

    @BeforeEach
    void setUp() throws IOException {
        write("flinkops.yaml", "apiVersion: v1\nkind: Repository\nmetadata: {name: r}\n");
        write("namespaces/a/targets.yaml", target("prod", "flink-shared"));
        write("namespaces/a/jobs/orders.yaml", deployment("orders"));
        write("namespaces/a/jobs/pool.yaml", "apiVersion: v1\nkind: SessionCluster\nmetadata: {name: pool}\n");
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String target(String name, String kubernetesNamespace) {
        return "apiVersion: v1\nkind: DeploymentTarget\nmetadata: {name: " + name + "}\nspec:\n  kubernetes:\n    namespace: " + kubernetesNamespace + "\n";
    }

    private static String deployment(String name) {
        return "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: " + name + "\nspec: {deploymentTargetName: prod}\n";
    }

    private Set<String> neighboursOfA() throws Exception {
        SourceTree tree = Sources.workingTree(root);
        LoadedRepo loaded = new Loader().load(tree, "a"::equals, new Diagnostics());
        return Neighbours.of(tree, loaded, "a"::equals);
    }

    @Test
    void aNamespaceWithATargetThereAndAnObjectOfTheSameNameIsANeighbour() throws Exception {
        write("namespaces/b/targets.yaml", target("main", "flink-shared"));
        write("namespaces/b/orders.yaml", deployment("orders"));
        write("namespaces/c/targets.yaml", target("main", "flink-shared"));
        write("namespaces/c/pool.yaml", "apiVersion: v1\nkind: SessionCluster\nmetadata: {name: pool}\n");
        assertEquals(Set.of("b", "c"), neighboursOfA());
    }

    @Test
    void aSharedKubernetesNamespaceAloneIsANeighbour_aSharedNameAloneIsNot() throws Exception {
        write("namespaces/b/targets.yaml", target("main", "flink-shared"));
        write("namespaces/b/orders.yaml", deployment("payments")); // another name; "orders" only in a comment below
        write("namespaces/b/notes.yaml", "# orders\napiVersion: v1\nkind: Deployment\nmetadata: {name: other}\n");
        write("namespaces/c/targets.yaml", target("main", "flink-c"));
        write("namespaces/c/orders.yaml", deployment("orders"));
        write("namespaces/d/targets.yaml", "# not a target: flink-shared\napiVersion: v1\nkind: Namespace\nmetadata: {name: DeploymentTarget}\n");
        write("namespaces/d/orders.yaml", deployment("orders"));
        // b places objects into flink-shared, which a's target uses: sharing it is a finding of its own (FO211).
        assertEquals(Set.of("b"), neighboursOfA());
    }

    @Test
    void escapeSequencesCannotHideANeighbour() throws Exception {
        write("namespaces/b/targets.yaml", "apiVersion: v1\nkind: \"Deployment\\x54arget\"\nmetadata: {name: main}\nspec:\n  kubernetes:\n    namespace: \"flink-sh\\x61red\"\n");
        write("namespaces/b/orders.yaml", "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: \"ord\\u0065rs\"\n");
        assertEquals(Set.of("b"), neighboursOfA());
    }

    @Test
    void theTargetAndTheObjectMayBeInOneFileOrInSeveralDocuments() throws Exception {
        write("namespaces/b/all.yaml", target("main", "flink-shared") + "---\n" + deployment("orders"));
        assertEquals(Set.of("b"), neighboursOfA());
    }
}
