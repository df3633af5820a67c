package io.flinkops.render.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.flinkops.Compilation;
import io.flinkops.Compiler;
import io.flinkops.emit.ManifestWriter;
import io.flinkops.render.Ownership;
import io.flinkops.render.RenderOutput;
import io.flinkops.render.RenderedObject;
import io.flinkops.source.Sources;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RbacResourcesTest {
    private static final Set<String> RBAC_KINDS = Set.of("ServiceAccount", "Role", "RoleBinding");

    @TempDir
    Path repo;

    /**
     * The golden cases' base repo (namespace {@code team}: owner user:owner@example.com, deployment {@code job}
     * in flink-prod on cluster default) plus:
     * <ul>
     *   <li>{@code other}: members in every role, deploying into flink-prod as well (deployment other-job) and
     *       into flink-stage on cluster staging (other-stage);</li>
     *   <li>{@code bare}: no namespace.yaml, deployment solo in flink-bare.</li>
     * </ul>
     */
    @BeforeEach
    void fixture() throws Exception {
        TestRepos.copyTree(TestRepos.projectRoot().resolve("compiler/src/test/resources/cases/_base/input"), repo);
        String flinkops = Files.readString(repo.resolve("flinkops.yaml"));
        write("flinkops.yaml", flinkops.replace("    - name: default\n", "    - name: default\n    - name: staging\n")
                + "    sharedKubernetesNamespaces: [\"flink-prod\"]\n");
        write("namespaces/other/namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: other
                spec:
                  roleBindings:
                    - role: viewer
                      members: ["group:other-readers", "system:authenticated"]
                    - role: editor
                      members: ["user:bob"]
                    - role: owner
                      members: ["group:acme/other-leads"]
                    - role: viewer
                      members: ["group:other-readers", "user:carol@example.com"]
                """);
        write("namespaces/other/targets.yaml", target("prod", "default", "flink-prod") + "---\n" + target("stage", "staging", "flink-stage"));
        write("namespaces/other/other-job.yaml", deployment("other-job", "prod"));
        write("namespaces/other/other-stage.yaml", deployment("other-stage", "stage"));
        write("namespaces/bare/targets.yaml", target("t", "default", "flink-bare"));
        write("namespaces/bare/solo.yaml", deployment("solo", "t"));
    }

    @Test
    void everyObjectIsStrictlyAFabric8ObjectAndCarriesItsCluster() {
        for (RenderedObject o : rbac(render(Optional.empty()))) {
            HasMetadata model = switch (o.kind()) {
                case "ServiceAccount" -> StrictModel.read(o.content(), ServiceAccount.class);
                case "Role" -> StrictModel.read(o.content(), Role.class);
                case "RoleBinding" -> StrictModel.read(o.content(), RoleBinding.class);
                default -> throw new AssertionError(o.kind());
            };
            assertEquals(o.apiVersion(), model.getApiVersion());
            assertEquals(o.name(), model.getMetadata().getName());
            assertEquals(o.namespace(), model.getMetadata().getNamespace());
            assertTrue(model.getMetadata().getName().length() <= 253 && model.getMetadata().getName().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
            Map<String, String> labels = model.getMetadata().getLabels();
            assertEquals("flinkops", labels.get(Ownership.MANAGED_BY));
            assertEquals(o.cluster(), labels.get(Ownership.CLUSTER));
        }
    }

    @Test
    void theFlinkServiceAccountGoesIntoEveryKubernetesNamespaceWithAFlinkDeploymentOnce() {
        RenderOutput out = render(Optional.empty());
        assertEquals(Map.of(
                "default/flink-bare", List.of("Role flinkops-flink", "RoleBinding flinkops-flink", "ServiceAccount flinkops-flink"),
                "default/flink-prod", List.of(
                        "Role flinkops-flink", "Role flinkops-other-editor", "Role flinkops-other-owner", "Role flinkops-other-viewer",
                        "Role flinkops-team-owner",
                        "RoleBinding flinkops-flink", "RoleBinding flinkops-other-editor", "RoleBinding flinkops-other-owner",
                        "RoleBinding flinkops-other-viewer", "RoleBinding flinkops-team-owner",
                        "ServiceAccount flinkops-flink"),
                "staging/flink-stage", List.of(
                        "Role flinkops-flink", "Role flinkops-other-editor", "Role flinkops-other-owner", "Role flinkops-other-viewer",
                        "RoleBinding flinkops-flink", "RoleBinding flinkops-other-editor", "RoleBinding flinkops-other-owner",
                        "RoleBinding flinkops-other-viewer",
                        "ServiceAccount flinkops-flink")),
                byPlace(rbac(out)));
        // Two flinkops namespaces in flink-prod share one Flink service account, whose Role names both JobManagers.
        Role flink = role(out, "default", "flink-prod", FlinkServiceAccount.NAME);
        assertTrue(Rbac.allows(flink, "apps", "deployments", "get", "job"));
        assertTrue(Rbac.allows(flink, "apps", "deployments", "get", "other-job"));
        assertFalse(Rbac.allows(flink, "apps", "deployments", "get", "solo"));
        RoleBinding binding = binding(out, "default", "flink-prod", FlinkServiceAccount.NAME);
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals(FlinkServiceAccount.NAME, binding.getRoleRef().getName());
        assertEquals(List.of("ServiceAccount flinkops-flink flink-prod"), subjects(binding));
        // Shared objects belong to no flinkops namespace; the file is written once.
        assertFalse(flink.getMetadata().getLabels().containsKey(Ownership.NAMESPACE));
        assertEquals(1, ManifestWriter.files(out).keySet().stream().filter(f -> f.equals("default/flink-prod/role-flinkops-flink.yaml")).count());
    }

    @Test
    void membersOfTwoNamespacesInOneKubernetesNamespaceGetSeparateRolesOverTheirOwnServices() {
        RenderOutput out = render(Optional.empty());
        Role team = role(out, "default", "flink-prod", "flinkops-team-owner");
        Role other = role(out, "default", "flink-prod", "flinkops-other-owner");
        assertTrue(Rbac.allows(team, "", "services", "get", "job-rest"));
        assertFalse(Rbac.allows(team, "", "services", "get", "other-job-rest"));
        assertTrue(Rbac.allows(other, "", "services", "get", "other-job-rest"));
        assertFalse(Rbac.allows(other, "", "services", "get", "job-rest"));
        assertEquals("team", team.getMetadata().getLabels().get(Ownership.NAMESPACE));
        assertEquals("namespaces/team/namespace.yaml", team.getMetadata().getAnnotations().get(Ownership.SOURCE_FILE));
        assertEquals("other", other.getMetadata().getLabels().get(Ownership.NAMESPACE));
        assertEquals(List.of("User owner@example.com"), subjects(binding(out, "default", "flink-prod", "flinkops-team-owner")));
    }

    @Test
    void membersBecomeUsersAndGroupsAndRepeatedBindingsMerge() {
        RenderOutput out = render(Optional.empty());
        assertEquals(List.of("Group other-readers", "Group system:authenticated", "User carol@example.com"),
                subjects(binding(out, "default", "flink-prod", "flinkops-other-viewer")));
        assertEquals(List.of("User bob"), subjects(binding(out, "default", "flink-prod", "flinkops-other-editor")));
        assertEquals(List.of("Group acme/other-leads"), subjects(binding(out, "staging", "flink-stage", "flinkops-other-owner")));
        RoleBinding viewer = binding(out, "default", "flink-prod", "flinkops-other-viewer");
        assertEquals("flinkops-other-viewer", viewer.getRoleRef().getName());
        assertEquals("rbac.authorization.k8s.io", viewer.getRoleRef().getApiGroup());
        viewer.getSubjects().forEach(s -> assertEquals("rbac.authorization.k8s.io", s.getApiGroup()));
    }

    @Test
    void aNamespaceWithoutNamespaceYamlGetsNoMemberRoles() {
        List<RenderedObject> bare = rbac(render(Optional.empty())).stream().filter(o -> o.namespace().equals("flink-bare")).toList();
        assertEquals(3, bare.size());
        assertTrue(bare.stream().allMatch(o -> o.name().equals(FlinkServiceAccount.NAME)));
    }

    @Test
    void renderingOneClusterGivesOnlyThatClustersObjects() {
        RenderOutput out = render(Optional.of("staging"));
        assertEquals(Set.of("staging"), out.clusters().keySet());
        List<RenderedObject> objects = rbac(out);
        assertEquals(9, objects.size());
        for (RenderedObject o : objects) {
            assertEquals("staging", o.cluster());
            assertEquals("flink-stage", o.namespace());
            assertEquals("staging", o.content().at("/metadata/labels").get(Ownership.CLUSTER).asText());
        }
    }

    @Test
    void theOutputIsByteStable() {
        assertEquals(ManifestWriter.files(render(Optional.empty())), ManifestWriter.files(render(Optional.empty())));
    }

    @Test
    void theExamplesRepoRendersValidObjectsForEveryCluster() throws Exception {
        Compilation c = new Compiler().compile(Sources.workingTree(TestRepos.examplesRepo()));
        assertTrue(c.output().isPresent(), () -> c.diagnostics().sorted().toString());
        RenderOutput out = c.output().get();
        Map<String, List<String>> places = byPlace(rbac(out));
        assertEquals(Set.of("prod-eu/bi-streaming", "prod-eu/flink-analytics", "prod-eu/flink-payments", "prod-eu/flink-sql",
                "staging/flink-analytics-staging", "staging/flink-sql-staging"), places.keySet());
        for (RenderedObject o : rbac(out)) {
            switch (o.kind()) {
                case "ServiceAccount" -> StrictModel.read(o.content(), ServiceAccount.class);
                case "Role" -> StrictModel.read(o.content(), Role.class);
                default -> StrictModel.read(o.content(), RoleBinding.class);
            }
        }
        // payments has no deployment on its staging target, so nothing goes there.
        assertFalse(places.containsKey("staging/flink-payments-staging"));
    }

    private RenderOutput render(Optional<String> cluster) {
        try {
            Compilation c = new Compiler().compile(Sources.workingTree(repo), cluster);
            assertTrue(c.output().isPresent(), () -> c.diagnostics().sorted().toString());
            return c.output().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<RenderedObject> rbac(RenderOutput out) {
        return out.clusters().values().stream().flatMap(List::stream).filter(o -> RBAC_KINDS.contains(o.kind())).toList();
    }

    private static Map<String, List<String>> byPlace(List<RenderedObject> objects) {
        return objects.stream().collect(Collectors.groupingBy(o -> o.cluster() + "/" + o.namespace(), TreeMap::new,
                Collectors.mapping(o -> o.kind() + " " + o.name(), Collectors.toList())));
    }

    private static RenderedObject find(RenderOutput out, String cluster, String namespace, String kind, String name) {
        return rbac(out).stream()
                .filter(o -> o.cluster().equals(cluster) && o.namespace().equals(namespace) && o.kind().equals(kind) && o.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + cluster + "/" + namespace + "/" + name));
    }

    static Role role(RenderOutput out, String cluster, String namespace, String name) {
        return StrictModel.read(find(out, cluster, namespace, "Role", name).content(), Role.class);
    }

    private static RoleBinding binding(RenderOutput out, String cluster, String namespace, String name) {
        return StrictModel.read(find(out, cluster, namespace, "RoleBinding", name).content(), RoleBinding.class);
    }

    private static List<String> subjects(RoleBinding binding) {
        return binding.getSubjects().stream()
                .map((Subject s) -> s.getKind() + " " + s.getName() + (s.getNamespace() == null ? "" : " " + s.getNamespace()))
                .toList();
    }

    private void write(String path, String content) throws Exception {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String target(String name, String cluster, String namespace) {
        return """
                apiVersion: v1
                kind: DeploymentTarget
                metadata:
                  name: %s
                spec:
                  cluster: %s
                  kubernetes:
                    namespace: %s
                """.formatted(name, cluster, namespace);
    }

    private static String deployment(String name, String target) {
        return """
                apiVersion: v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  deploymentTargetName: %s
                  template:
                    spec:
                      artifact:
                        kind: JAR
                        jarUri: s3://artifacts/job-1.0.jar
                        entryClass: com.example.Job
                        flinkImageRegistry: docker.io
                        flinkImageRepository: flink
                        flinkImageTag: 1.20.3-scala_2.12-java17
                """.formatted(name, target);
    }
}
